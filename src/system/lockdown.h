// The kernel's lockdown level (/sys/kernel/security/lockdown). At integrity
// and above killswitch refuses every change at run time.
#pragma once

#include <string>
#include <string_view>

namespace ks::system {

enum class Lockdown { kNone, kIntegrity, kConfidentiality };

// "[none] integrity confidentiality" -> kNone; unreadable or unknown -> kNone.
Lockdown parse_lockdown(std::string_view lockdown_file);

std::string_view lockdown_name(Lockdown level);

inline bool refuses_changes(Lockdown level) { return level != Lockdown::kNone; }

}  // namespace ks::system
