// Reaches an io_uring opcode's handlers (its prep, then its issue) the way
// any user can: one ring, one request, one completion. io_uring mitigations
// in the catalog act on an opcode's prep, so that the rest of io_uring keeps
// working; a refused prep shows as the completion's result.
#pragma once

#include <string>
#include <vector>

#include "trigger/trip.h"

namespace ks::trigger {

// One request through a fresh ring: IORING_OP_NOP (@opcode "nop"), or
// IORING_OP_OPENAT ("openat") or IORING_OP_OPENAT2 ("openat2") of "/"
// read-only, the file closed again. The trip fails at "io_uring_setup", at
// "io_uring_enter", or at the opcode (IORING_OP_OPENAT) with the
// completion's errno.
Trip io_uring_open(const std::string& opcode);

// The words of `ks-trigger io-uring <opcode>`.
util::Result<Trip> io_uring_from_words(const std::vector<std::string>& words);

}  // namespace ks::trigger
