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
  NetlinkRequest* const one[] = {this};
  return exchange(protocol, one, nullptr, answer);
}

Trip NetlinkRequest::send_as(int protocol, const std::string& step, std::vector<char>* answer) {
  if (int err = send(protocol, answer); err < 0) {
    errno = -err;
    return failed(step);
  }
  return {};
}

void NetlinkRequest::without_ack() { reinterpret_cast<nlmsghdr*>(buf_.data())->nlmsg_flags &= ~NLM_F_ACK; }

int NetlinkRequest::send_batch(int protocol, std::span<NetlinkRequest> requests, size_t* failed) {
  std::vector<NetlinkRequest*> all;
  for (auto& r : requests) all.push_back(&r);
  return exchange(protocol, all, failed, nullptr);
}

int NetlinkRequest::exchange(int protocol, std::span<NetlinkRequest* const> requests, size_t* failed,
                             std::vector<char>* answer) {
  std::vector<char> datagram;
  size_t acks_wanted = 0;
  for (size_t i = 0; i < requests.size(); ++i) {
    auto& buf = requests[i]->buf_;
    auto* h = reinterpret_cast<nlmsghdr*>(buf.data());
    h->nlmsg_len = static_cast<uint32_t>(buf.size());
    h->nlmsg_seq = static_cast<uint32_t>(i + 1);
    if (h->nlmsg_flags & NLM_F_ACK) ++acks_wanted;
    datagram.insert(datagram.end(), buf.begin(), buf.end());
  }
  Fd fd(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol));
  if (fd.get() < 0) return -errno;
  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;
  if (::sendto(fd.get(), datagram.data(), datagram.size(), 0, reinterpret_cast<sockaddr*>(&kernel), sizeof(kernel)) < 0)
    return -errno;
  alignas(nlmsghdr) char reply[8192];
  size_t acks = 0;
  while (acks < acks_wanted) {
    ssize_t n = ::recv(fd.get(), reply, sizeof(reply), 0);
    if (n < 0) return -errno;
    if (n == 0) return -EPROTO;
    unsigned left = static_cast<unsigned>(n);
    for (auto* h = reinterpret_cast<nlmsghdr*>(reply); NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
      if (h->nlmsg_type != NLMSG_ERROR) {
        if (answer && answer->empty()) {
          const char* at = reinterpret_cast<const char*>(h);
          answer->assign(at, at + h->nlmsg_len);
        }
        continue;
      }
      const auto* err = static_cast<const nlmsgerr*>(NLMSG_DATA(h));
      if (err->error != 0) {
        if (failed) *failed = err->msg.nlmsg_seq - 1;
        return err->error;
      }
      ++acks;
    }
  }
  return 0;
}

void NetlinkRequest::append(const void* data, size_t len) {
  const char* p = static_cast<const char*>(data);
  if (len) buf_.insert(buf_.end(), p, p + len);
  buf_.resize(NLMSG_ALIGN(buf_.size()), 0);
}

}  // namespace ks::trigger
