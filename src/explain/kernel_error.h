// The kernel answers a refused write with an errno; an operator needs a
// sentence that says what happened and what to do about it.
#pragma once

#include <optional>
#include <string>
#include <system_error>

#include "system/lockdown.h"
#include "wire/command.h"

namespace ks::explain {

struct Attempt {
  wire::Command command;               // what was written to control
  std::optional<long> current_retval;  // when the target is already engaged
  system::Lockdown lockdown = system::Lockdown::kNone;
  bool root = true;  // the writer runs as uid 0
};

std::string kernel_error(const Attempt& attempt, std::error_code error);

}  // namespace ks::explain
