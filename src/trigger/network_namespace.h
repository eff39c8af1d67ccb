// Runs a trigger's steps in a network namespace of its own, the way any
// user with a user namespace can: what they create (qdiscs, tables, sets)
// goes with it, and the host's own network is never touched.
#pragma once

#include <functional>

#include "trigger/trip.h"

namespace ks::trigger {

// Runs @steps in a child process that unshares its network namespace; the
// trip comes back over a pipe. Fails at "unshare(CLONE_NEWNET)" without
// CAP_SYS_ADMIN.
Trip in_own_network_namespace(const std::function<Trip()>& steps);

}  // namespace ks::trigger
