#include "trigger/tc_objects.h"

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/netlink.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>

#include <cstdint>

#include "trigger/netlink_request.h"
#include "trigger/network_namespace.h"

namespace ks::trigger {
namespace {

constexpr int kLoopback = 1;                   // lo's index in every network namespace
constexpr uint32_t kRootHandle = 0x00010000;   // 1:
constexpr uint32_t kClassHandle = 0x00010001;  // 1:1
constexpr uint32_t kIngressHandle = 0xffff0000;
constexpr uint32_t kRouteHandle = 0xffff8000;  // cls_route's handle for a filter with no options
constexpr uint32_t kQfqMaxPacket = 2048;       // qfq's default (lo's MTU) is above its limit
constexpr size_t kMaxTcKind = 15;              // IFNAMSIZ - 1, tc's limit on a kind

tcmsg on_loopback(uint32_t parent, uint32_t handle, uint32_t info = 0) {
  tcmsg tc{};
  tc.tcm_family = AF_UNSPEC;
  tc.tcm_ifindex = kLoopback;
  tc.tcm_parent = parent;
  tc.tcm_handle = handle;
  tc.tcm_info = info;
  return tc;
}

// The options that make @kind's init reach its change.
void qdisc_options(NetlinkRequest& req, const std::string& kind) {
  if (kind == "netem") {
    tc_netem_qopt plain{};
    plain.limit = 1000;
    req.attr(TCA_OPTIONS, &plain, sizeof(plain));  // netem's options are this struct, then attributes
    return;
  }
  size_t options = req.begin_nest(TCA_OPTIONS | NLA_F_NESTED);
  if (kind == "ets") {
    const uint8_t bands = 1;
    req.attr(TCA_ETS_NBANDS, &bands, sizeof(bands));
  }
  req.end_nest(options);
}

Trip add_qdisc(const std::string& kind, uint32_t parent, uint32_t handle, bool options) {
  const tcmsg tc = on_loopback(parent, handle);
  NetlinkRequest req(RTM_NEWQDISC, NLM_F_CREATE | NLM_F_EXCL, &tc, sizeof(tc));
  req.attr(TCA_KIND, kind);
  if (options) qdisc_options(req, kind);
  return req.send_as(NETLINK_ROUTE, "RTM_NEWQDISC(" + kind + ")");
}

}  // namespace

Trip qdisc_create(const std::string& kind) {
  return in_own_network_namespace([&] { return add_qdisc(kind, TC_H_ROOT, kRootHandle, true); });
}

Trip tc_class_create(const std::string& qdisc_kind) {
  return in_own_network_namespace([&]() -> Trip {
    if (Trip qdisc = add_qdisc(qdisc_kind, TC_H_ROOT, kRootHandle, false); !qdisc) return qdisc;
    const tcmsg tc = on_loopback(kRootHandle, kClassHandle);
    NetlinkRequest req(RTM_NEWTCLASS, NLM_F_CREATE | NLM_F_EXCL, &tc, sizeof(tc));
    size_t options = req.begin_nest(TCA_OPTIONS | NLA_F_NESTED);
    if (qdisc_kind == "qfq") req.attr(TCA_QFQ_LMAX, &kQfqMaxPacket, sizeof(kQfqMaxPacket));
    req.end_nest(options);
    return req.send_as(NETLINK_ROUTE, "RTM_NEWTCLASS(" + qdisc_kind + ")");
  });
}

Trip tc_filter_create(const std::string& kind) {
  return in_own_network_namespace([&]() -> Trip {
    if (Trip ingress = add_qdisc("ingress", TC_H_INGRESS, kIngressHandle, false); !ingress) return ingress;
    const uint32_t any_protocol = TC_H_MAKE(1u << 16, htons(ETH_P_ALL));  // priority 1, every protocol
    const tcmsg tc = on_loopback(kIngressHandle, kind == "route" ? kRouteHandle : 0, any_protocol);
    NetlinkRequest req(RTM_NEWTFILTER, NLM_F_CREATE | NLM_F_EXCL, &tc, sizeof(tc));
    req.attr(TCA_KIND, kind);
    if (kind == "route") req.end_nest(req.begin_nest(TCA_OPTIONS | NLA_F_NESTED));
    return req.send_as(NETLINK_ROUTE, "RTM_NEWTFILTER(" + kind + ")");
  });
}

util::Result<Trip> qdisc_from_words(const std::vector<std::string>& words) {
  KS_TRY_ASSIGN(auto kind, one_word(words, kMaxTcKind, "qdisc takes <kind> (netem, ets, hhf, fq_pie, ...)"));
  return qdisc_create(kind);
}

util::Result<Trip> tc_class_from_words(const std::vector<std::string>& words) {
  KS_TRY_ASSIGN(auto kind, one_word(words, kMaxTcKind, "tc-class takes <qdisc-kind> (drr, qfq)"));
  return tc_class_create(kind);
}

util::Result<Trip> tc_filter_from_words(const std::vector<std::string>& words) {
  KS_TRY_ASSIGN(auto kind, one_word(words, kMaxTcKind, "tc-filter takes <kind> (u32, fw, route, ...)"));
  return tc_filter_create(kind);
}

}  // namespace ks::trigger
