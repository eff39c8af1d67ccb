// Which killswitch is there: our module or ours built in (the in-tree
// series, docs/intree.md), both with the whole ABI; another built-in one,
// the upstream proposal's (ABI section 1 only); or none.
#pragma once

#include <string>
#include <vector>

#include "system/system.h"

namespace ks::system {

enum class Backend { kNone, kModule, kInTree, kBuiltin };

// killswitch.ko shows in /proc/modules; without it, a securityfs directory
// is a built-in killswitch: ours when it has our parameters
// (/sys/module/killswitch/parameters/max_engagements), else another.
Backend detect_backend(const System& sys);

std::string backend_name(Backend backend);

// The whole ABI (ours, module or built in): several lines per write, conditions, ...
bool full_abi(Backend backend);

// What the tool cannot do with @backend, in words ("conditions (--if)").
std::vector<std::string> missing_features(Backend backend);

// Whether @module_name is in /proc/modules' text.
bool module_listed(std::string_view modules_text, std::string_view module_name);

}  // namespace ks::system
