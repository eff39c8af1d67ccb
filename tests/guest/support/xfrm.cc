#include "support/xfrm.h"

#include <arpa/inet.h>
#include <linux/netlink.h>
#include <linux/xfrm.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "trigger/netlink_request.h"

namespace ks::guest::xfrm {

namespace {

// Sends @request over NETLINK_XFRM: its acknowledgement as an error_code.
std::error_code send(trigger::NetlinkRequest& request) {
  int err = request.send(NETLINK_XFRM);
  return err < 0 ? std::error_code{-err, std::system_category()} : std::error_code{};
}

void no_limits(xfrm_lifetime_cfg& lft) {
  lft.soft_byte_limit = lft.hard_byte_limit = XFRM_INF;
  lft.soft_packet_limit = lft.hard_packet_limit = XFRM_INF;
}

uint32_t ip(const std::string& text) {
  in_addr a{};
  ::inet_pton(AF_INET, text.c_str(), &a);
  return a.s_addr;
}

}  // namespace

std::error_code add_esp_sa(const std::string& src, const std::string& dst, uint32_t spi) {
  xfrm_usersa_info sa{};
  sa.id.daddr.a4 = ip(dst);
  sa.id.spi = htonl(spi);
  sa.id.proto = IPPROTO_ESP;
  sa.saddr.a4 = ip(src);
  sa.family = AF_INET;
  sa.sel.family = AF_INET;
  sa.mode = XFRM_MODE_TRANSPORT;
  sa.reqid = 0;  // the policy template asks for reqid 0: they must match
  sa.replay_window = 32;
  no_limits(sa.lft);
  trigger::NetlinkRequest req(XFRM_MSG_NEWSA, NLM_F_CREATE | NLM_F_EXCL, &sa, sizeof(sa));

  // 128-bit AES key plus the 32-bit salt rfc4106 takes at the end.
  constexpr unsigned kKeyBytes = 20;
  std::vector<char> aead(sizeof(xfrm_algo_aead) + kKeyBytes, 0);
  auto* alg = reinterpret_cast<xfrm_algo_aead*>(aead.data());
  std::strncpy(alg->alg_name, "rfc4106(gcm(aes))", sizeof(alg->alg_name) - 1);
  alg->alg_key_len = kKeyBytes * 8;
  alg->alg_icv_len = 128;
  for (unsigned i = 0; i < kKeyBytes; ++i) alg->alg_key[i] = static_cast<char>(0x11 * (i + 1));
  req.attr(XFRMA_ALG_AEAD, aead.data(), aead.size());
  return send(req);
}

std::error_code add_udp_out_policy(const std::string& src, const std::string& dst, uint16_t dport) {
  xfrm_userpolicy_info pol{};
  pol.sel.daddr.a4 = ip(dst);
  pol.sel.saddr.a4 = ip(src);
  pol.sel.prefixlen_d = 32;
  pol.sel.prefixlen_s = 32;
  pol.sel.dport = htons(dport);
  pol.sel.dport_mask = 0xffff;
  pol.sel.proto = IPPROTO_UDP;
  pol.sel.family = AF_INET;
  pol.dir = XFRM_POLICY_OUT;
  pol.action = XFRM_POLICY_ALLOW;
  no_limits(pol.lft);
  trigger::NetlinkRequest req(XFRM_MSG_NEWPOLICY, NLM_F_CREATE | NLM_F_EXCL, &pol, sizeof(pol));

  xfrm_user_tmpl tmpl{};
  tmpl.id.daddr.a4 = ip(dst);
  tmpl.id.proto = IPPROTO_ESP;
  tmpl.saddr.a4 = ip(src);
  tmpl.family = AF_INET;
  tmpl.mode = XFRM_MODE_TRANSPORT;
  tmpl.aalgos = tmpl.ealgos = tmpl.calgos = ~0u;
  req.attr(XFRMA_TMPL, &tmpl, sizeof(tmpl));
  return send(req);
}

}  // namespace ks::guest::xfrm
