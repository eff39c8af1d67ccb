#include "commands/kernel_failure.h"

#include <cerrno>

#include "commands/exit_codes.h"
#include "explain/kernel_error.h"
#include "sysfs/engaged_line.h"

namespace ks::commands {

std::optional<long> engaged_retval(const system::System& sys, const std::string& target) {
  auto text = sys.killswitch_read("engaged");
  if (!text) return std::nullopt;
  auto lines = sysfs::parse_engaged(*text);
  if (!lines) return std::nullopt;
  for (const auto& line : *lines)
    if (line.symbol == target) return line.retval;
  return std::nullopt;
}

std::string describe_failure(Context& ctx, const std::string& verb, const std::string& target, std::error_code error) {
  explain::Attempt attempt;
  attempt.verb = verb;
  attempt.target = target;
  attempt.root = ctx.root;
  attempt.lockdown = explain::lockdown_level(ctx.sys.lockdown().value_or(""));
  if (error.value() == EBUSY) attempt.current_retval = engaged_retval(ctx.sys, target);
  return explain::kernel_error(attempt, error);
}

int failure_exit_code(std::error_code error) {
  switch (error.value()) {
    case ENOENT:
      return kExitNotFound;
    default:
      return kExitRefused;
  }
}

}  // namespace ks::commands
