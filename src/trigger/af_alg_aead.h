// Reaches the AF_ALG AEAD path (crypto/af_alg.c, crypto/algif_aead.c) the way
// a user would: a gcm(aes) encryption and decryption round trip through an
// AF_ALG socket. Copy Fail (CVE-2026-31431) lives on this path.
#pragma once

#include <string>

#include "util/error.h"

namespace ks::trigger {

// A round trip either works, or fails at one step: the error's what names
// the call ("sendmsg"), its code the errno.
using Trip = util::Result<void>;

// Encrypts a fixed message with gcm(aes) and decrypts it again, checking
// that the plaintext comes back. The first failing system call is reported.
Trip af_alg_aead_round_trip();

// "ok", or "sendmsg: Operation not permitted (errno 1)".
std::string describe(const Trip& trip);
// The call that failed, or empty.
std::string failed_step(const Trip& trip);
// Its errno, or 0 when the trip worked.
int trip_errno(const Trip& trip);

}  // namespace ks::trigger
