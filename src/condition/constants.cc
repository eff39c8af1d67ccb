#include "condition/constants.h"

#include <netinet/in.h>
#include <sched.h>
#include <sys/socket.h>

#include <array>
#include <utility>

namespace ks::condition {
namespace {

#define KS_CONST(c) \
  std::pair<std::string_view, long> { #c, c }

constexpr std::array kConstants = {
    KS_CONST(AF_UNSPEC),      KS_CONST(AF_UNIX),       KS_CONST(AF_LOCAL),       KS_CONST(AF_INET),
    KS_CONST(AF_AX25),        KS_CONST(AF_IPX),        KS_CONST(AF_APPLETALK),   KS_CONST(AF_NETROM),
    KS_CONST(AF_BRIDGE),      KS_CONST(AF_ATMPVC),     KS_CONST(AF_X25),         KS_CONST(AF_INET6),
    KS_CONST(AF_ROSE),        KS_CONST(AF_DECnet),     KS_CONST(AF_NETBEUI),     KS_CONST(AF_SECURITY),
    KS_CONST(AF_KEY),         KS_CONST(AF_NETLINK),    KS_CONST(AF_PACKET),      KS_CONST(AF_ASH),
    KS_CONST(AF_ECONET),      KS_CONST(AF_ATMSVC),     KS_CONST(AF_RDS),         KS_CONST(AF_SNA),
    KS_CONST(AF_IRDA),        KS_CONST(AF_PPPOX),      KS_CONST(AF_WANPIPE),     KS_CONST(AF_LLC),
    KS_CONST(AF_IB),          KS_CONST(AF_MPLS),       KS_CONST(AF_CAN),         KS_CONST(AF_TIPC),
    KS_CONST(AF_BLUETOOTH),   KS_CONST(AF_IUCV),       KS_CONST(AF_RXRPC),       KS_CONST(AF_ISDN),
    KS_CONST(AF_PHONET),      KS_CONST(AF_IEEE802154), KS_CONST(AF_CAIF),        KS_CONST(AF_ALG),
    KS_CONST(AF_NFC),         KS_CONST(AF_VSOCK),      KS_CONST(AF_KCM),         KS_CONST(AF_QIPCRTR),
    KS_CONST(AF_SMC),         KS_CONST(AF_XDP),        KS_CONST(AF_MCTP),        KS_CONST(PF_UNIX),
    KS_CONST(PF_INET),        KS_CONST(PF_INET6),      KS_CONST(PF_NETLINK),     KS_CONST(PF_PACKET),
    KS_CONST(PF_ALG),         KS_CONST(PF_VSOCK),      KS_CONST(SOCK_STREAM),    KS_CONST(SOCK_DGRAM),
    KS_CONST(SOCK_RAW),       KS_CONST(SOCK_RDM),      KS_CONST(SOCK_SEQPACKET), KS_CONST(SOCK_DCCP),
    KS_CONST(SOCK_PACKET),    KS_CONST(IPPROTO_IP),    KS_CONST(IPPROTO_ICMP),   KS_CONST(IPPROTO_TCP),
    KS_CONST(IPPROTO_UDP),    KS_CONST(IPPROTO_IPV6),  KS_CONST(IPPROTO_SCTP),   KS_CONST(IPPROTO_RAW),
    KS_CONST(IPPROTO_ICMPV6), KS_CONST(CLONE_NEWUSER), KS_CONST(CLONE_NEWNET),   KS_CONST(CLONE_NEWNS),
    KS_CONST(CLONE_NEWPID),   KS_CONST(CLONE_NEWUTS),  KS_CONST(CLONE_NEWIPC),   KS_CONST(CLONE_NEWCGROUP),
};

#undef KS_CONST

}  // namespace

std::optional<long> named_constant(std::string_view name) {
  for (const auto& [n, v] : kConstants)
    if (n == name) return v;
  return std::nullopt;
}

}  // namespace ks::condition
