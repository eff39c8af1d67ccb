// A small valid profile for the tests.
#pragma once

#include <string>
#include <string_view>

namespace ks::testing {

inline constexpr const char* kSampleProfile = R"(id = "CVE-2026-31431"
title = "Copy Fail"
summary = "AF_ALG AEAD writes into the page cache."
references = ["https://example.org/advisory"]

[affected]
introduced = "4.14"

[fixed]
upstream = ["6.1.170", "6.12.85"]
debian = ["6.1.170-1"]

[[target]]
function = "algif_aead:aead_recvmsg"
value = "-EPERM"

[[target]]
function = "algif-aead:aead_sendmsg"
value = -1
condition = "uid != 0"

[behaviour]
preserves = "AF_ALG hashes and skciphers"
breaks = "AF_ALG AEAD"

[proof]
trigger = ["af-alg-aead"]
refused = "EPERM"
modules = ["algif_aead"]
keeps = [["socket", "alg", "seqpacket"], ["socket", "inet", "stream"]]
)";

// A minimal valid profile @id whose targets are @targets, "[[target]]"
// tables as TOML.
inline std::string profile_with_targets(std::string_view id, std::string_view targets) {
  return "id = \"" + std::string(id) + "\"\ntitle = \"t\"\nsummary = \"s\"\n" + std::string(targets) +
         "[behaviour]\npreserves = \"p\"\nbreaks = \"b\"\n";
}

}  // namespace ks::testing
