// killswitch disengage <function> | --all [--json]
#pragma once

#include <string>

#include "commands/cli_app.h"
#include "commands/context.h"

namespace ks::commands {

struct DisengageOptions {
  std::string target;
  bool all = false;
  bool json = false;
};

void setup_disengage(CLI::App& app, Context& ctx, int& exit_code);
int run_disengage(const DisengageOptions& opts, Context& ctx);

}  // namespace ks::commands
