#include "trigger/socket_create.h"

#include <sys/socket.h>

#include <cstdlib>
#include <string_view>

namespace ks::trigger {
namespace {

struct Name {
  std::string_view name;
  int value;
};

// The families the catalog reaches, by the name their AF_ constant has.
constexpr Name kFamilies[] = {
    {"unix", AF_UNIX},
    {"inet", AF_INET},
    {"inet6", AF_INET6},
    {"ax25", AF_AX25},
    {"netrom", AF_NETROM},
    {"rose", AF_ROSE},
    {"x25", AF_X25},
    {"atmpvc", AF_ATMPVC},
    {"atmsvc", AF_ATMSVC},
    {"appletalk", AF_APPLETALK},
    {"packet", AF_PACKET},
    {"netlink", AF_NETLINK},
    {"key", AF_KEY},
    {"llc", AF_LLC},
    {"can", AF_CAN},
    {"tipc", AF_TIPC},
    {"bluetooth", AF_BLUETOOTH},
    {"rds", AF_RDS},
    {"pppox", AF_PPPOX},
    {"phonet", AF_PHONET},
    {"ieee802154", AF_IEEE802154},
    {"caif", AF_CAIF},
    {"alg", AF_ALG},
    {"nfc", AF_NFC},
    {"vsock", AF_VSOCK},
    {"kcm", AF_KCM},
    {"qipcrtr", AF_QIPCRTR},
    {"smc", AF_SMC},
    {"xdp", AF_XDP},
    {"rxrpc", AF_RXRPC},
    {"mctp", 45},  // AF_MCTP: newer than some libcs
};

constexpr Name kTypes[] = {
    {"stream", SOCK_STREAM}, {"dgram", SOCK_DGRAM}, {"raw", SOCK_RAW}, {"rdm", SOCK_RDM}, {"seqpacket", SOCK_SEQPACKET},
};

// Protocols by name, within their family (the uapi headers' constants).
struct Protocol {
  int family;
  std::string_view name;
  int value;
};
constexpr Protocol kProtocols[] = {
    {AF_INET, "tcp", 6},       {AF_INET, "udp", 17},      {AF_INET, "sctp", 132},      {AF_INET, "udplite", 136},
    {AF_INET, "mptcp", 262},   {AF_INET, "icmp", 1},      {AF_INET6, "tcp", 6},        {AF_INET6, "udp", 17},
    {AF_INET6, "sctp", 132},   {AF_INET6, "mptcp", 262},  {AF_INET6, "icmpv6", 58},    {AF_CAN, "raw", 1},
    {AF_CAN, "bcm", 2},        {AF_CAN, "isotp", 6},      {AF_CAN, "j1939", 7},        {AF_BLUETOOTH, "l2cap", 0},
    {AF_BLUETOOTH, "hci", 1},  {AF_BLUETOOTH, "sco", 2},  {AF_BLUETOOTH, "rfcomm", 3}, {AF_BLUETOOTH, "bnep", 4},
    {AF_BLUETOOTH, "cmtp", 5}, {AF_BLUETOOTH, "hidp", 6}, {AF_BLUETOOTH, "iso", 8},    {AF_NFC, "raw", 0},
    {AF_NFC, "llcp", 1},       {AF_PPPOX, "oe", 0},       {AF_PPPOX, "ol2tp", 1},      {AF_PPPOX, "pptp", 2},
    {AF_SMC, "smc", 0},        {AF_SMC, "smc6", 1},       {AF_RXRPC, "inet", AF_INET}, {AF_RXRPC, "inet6", AF_INET6},
};

// A decimal number, or -1 when @word is not one.
int number(const std::string& word) {
  if (word.empty() || word.size() > 6) return -1;
  for (char c : word)
    if (c < '0' || c > '9') return -1;
  return std::atoi(word.c_str());
}

template <typename Table>
int lookup(const Table& table, const std::string& word) {
  for (const auto& entry : table)
    if (entry.name == word) return entry.value;
  return number(word);
}

}  // namespace

Trip socket_create(int family, int type, int protocol) {
  Fd fd(::socket(family, type, protocol));
  if (fd.get() < 0) return failed("socket");
  return {};
}

util::Result<Trip> socket_from_words(const std::vector<std::string>& words) {
  if (words.size() < 2 || words.size() > 3) return util::fail("socket takes <family> <type> [<protocol>]");
  int family = lookup(kFamilies, words[0]);
  if (family < 0) return util::fail("socket: unknown family \"" + words[0] + "\"");
  int type = lookup(kTypes, words[1]);
  if (type < 0) return util::fail("socket: unknown type \"" + words[1] + "\"");
  int protocol = 0;
  if (words.size() == 3) {
    protocol = number(words[2]);
    for (const auto& p : kProtocols)
      if (p.family == family && p.name == words[2]) protocol = p.value;
    if (protocol < 0) return util::fail("socket: unknown protocol \"" + words[2] + "\" for " + words[0]);
  }
  return socket_create(family, type, protocol);
}

}  // namespace ks::trigger
