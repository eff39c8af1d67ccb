// Which killswitch is there: our module (the whole ABI), the upstream
// built-in one (ABI section 1 only), or none.
#pragma once

#include <string>
#include <vector>

#include "system/system.h"

namespace ks::system {

enum class Backend { kNone, kModule, kBuiltin };

// killswitch.ko shows in /proc/modules; a securityfs directory without it
// is the kernel's built-in killswitch.
Backend detect_backend(const System& sys);

std::string backend_name(Backend backend);

// What the tool cannot do with @backend, in words ("conditions (--if)").
std::vector<std::string> missing_features(Backend backend);

// Whether @module_name is in /proc/modules' text.
bool module_listed(std::string_view modules_text, std::string_view module_name);

}  // namespace ks::system
