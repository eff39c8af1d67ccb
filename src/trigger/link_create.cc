#include "trigger/link_create.h"

#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <cstring>
#include <string>
#include <string_view>

namespace ks::trigger {
namespace {

constexpr std::string_view kLinkName = "ks-trigger0";
constexpr size_t kMaxKind = 32;  // the request has room for no more

// One rtnetlink request, built attribute by attribute.
class Request {
 public:
  explicit Request(uint16_t type) {
    auto* h = header();
    h->nlmsg_len = NLMSG_LENGTH(sizeof(ifinfomsg));
    h->nlmsg_type = type;
    h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | (type == RTM_NEWLINK ? NLM_F_CREATE | NLM_F_EXCL : 0);
    h->nlmsg_seq = 1;
  }
  // Appends an attribute; returns its offset, for nests.
  size_t add(uint16_t type, const void* data, size_t size) {
    size_t at = NLMSG_ALIGN(header()->nlmsg_len);
    auto* attr = reinterpret_cast<rtattr*>(buf_ + at);
    attr->rta_type = type;
    attr->rta_len = static_cast<uint16_t>(RTA_LENGTH(size));
    if (size) std::memcpy(RTA_DATA(attr), data, size);
    header()->nlmsg_len = static_cast<uint32_t>(at + RTA_ALIGN(attr->rta_len));
    return at;
  }
  size_t add(uint16_t type, std::string_view text) {
    std::string z(text);
    return add(type, z.c_str(), z.size() + 1);
  }
  // Closes the nest that add(type, nullptr, 0) at @at began.
  void end_nest(size_t at) {
    reinterpret_cast<rtattr*>(buf_ + at)->rta_len = static_cast<uint16_t>(header()->nlmsg_len - at);
  }
  nlmsghdr* header() { return reinterpret_cast<nlmsghdr*>(buf_); }

 private:
  alignas(nlmsghdr) char buf_[512] = {};
};

// Sends @request and returns the kernel's answer: 0, or a negative errno.
int exchange(int fd, Request& request) {
  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;
  if (::sendto(fd, request.header(), request.header()->nlmsg_len, 0, reinterpret_cast<sockaddr*>(&kernel),
               sizeof kernel) < 0)
    return -errno;
  alignas(nlmsghdr) char answer[4096];
  ssize_t n = ::recv(fd, answer, sizeof answer, 0);
  if (n < 0) return -errno;
  auto* h = reinterpret_cast<nlmsghdr*>(answer);
  if (!NLMSG_OK(h, static_cast<unsigned>(n)) || h->nlmsg_type != NLMSG_ERROR) return -EPROTO;
  return static_cast<const nlmsgerr*>(NLMSG_DATA(h))->error;
}

}  // namespace

Trip link_create(const std::string& kind) {
  Fd fd(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE));
  if (fd.get() < 0) return failed("socket(AF_NETLINK)");
  Request create(RTM_NEWLINK);
  create.add(IFLA_IFNAME, kLinkName);
  size_t info = create.add(IFLA_LINKINFO, nullptr, 0);
  create.add(IFLA_INFO_KIND, kind);
  create.end_nest(create.add(IFLA_INFO_DATA, nullptr, 0));
  create.end_nest(info);
  int err = exchange(fd.get(), create);
  if (err < 0) {
    errno = -err;
    return failed("RTM_NEWLINK(" + kind + ")");
  }
  Request remove(RTM_DELLINK);
  remove.add(IFLA_IFNAME, kLinkName);
  exchange(fd.get(), remove);
  return {};
}

util::Result<Trip> link_from_words(const std::vector<std::string>& words) {
  if (words.size() != 1 || words[0].empty() || words[0].size() > kMaxKind)
    return util::fail("link takes <kind> (gtp, macsec, ...)");
  return link_create(words[0]);
}

}  // namespace ks::trigger
