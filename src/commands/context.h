// What every subcommand runs with: the system, where output goes, and how
// to wait (monitor), so each run_* can be tested without a terminal or a clock.
#pragma once

#include <functional>
#include <iosfwd>

#include "system/system.h"

namespace ks::commands {

struct ProfileContext;  // commands/profile_context.h

struct Context {
  system::System& sys;
  std::ostream& out;
  std::ostream& err;
  bool tty = false;  // stdout is a terminal: progress lines
  bool root = true;  // running as uid 0, for error messages
  std::function<void(unsigned seconds)> sleep;
  std::function<bool()> interrupted = [] { return false; };  // Ctrl-C during monitor
  // The profile subcommands' own context (host facts, control file, catalog
  // and persist folders); null where no profile subcommand is set up.
  ProfileContext* profiles = nullptr;
};

}  // namespace ks::commands
