#include "commands/kernel_failure.h"

#include <cerrno>

#include "commands/exit_codes.h"
#include "explain/kernel_error.h"
#include "wire/channel.h"

namespace ks::commands {

std::string describe_failure(Context& ctx, const wire::Command& command, const util::Error& error) {
  explain::Attempt attempt;
  attempt.command = command;
  attempt.root = ctx.root;
  attempt.lockdown = system::parse_lockdown(ctx.sys.lockdown().value_or(""));
  if (error.errno_value() == EBUSY)
    if (auto lines = wire::read_engaged(ctx.sys))
      if (const auto* line = wire::find_engaged(*lines, command.target)) attempt.current_retval = line->retval;
  return explain::kernel_error(attempt, error.code);
}

int failure_exit_code(const util::Error& error) { return error.errno_value() == ENOENT ? kExitNotFound : kExitRefused; }

}  // namespace ks::commands
