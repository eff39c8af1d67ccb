// Checks a profile's target with the module's own parser and safety rules
// (kmod/parse, kmod/validate built in user space), so a profile that the
// module would refuse is rejected when it is read, not when it is applied.
#pragma once

#include <string>
#include <tl/expected.hpp>

#include "profile/profile.h"

namespace ks::profile {

// Fills @target.retval and canonical_condition; the error says what is wrong.
tl::expected<void, std::string> check_target(Target& target);

}  // namespace ks::profile
