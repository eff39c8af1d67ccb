// Checks a profile's target with the module's own parser and safety rules
// (the module's pure C built in user space), so a profile that the module
// would refuse is rejected when it is read, not when it is applied.
#pragma once

#include "profile/profile.h"
#include "util/error.h"

namespace ks::profile {

// Fills @target.retval and canonical_condition; the error says what is wrong.
util::Result<void> check_target(Target& target);

}  // namespace ks::profile
