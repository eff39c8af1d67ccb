// The signature the kernel checks when it loads a module: a PKCS#7 blob
// appended to the .ko, then a small trailer and a magic string
// (include/linux/module_signature.h). Who signed is the issuer of the
// signing certificate, as `modinfo -F signer` shows it.
#pragma once

#include <string>
#include <string_view>

#include "util/error.h"

namespace ks::system {

struct ModuleSignature {
  bool is_signed = false;
  std::string signer;  // the certificate issuer's common name: "DKMS module signing key"
  std::string key;     // the certificate's serial number, hex, as modinfo's sig_key
};

// From the module file's bytes; an error when a signature is there but
// cannot be read.
util::Result<ModuleSignature> read_module_signature(std::string_view module_bytes);

}  // namespace ks::system
