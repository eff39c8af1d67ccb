// Carries out engagements all or none: the one executor behind `engage`,
// `monitor` and `apply`, for the commands a plan (engage/plan.h) made. When the kernel refuses one command, what this
// run engaged is disengaged again, newest first.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "system/system.h"
#include "wire/command.h"

namespace ks::engage {

struct Outcome {
  std::vector<std::string> done;               // engaged and left engaged
  std::optional<wire::Command> failed;         // the command the kernel refused
  std::optional<util::Error> error;            // why; its code is the kernel's errno
  std::vector<std::string> rolled_back;        // engaged by this run, then disengaged again
  std::vector<std::string> rollback_failures;  // could not be disengaged: left engaged
  bool ok() const { return !error; }
};

// Sends each of @commands (engage, tryengage or monitor) in order.
Outcome execute(system::System& sys, const std::vector<wire::Command>& commands);

}  // namespace ks::engage
