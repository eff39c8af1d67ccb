// Reaches a character device's open (its file_operations) the way a user
// with access to the node can: open(2) of the node read-write, then close.
// Device mitigations in the catalog act on the open: a refused open leaves
// no file, and the kernel drops the driver's module reference.
#pragma once

#include <string>
#include <vector>

#include "trigger/trip.h"

namespace ks::trigger {

// Opens @node (under /dev) read-write and closes it. The trip fails at
// "open(<node>)" with the kernel's errno (ENOENT: no such node; its driver
// is not loaded and nothing autoloads it).
Trip device_open(const std::string& node);

// The words of `ks-trigger open-device <node>`.
util::Result<Trip> device_open_from_words(const std::vector<std::string>& words);

}  // namespace ks::trigger
