// Where a profile stands on the running host, as `profiles list` shows it:
// needed or not (the version rules), applicable or not (the road engage
// takes: its functions are in this kernel or in a module it can load, and
// the safety rules take them), applied or not (the engaged file).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/kernel_info.h"
#include "profile/applicability.h"
#include "profile/profile.h"
#include "system/backend.h"
#include "util/error.h"
#include "wire/engaged.h"

namespace ks::profile {

enum class Applicable {
  kYes,         // every target can be engaged now
  kWhenLoaded,  // can be engaged; a module it names is not loaded yet (pending until it is)
  kNo,          // a function this kernel does not have, or one the rules refuse
};

// "yes", "when-loaded", "no"
std::string_view applicable_name(Applicable applicable);

struct Standing {
  std::optional<Verdict> need;  // none when the kernel's facts could not be read
  Applicable applicable = Applicable::kNo;
  std::string applicable_why;  // for kWhenLoaded the modules, for kNo the reason
  bool applied = false;
};

Standing stand(const Profile& p, const util::Result<KernelFacts>& facts, kernel::KernelInfo& info,
               system::Backend backend, const std::vector<wire::EngagedLine>& engaged);

}  // namespace ks::profile
