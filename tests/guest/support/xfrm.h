// IPsec ESP transport associations set up over NETLINK_XFRM, for guest
// tests: the guest's busybox `ip` has no `xfrm` command.
#pragma once

#include <cstdint>
#include <string>
#include <system_error>

namespace ks::guest::xfrm {

// An ESP SA from @src to @dst (IPv4), transport mode, rfc4106(gcm(aes)) with
// a fixed test key. Needed on both ends: the sender encrypts, the receiver
// decrypts with it.
std::error_code add_esp_sa(const std::string& src, const std::string& dst, uint32_t spi);

// An outbound policy: UDP from @src to @dst:@dport must use ESP transport.
std::error_code add_udp_out_policy(const std::string& src, const std::string& dst, uint16_t dport);

}  // namespace ks::guest::xfrm
