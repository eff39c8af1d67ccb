#include "profile/standing.h"

#include <algorithm>

#include "profile/applier.h"
#include "profile/ownership.h"
#include "util/text.h"

namespace ks::profile {

std::string_view applicable_name(Applicable applicable) {
  switch (applicable) {
    case Applicable::kYes:
      return "yes";
    case Applicable::kWhenLoaded:
      return "when-loaded";
    case Applicable::kNo:
      return "no";
  }
  return "no";
}

Standing stand(const Profile& p, const util::Result<KernelFacts>& facts, kernel::KernelInfo& info,
               system::Backend backend, const std::vector<wire::EngagedLine>& engaged) {
  Standing s;
  if (facts) s.need = decide(p, *facts);
  s.applied = applied(p, engaged);
  auto plan = plan_profile(p, info, backend);
  if (!plan.ok()) {
    s.applicable_why = plan.why;
    return s;
  }
  std::vector<std::string> waiting;
  for (const auto& r : plan.reports)
    if (r.pending && std::find(waiting.begin(), waiting.end(), r.module_requested) == waiting.end())
      waiting.push_back(r.module_requested);
  s.applicable = waiting.empty() ? Applicable::kYes : Applicable::kWhenLoaded;
  if (!waiting.empty()) s.applicable_why = "engaged when " + util::join(waiting) + " loads";
  return s;
}

}  // namespace ks::profile
