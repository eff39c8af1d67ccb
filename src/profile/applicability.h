// Whether a profile is needed on the running kernel, and why (docs/profiles.md).
// It never guesses: a kernel is "needed" only when it is known to be before
// a fix, "not needed" when known to have it (or to predate the bug), and
// "unknown" otherwise.
#pragma once

#include <string>
#include <string_view>

#include "profile/kernel_facts.h"
#include "profile/profile.h"

namespace ks::profile {

enum class Need { kNeeded, kNotNeeded, kUnknown };

// "needed", "not needed", "unknown"
std::string_view need_name(Need need);

struct Verdict {
  Need need = Need::kUnknown;
  std::string reason;  // one sentence, for people and for the JSON report
  bool needed() const { return need == Need::kNeeded; }
};

Verdict decide(const Profile& profile, const KernelFacts& facts);

}  // namespace ks::profile
