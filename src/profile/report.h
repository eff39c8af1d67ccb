// Per-profile results for people (text) and for fleet tools (JSON).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "profile/applier.h"
#include "profile/kernel_facts.h"

namespace ks::profile {

// A malformed profile: {"file", "line", "column", "what"}.
nlohmann::json error_json(const util::Error& error);

nlohmann::json facts_json(const KernelFacts& facts);
nlohmann::json result_json(const ProfileResult& result);

// {"kernel": {...}, "results": [...], "changed": bool, "failed": n}
nlohmann::json report_json(const KernelFacts& facts, const std::vector<ProfileResult>& results);

// One line per profile, then one indented line per target that did something.
std::string report_text(const std::vector<ProfileResult>& results);

}  // namespace ks::profile
