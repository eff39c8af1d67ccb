// Reaches a traffic-control action's init (its tc_action_ops) the way root,
// or any user in a user and network namespace of its own, can: RTM_NEWACTION
// of that kind, which autoloads its module ("act_<kind>"). Filters that
// carry actions run the same init, so action mitigations in the catalog act
// on it: a refused init creates nothing, and tc drops the module reference.
#pragma once

#include <string>
#include <vector>

#include "trigger/trip.h"

namespace ks::trigger {

// RTM_NEWACTION of one standalone action of @kind. "gact" gets its one
// required parameter (pass, at a fixed index) so that it is created, and is
// deleted again; every other kind gets none, so its init runs and refuses
// the request (EINVAL). The trip fails at "RTM_NEWACTION(<kind>)" with the
// kernel's errno.
Trip tc_action_add(const std::string& kind);

// The words of `ks-trigger tc-action <kind>`.
util::Result<Trip> tc_action_from_words(const std::vector<std::string>& words);

}  // namespace ks::trigger
