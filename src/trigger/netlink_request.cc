#include "trigger/netlink_request.h"

#include <linux/netlink.h>
#include <sys/socket.h>

#include <cerrno>
#include <string>

#include "trigger/trip.h"

namespace ks::trigger {

NetlinkRequest::NetlinkRequest(uint16_t type, uint16_t flags, const void* payload, size_t len) {
  nlmsghdr h{};
  h.nlmsg_type = type;
  h.nlmsg_flags = static_cast<uint16_t>(NLM_F_REQUEST | NLM_F_ACK | flags);
  h.nlmsg_seq = 1;
  append(&h, sizeof(h));
  append(payload, len);
}

void NetlinkRequest::attr(uint16_t type, const void* data, size_t len) {
  nlattr a{};
  a.nla_len = static_cast<uint16_t>(NLA_HDRLEN + len);
  a.nla_type = type;
  append(&a, sizeof(a));
  append(data, len);
}

void NetlinkRequest::attr(uint16_t type, std::string_view text) {
  std::string terminated(text);
  attr(type, terminated.c_str(), terminated.size() + 1);
}

size_t NetlinkRequest::begin_nest(uint16_t type) {
  size_t at = buf_.size();
  attr(type, nullptr, 0);
  return at;
}

void NetlinkRequest::end_nest(size_t at) {
  reinterpret_cast<nlattr*>(buf_.data() + at)->nla_len = static_cast<uint16_t>(buf_.size() - at);
}

int NetlinkRequest::send(int protocol, std::vector<char>* answer) {
  reinterpret_cast<nlmsghdr*>(buf_.data())->nlmsg_len = static_cast<uint32_t>(buf_.size());
  Fd fd(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol));
  if (fd.get() < 0) return -errno;
  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;
  if (::sendto(fd.get(), buf_.data(), buf_.size(), 0, reinterpret_cast<sockaddr*>(&kernel), sizeof(kernel)) < 0)
    return -errno;
  alignas(nlmsghdr) char reply[8192];
  for (;;) {
    ssize_t n = ::recv(fd.get(), reply, sizeof(reply), 0);
    if (n < 0) return -errno;
    if (n == 0) return -EPROTO;
    unsigned left = static_cast<unsigned>(n);
    for (auto* h = reinterpret_cast<nlmsghdr*>(reply); NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
      if (h->nlmsg_type == NLMSG_ERROR) return static_cast<const nlmsgerr*>(NLMSG_DATA(h))->error;
      if (answer && answer->empty()) {
        const char* at = reinterpret_cast<const char*>(h);
        answer->assign(at, at + h->nlmsg_len);
      }
    }
  }
}

void NetlinkRequest::append(const void* data, size_t len) {
  const char* p = static_cast<const char*>(data);
  if (len) buf_.insert(buf_.end(), p, p + len);
  buf_.resize(NLMSG_ALIGN(buf_.size()), 0);
}

}  // namespace ks::trigger
