// Reaches an address family's or protocol's socket creation (its
// net_proto_family create, its proto init) the way any user can:
// socket(2). Most socket-family mitigations in the catalog act there.
#pragma once

#include <string>
#include <vector>

#include "trigger/trip.h"

namespace ks::trigger {

// socket(@family, @type, @protocol), closed again when it worked.
Trip socket_create(int family, int type, int protocol);

// The words of `ks-trigger socket <family> <type> [<protocol>]`: a family
// ("tipc", "can", "inet6", ... or a number), a type ("stream", "dgram",
// "seqpacket", "raw", "rdm") and a protocol (a number, or a name the family
// knows: "sctp" for inet, "bcm" for can, "l2cap" for bluetooth, ...).
util::Result<Trip> socket_from_words(const std::vector<std::string>& words);

}  // namespace ks::trigger
