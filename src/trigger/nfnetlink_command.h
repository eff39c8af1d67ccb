// Reaches a netfilter subsystem's configuration commands the way root can:
// one nfnetlink message of a subsystem with no attributes, in a network
// namespace of its own. The subsystem's module autoloads
// ("nfnetlink-subsys-<n>"); the command's callback runs and, with nothing
// to configure, refuses. nfnetlink acknowledges a refused callback with its
// errno and does nothing else.
#pragma once

#include <string>
#include <vector>

#include "trigger/trip.h"

namespace ks::trigger {

// @command of @subsystem, by name: "osf add" (OSF_MSG_ADD: load an OS
// fingerprint), "cttimeout new" (IPCTNL_MSG_TIMEOUT_NEW: a conntrack
// timeout policy). Fails at "<subsystem> <command>" with the kernel's errno.
Trip nfnetlink_command(const std::string& subsystem, const std::string& command);

// The words of `ks-trigger nfnetlink <subsystem> <command>`.
util::Result<Trip> nfnetlink_from_words(const std::vector<std::string>& words);

}  // namespace ks::trigger
