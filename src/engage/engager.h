// Engages a function and its clones together: all of them or none. A
// refusal part-way disengages what this run engaged, in reverse order.
#pragma once

#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "system/system.h"

namespace ks::engage {

struct Plan {
  std::string verb = "engage";  // engage, tryengage or monitor
  std::vector<std::string> targets;
  long value = 0;
  std::optional<std::string> condition;  // module grammar; engage only
  unsigned seconds = 0;                  // tryengage only
};

struct Outcome {
  std::vector<std::string> done;  // engaged and left engaged
  std::optional<std::string> failed_target;
  std::error_code error;
  std::vector<std::string> rolled_back;        // engaged by this run, then disengaged again
  std::vector<std::string> rollback_failures;  // could not be disengaged: left engaged
  bool ok() const { return !error; }
};

// The control command for one target: "engage f -1 if arg2==38\n".
std::string command_text(const Plan& plan, const std::string& target);

Outcome execute(system::System& sys, const Plan& plan);

}  // namespace ks::engage
