// The kernel answers a refused write with an errno; an operator needs a
// sentence that says what happened and what to do about it.
#pragma once

#include <optional>
#include <string>
#include <system_error>

namespace ks::explain {

struct Attempt {
  std::string verb;                    // engage, disengage, disengage_all, monitor, tryengage
  std::string target;                  // empty for disengage_all
  std::optional<long> current_retval;  // when the target is already engaged
  std::string lockdown;                // the lockdown level in force, "none" if unknown
  bool root = true;                    // the writer runs as uid 0
};

std::string kernel_error(const Attempt& attempt, std::error_code error);

// "[none] integrity confidentiality" -> "none"
std::string lockdown_level(const std::string& lockdown_file);

}  // namespace ks::explain
