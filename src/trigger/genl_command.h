// Reaches a generic netlink family's command (its doit) the way root can:
// the family's id looked up by name from the controller, then one request
// of the command with no attributes. Generic-netlink mitigations in the
// catalog act on a command's doit; genetlink answers a refused doit with
// its errno and frees the parsed request, nothing else.
#pragma once

#include <string>
#include <vector>

#include "trigger/trip.h"

namespace ks::trigger {

// @command of @family with no attributes: most doits refuse that (EINVAL)
// after they ran. The trip fails at "CTRL_CMD_GETFAMILY(<family>)" (ENOENT:
// no such family is registered; its module is not loaded) or at
// "<family> command <n>" with the kernel's errno.
Trip genl_command(const std::string& family, unsigned command);

// The words of `ks-trigger genl <family> <command>`: the command by its
// number in the family's uapi header, or by a name ks-trigger knows
// (nbd: connect, status; fou: add, del).
util::Result<Trip> genl_from_words(const std::vector<std::string>& words);

}  // namespace ks::trigger
