// Turns a refused write into the sentence, the JSON and the exit code.
#pragma once

#include <optional>
#include <string>
#include <system_error>

#include "commands/context.h"

namespace ks::commands {

// The sentence for @verb of @target failing with @error, using what the
// system says now (lockdown level, the value it is engaged with).
std::string describe_failure(Context& ctx, const std::string& verb, const std::string& target, std::error_code error);

int failure_exit_code(std::error_code error);

// The retval of @target in the engaged file, if it is engaged.
std::optional<long> engaged_retval(const system::System& sys, const std::string& target);

}  // namespace ks::commands
