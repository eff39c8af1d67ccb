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

// Whether @commands fit in one write to control (lines and bytes, ABI limits).
bool fits_one_write(const std::vector<Command>& commands);

// One write of @commands, one a line: carried out by our module as one
// transaction, all or none. The error is the first failing line's errno.
util::Result<void> send_all(system::System& sys, const std::vector<Command>& commands);

// The engaged file, parsed.
util::Result<std::vector<EngagedLine>> read_engaged(const system::System& sys);

}  // namespace ks::wire
