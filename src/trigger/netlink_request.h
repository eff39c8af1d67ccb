// One netlink request and the kernel's acknowledgement: a header, a fixed
// payload, then attributes (nests too), each aligned; or several sent as one
// batch (nf_tables). The triggers send rtnetlink, generic netlink and
// netfilter requests with it, and the guest tests their IPsec set-up.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trigger/trip.h"

namespace ks::trigger {

class NetlinkRequest {
 public:
  // @flags beside NLM_F_REQUEST | NLM_F_ACK (NLM_F_CREATE | NLM_F_EXCL, say).
  NetlinkRequest(uint16_t type, uint16_t flags, const void* payload, size_t len);
  void attr(uint16_t type, const void* data, size_t len);
  // A string attribute, NUL-terminated as the kernel's NLA_STRING wants it.
  void attr(uint16_t type, std::string_view text);
  // A nested attribute: begin_nest, its attributes, then end_nest(begin_nest's result).
  size_t begin_nest(uint16_t type);
  void end_nest(size_t at);
  // Sends it over a fresh socket of @protocol (NETLINK_ROUTE, ...) and reads
  // the acknowledgement: 0, or the negative errno the kernel answered. A
  // request that asks for something (a GET) is answered before the
  // acknowledgement: the first answer is kept in @answer (the message, its
  // header included) when it is given.
  int send(int protocol, std::vector<char>* answer = nullptr);
  // The same as a trigger's trip: a refusal fails at @step with the errno.
  Trip send_as(int protocol, const std::string& step, std::vector<char>* answer = nullptr);

  // Asks for no acknowledgement (a netfilter batch's begin and end).
  void without_ack();
  // Sends @requests as one datagram, each numbered by its place, and reads
  // an acknowledgement for each that asks for one: 0 when all succeeded,
  // else the first negative errno answered, with the place of the request
  // it answers in @failed.
  static int send_batch(int protocol, std::span<NetlinkRequest> requests, size_t* failed);

 private:
  static int exchange(int protocol, std::span<NetlinkRequest* const> requests, size_t* failed,
                      std::vector<char>* answer);
  void append(const void* data, size_t len);
  std::vector<char> buf_;
};

}  // namespace ks::trigger
