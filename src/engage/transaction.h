// Carries out engagements all or none: the one executor behind `engage`,
// `monitor` and `apply`, for the commands a plan (engage/plan.h) made. With
// our module they go in one write, which the kernel carries out all or none
// with one ftrace update. With the built-in killswitch (one command a
// write), or to name the command the kernel refused a batch for, they go
// one at a time, and what this run engaged is disengaged again, newest
// first, when the kernel refuses one.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engage/plan.h"
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

// Sends the commands of @plan (engage, tryengage or monitor).
Outcome execute(system::System& sys, const Plan& plan);

}  // namespace ks::engage
