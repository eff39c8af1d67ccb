#include "engage/transaction.h"

#include "wire/channel.h"

namespace ks::engage {

Outcome execute(system::System& sys, const std::vector<wire::Command>& commands) {
  Outcome out;
  for (const auto& command : commands) {
    if (auto sent = wire::send(sys, command); !sent) {
      out.failed = command;
      out.error = sent.error();
      break;
    }
    out.done.push_back(command.target);
  }
  if (out.ok()) return out;
  for (auto it = out.done.rbegin(); it != out.done.rend(); ++it) {
    auto undone = wire::send(sys, wire::Command::disengage(*it));
    (undone ? out.rolled_back : out.rollback_failures).push_back(*it);
  }
  out.done = out.rollback_failures;
  return out;
}

}  // namespace ks::engage
