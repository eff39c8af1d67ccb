// What stands between a host and a runtime engagement: Secure Boot (the
// firmware's variable), the lockdown it brings, and whether the module file
// modprobe would load is signed, and by whom. status shows it, with the
// route that works on such a host (docs/secure-boot.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "system/backend.h"
#include "system/lockdown.h"
#include "system/module_signature.h"
#include "system/system.h"

namespace ks::system {

struct BootSecurity {
  std::optional<bool> secure_boot;  // nullopt: no UEFI variables to read (BIOS boot, or efivarfs not mounted)
  Lockdown lockdown = Lockdown::kNone;
  std::string module_file;                // killswitch.ko as modprobe finds it; empty if none
  std::optional<ModuleSignature> module;  // its signature; nullopt when the file cannot be read
  std::string module_error;
};

// efivarfs bytes: 4 of attributes, then 1 when Secure Boot is on.
std::optional<bool> parse_secure_boot(std::string_view variable);

BootSecurity read_boot_security(const System& sys);

// One sentence: how to engage on this host, given @backend.
std::string engage_route(const BootSecurity& security, Backend backend);

}  // namespace ks::system
