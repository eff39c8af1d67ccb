// The module's two wire files through the System seam: a Command written to
// control, the engaged file read back as lines.
#pragma once

#include <vector>

#include "system/system.h"
#include "wire/command.h"
#include "wire/engaged.h"

namespace ks::wire {

// One write of @command to control; the error carries the kernel's errno.
util::Result<void> send(system::System& sys, const Command& command);

// The engaged file, parsed.
util::Result<std::vector<EngagedLine>> read_engaged(const system::System& sys);

}  // namespace ks::wire
