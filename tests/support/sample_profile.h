// A small valid profile for the tests.
#pragma once

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
)";

}  // namespace ks::testing
