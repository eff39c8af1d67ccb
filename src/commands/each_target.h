// Commands that act on engagements one target at a time (disengage,
// confirm): send one command per target in order, stop at the first the
// kernel refuses, and report what was done and why it stopped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "commands/context.h"
#include "wire/command.h"

namespace ks::commands {

struct EachResult {
  std::vector<std::string> done;  // targets whose command the kernel took
  std::string error;              // why it stopped; empty when all were done
  int code = 0;                   // the exit code (0 when all were done)
};

// Sends @commands in order; stops at the first refusal.
EachResult send_each(Context& ctx, const std::vector<wire::Command>& commands);

// Prints @result: JSON {"<key>": [...], "error": ...}, or a line per done
// target ("<past> <target><suffix>") and the error after "killswitch <tool>: ".
// Returns its code.
int print_each(Context& ctx, bool json, std::string_view key, std::string_view past, std::string_view suffix,
               std::string_view tool, const EachResult& result);

}  // namespace ks::commands
