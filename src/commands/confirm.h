// killswitch confirm [function] [--json]: keeps engagements made with
// `engage --confirm SECONDS`, which the module otherwise undoes in time.
#pragma once

#include <string>

#include "commands/cli_app.h"
#include "commands/context.h"

namespace ks::commands {

struct ConfirmOptions {
  std::string target;  // empty: every engagement still waiting for confirmation
  bool json = false;
};

void setup_confirm(CLI::App& app, Context& ctx, int& exit_code);
int run_confirm(const ConfirmOptions& opts, Context& ctx);

}  // namespace ks::commands
