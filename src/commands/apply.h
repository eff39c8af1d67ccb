// killswitch apply <profile|dir>... [--dry-run] [--ignore-version] [--json]
#pragma once

#include <string>
#include <vector>

#include "commands/cli_app.h"
#include "commands/context.h"

namespace ks::commands {

struct ApplyOptions {
  std::vector<std::string> paths;
  bool dry_run = false;
  bool ignore_version = false;
  bool include_unknown = false;
  unsigned confirm_seconds = 0;
  bool json = false;
};

void setup_apply(CLI::App& app, Context& ctx, int& exit_code);
int run_apply(const ApplyOptions& opts, Context& ctx);

}  // namespace ks::commands
