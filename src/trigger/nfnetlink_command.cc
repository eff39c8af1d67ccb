#include "trigger/nfnetlink_command.h"

#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_cttimeout.h>
#include <linux/netfilter/nfnetlink_osf.h>
#include <sys/socket.h>

#include <cstdint>
#include <string_view>

#include "trigger/netlink_request.h"
#include "trigger/network_namespace.h"

namespace ks::trigger {
namespace {

struct Command {
  std::string_view subsystem;
  std::string_view command;
  uint8_t subsystem_id;
  uint8_t message;
};

constexpr Command kCommands[] = {
    {"osf", "add", NFNL_SUBSYS_OSF, OSF_MSG_ADD},
    {"cttimeout", "new", NFNL_SUBSYS_CTNETLINK_TIMEOUT, IPCTNL_MSG_TIMEOUT_NEW},
};

const Command* find_command(const std::string& subsystem, const std::string& command) {
  for (const auto& c : kCommands)
    if (c.subsystem == subsystem && c.command == command) return &c;
  return nullptr;
}

}  // namespace

Trip nfnetlink_command(const std::string& subsystem, const std::string& command) {
  const Command* c = find_command(subsystem, command);
  if (!c) {
    errno = EINVAL;
    return failed(subsystem + " " + command);
  }
  return in_own_network_namespace([&]() -> Trip {
    nfgenmsg g{};
    g.nfgen_family = AF_UNSPEC;
    g.version = NFNETLINK_V0;
    NetlinkRequest req(static_cast<uint16_t>(c->subsystem_id << 8 | c->message), NLM_F_CREATE, &g, sizeof(g));
    return req.send_as(NETLINK_NETFILTER, subsystem + " " + command);
  });
}

util::Result<Trip> nfnetlink_from_words(const std::vector<std::string>& words) {
  if (words.size() != 2 || !find_command(words[0], words[1]))
    return util::fail("nfnetlink takes <subsystem> <command>: osf add, cttimeout new");
  return nfnetlink_command(words[0], words[1]);
}

}  // namespace ks::trigger
