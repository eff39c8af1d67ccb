// killswitch revert <profile>... [--dry-run] [--json]
#pragma once

#include <string>
#include <vector>

#include "commands/cli_app.h"
#include "commands/context.h"

namespace ks::commands {

struct RevertOptions {
  std::vector<std::string> profiles;  // ids (looked up in the catalog) or paths
  bool dry_run = false;
  bool json = false;
};

void setup_revert(CLI::App& app, Context& ctx, int& exit_code);
int run_revert(const RevertOptions& opts, Context& ctx);

}  // namespace ks::commands
