#include "engage/transaction.h"

#include "wire/channel.h"

namespace ks::engage {
namespace {

// One command at a time; on a refusal, this run's engagements are undone.
Outcome execute_each(system::System& sys, const std::vector<wire::Command>& commands) {
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

}  // namespace

Outcome execute(system::System& sys, const Plan& plan) {
  const auto& commands = plan.commands;
  if (plan.one_write && commands.size() > 1 && wire::fits_one_write(commands)) {
    if (wire::send_all(sys, commands)) {
      Outcome out;
      for (const auto& command : commands) out.done.push_back(command.target);
      return out;
    }
    // Refused whole, so nothing changed: one at a time names the culprit.
  }
  return execute_each(sys, commands);
}

}  // namespace ks::engage
