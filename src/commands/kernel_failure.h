// Turns a command the kernel refused into the sentence and the exit code.
#pragma once

#include <string>

#include "commands/context.h"
#include "util/error.h"
#include "wire/command.h"

namespace ks::commands {

// The sentence for @command failing with @error, using what the system says
// now (lockdown level, the value the target is engaged with).
std::string describe_failure(Context& ctx, const wire::Command& command, const util::Error& error);

int failure_exit_code(const util::Error& error);

}  // namespace ks::commands
