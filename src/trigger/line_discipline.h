// Reaches a tty line discipline's open the way a user with a terminal can:
// TIOCSETD on the follower side of a fresh pseudo-terminal, which autoloads
// the discipline's module ("tty-ldisc-<n>"), then back to N_TTY. Line
// discipline mitigations in the catalog act on the open: a refused open is
// never closed, and the tty goes back to the discipline it had.
#pragma once

#include <string>
#include <vector>

#include "trigger/trip.h"

namespace ks::trigger {

// @name: "slip" (N_SLIP), "hci" (N_HCI), "ppp" (N_PPP), "sync_ppp"
// (N_SYNC_PPP). Fails at "TIOCSETD(<name>)" with the kernel's errno.
Trip line_discipline_set(const std::string& name);

// The words of `ks-trigger ldisc <name>`.
util::Result<Trip> line_discipline_from_words(const std::vector<std::string>& words);

}  // namespace ks::trigger
