// Reaches the AF_ALG AEAD path (crypto/af_alg.c, crypto/algif_aead.c) the way
// a user would: a gcm(aes) encryption and decryption round trip through an
// AF_ALG socket. Copy Fail (CVE-2026-31431) lives on this path.
#pragma once

#include <string>
#include <system_error>

namespace ks::trigger {

struct StepResult {
  bool ok = false;
  std::string failed_step;  // which call failed, empty when ok
  std::error_code error;    // its errno
  std::string describe() const;
};

// Encrypts a fixed message with gcm(aes) and decrypts it again, checking
// that the plaintext comes back. The first failing system call is reported.
StepResult af_alg_aead_round_trip();

}  // namespace ks::trigger
