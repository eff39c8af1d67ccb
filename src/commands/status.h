// killswitch status [--json]: what is engaged, how often it was hit, and
// the state around it (backend, taint, lockdown).
#pragma once

#include "commands/cli_app.h"
#include "commands/context.h"

namespace ks::commands {

struct StatusOptions {
  bool json = false;
};

void setup_status(CLI::App& app, Context& ctx, int& exit_code);
int run_status(const StatusOptions& opts, Context& ctx);

}  // namespace ks::commands
