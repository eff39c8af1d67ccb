// Everything the tool can know about engaging a target before it touches
// the kernel: does it exist, where, is it unique, can kprobes take it,
// what it returns and whether the value fits, its clones, the module's
// safety rule for it, and the state of killswitch itself.
#pragma once

#include <optional>
#include <string>

#include "check/report.h"
#include "kernel/kernel_info.h"
#include "system/backend.h"
#include "wire/command.h"

namespace ks::check {

struct Request {
  std::string target;                     // "symbol" or "module:symbol"
  std::optional<long> value;              // what engage would return
  std::optional<std::string> condition;   // as the operator wrote it (names allowed)
  wire::Verb verb = wire::Verb::kEngage;  // monitor never short-circuits
};

// A request as the command line gives it: the value in words ("-EPERM",
// "NULL", "false") is parsed here; a bad one is the error.
util::Result<Request> make_request(std::string target, const std::optional<std::string>& value,
                                   std::optional<std::string> condition);

Report check(kernel::KernelInfo& info, system::Backend backend, const Request& request);

}  // namespace ks::check
