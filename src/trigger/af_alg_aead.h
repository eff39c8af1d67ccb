// Reaches the AF_ALG AEAD path (crypto/af_alg.c, crypto/algif_aead.c) the way
// a user would: a gcm(aes) encryption and decryption round trip through an
// AF_ALG socket. Copy Fail (CVE-2026-31431) lives on this path.
#pragma once

#include "trigger/trip.h"

namespace ks::trigger {

// Encrypts a fixed message with gcm(aes) and decrypts it again, checking
// that the plaintext comes back. The first failing system call is reported.
Trip af_alg_aead_round_trip();

}  // namespace ks::trigger
