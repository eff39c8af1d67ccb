// Whether a profile is needed on the running kernel, and why (docs/profiles.md).
#pragma once

#include <string>

#include "profile/kernel_facts.h"
#include "profile/profile.h"

namespace ks::profile {

struct Verdict {
  bool applicable = false;
  std::string reason;  // one sentence, for people and for the JSON report
};

Verdict decide(const Profile& profile, const KernelFacts& facts);

}  // namespace ks::profile
