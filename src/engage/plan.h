// The checks every engagement passes before it reaches the kernel: one road
// for `engage`, `monitor`, `apply` (and so the boot service's persisted
// profiles), `persist` and `profiles validate`. Each request is resolved to
// its function and compiler clones, its prototype read from BTF, its value
// judged by the module's own safety rules over the module's own BTF reader,
// and the whole batch is refused at the first request that fails, before
// anything is written. execute() then engages the commands all or none.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "check/check.h"
#include "kernel/kernel_info.h"
#include "system/backend.h"
#include "wire/command.h"

namespace ks::engage {

// Why a plan stops; each maps to one exit code.
enum class Stop {
  kNone,
  kNoValue,    // no value given and the return type implies none
  kNotFound,   // the function does not exist
  kRefused,    // the module, the kernel or its safety rules would refuse it
  kUnsafe,     // the tool calls it unsafe; --force overrides
  kDuplicate,  // one target asked for twice
};

struct PlanOptions {
  bool force = false;                   // engage what check calls unsafe (never what is refused)
  std::optional<unsigned> try_seconds;  // tryengage instead of engage
  unsigned confirm_seconds = 0;         // engage ... expire=<s>
};

struct Plan {
  std::vector<check::Report> reports;   // one per request checked, in order
  std::vector<wire::Command> commands;  // every target of every request, clones included
  bool one_write = false;               // the backend takes them as one batch (our module)
  Stop stop = Stop::kNone;
  std::string why;  // the sentence for a stop, naming the rule
  bool ok() const { return stop == Stop::kNone; }
  // The report of the request that stopped the plan (the last one checked).
  const check::Report* stopped_report() const { return ok() || reports.empty() ? nullptr : &reports.back(); }
};

Plan plan(kernel::KernelInfo& info, system::Backend backend, const std::vector<check::Request>& requests,
          const PlanOptions& options = {});

}  // namespace ks::engage
