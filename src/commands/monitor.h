// killswitch monitor <function> [--for SECONDS] [--json]: counts calls
// without changing them (the module's monitor verb), to learn what an
// engagement would break before making it.
#pragma once

#include <string>

#include "commands/cli_app.h"
#include "commands/context.h"

namespace ks::commands {

struct MonitorOptions {
  std::string target;
  unsigned seconds = 10;
  bool json = false;
};

void setup_monitor(CLI::App& app, Context& ctx, int& exit_code);
int run_monitor(const MonitorOptions& opts, Context& ctx);

}  // namespace ks::commands
