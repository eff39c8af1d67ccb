#include "engage/engager.h"

#include "uapi/killswitch.h"

namespace ks::engage {

std::string command_text(const Plan& plan, const std::string& target) {
  std::string text = plan.verb + " " + target;
  if (plan.verb != KS_VERB_MONITOR) text += " " + std::to_string(plan.value);
  if (plan.verb == KS_VERB_TRYENGAGE) text += " " + std::to_string(plan.seconds);
  if (plan.verb == KS_VERB_ENGAGE && plan.condition) text += std::string(" ") + KS_COND_KEYWORD + " " + *plan.condition;
  return text + "\n";
}

Outcome execute(system::System& sys, const Plan& plan) {
  Outcome out;
  for (const auto& target : plan.targets) {
    if (auto err = sys.killswitch_write(KS_CONTROL_FILE, command_text(plan, target))) {
      out.failed_target = target;
      out.error = err;
      break;
    }
    out.done.push_back(target);
  }
  if (out.ok()) return out;
  for (auto it = out.done.rbegin(); it != out.done.rend(); ++it) {
    auto err = sys.killswitch_write(KS_CONTROL_FILE, std::string(KS_VERB_DISENGAGE) + " " + *it + "\n");
    (err ? out.rollback_failures : out.rolled_back).push_back(*it);
  }
  out.done = out.rollback_failures;
  return out;
}

}  // namespace ks::engage
