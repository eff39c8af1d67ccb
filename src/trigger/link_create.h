// Reaches a link type's newlink (its rtnl_link_ops) the way root, or any
// user in a user and network namespace of its own, can: RTM_NEWLINK of that
// kind over rtnetlink, which autoloads the type's module ("rtnl-link-<kind>").
// Link-type mitigations in the catalog act on the type's newlink: a refused
// newlink leaves the device unregistered, and rtnetlink frees it.
#pragma once

#include <string>
#include <vector>

#include "trigger/trip.h"

namespace ks::trigger {

// RTM_NEWLINK of a link "ks-trigger0" of @kind with empty type data (no
// lower device, no options: most types refuse that in their newlink, with
// EINVAL, after it ran); deleted again should it ever be created. The trip
// fails at "RTM_NEWLINK(<kind>)" with the kernel's errno.
Trip link_create(const std::string& kind);

// The words of `ks-trigger link <kind>`.
util::Result<Trip> link_from_words(const std::vector<std::string>& words);

}  // namespace ks::trigger
