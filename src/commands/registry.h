// The subcommand table. A subcommand is one file in commands/ with an
// Options struct, setup_<name>() that binds its flags and run_<name>()
// that does the work; adding one is a line here.
#pragma once

#include <string>
#include <vector>

#include "commands/cli_app.h"
#include "commands/context.h"

namespace ks::commands {

// Adds the subcommand to @app; when it runs, its exit code goes to @exit_code.
using SetupFn = void (*)(CLI::App& app, Context& ctx, int& exit_code);

struct CommandEntry {
  const char* name;
  SetupFn setup;
};

const std::vector<CommandEntry>& command_table();

// The closest command name to @typed, or empty when none is close.
std::string did_you_mean(const std::string& typed);

}  // namespace ks::commands
