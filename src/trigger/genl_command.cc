#include "trigger/genl_command.h"

#include <linux/fou.h>
#include <linux/genetlink.h>
#include <linux/nbd-netlink.h>
#include <linux/netlink.h>

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "trigger/netlink_request.h"

namespace ks::trigger {
namespace {

struct NamedCommand {
  std::string_view family;
  std::string_view name;
  unsigned number;
};

constexpr NamedCommand kNamedCommands[] = {
    {"nbd", "connect", NBD_CMD_CONNECT},
    {"nbd", "status", NBD_CMD_STATUS},
    {"fou", "add", FOU_CMD_ADD},
    {"fou", "del", FOU_CMD_DEL},
};

constexpr size_t kMaxFamily = GENL_NAMSIZ - 1;

// The family's id from the controller's answer, or 0.
uint16_t family_id_in(const std::vector<char>& answer) {
  size_t at = NLMSG_HDRLEN + GENL_HDRLEN;
  while (at + NLA_HDRLEN <= answer.size()) {
    nlattr a;
    std::memcpy(&a, answer.data() + at, sizeof(a));
    if (a.nla_len < NLA_HDRLEN || at + a.nla_len > answer.size()) break;
    if ((a.nla_type & NLA_TYPE_MASK) == CTRL_ATTR_FAMILY_ID && a.nla_len >= NLA_HDRLEN + sizeof(uint16_t)) {
      uint16_t id;
      std::memcpy(&id, answer.data() + at + NLA_HDRLEN, sizeof(id));
      return id;
    }
    at += NLA_ALIGN(a.nla_len);
  }
  return 0;
}

util::Result<unsigned> command_number(const std::string& family, const std::string& word) {
  for (const auto& named : kNamedCommands)
    if (named.family == family && named.name == word) return named.number;
  unsigned number = 0;
  auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), number);
  if (ec != std::errc() || end != word.data() + word.size() || number == 0 || number > 255)
    return util::fail("genl: \"" + word + "\" is no command of " + family + " (a number 1-255, or a known name)");
  return number;
}

}  // namespace

Trip genl_command(const std::string& family, unsigned command) {
  genlmsghdr lookup{};
  lookup.cmd = CTRL_CMD_GETFAMILY;
  lookup.version = 1;
  NetlinkRequest ask(GENL_ID_CTRL, 0, &lookup, sizeof(lookup));
  ask.attr(CTRL_ATTR_FAMILY_NAME, family);
  std::vector<char> answer;
  if (Trip found = ask.send_as(NETLINK_GENERIC, "CTRL_CMD_GETFAMILY(" + family + ")", &answer); !found) return found;
  uint16_t id = family_id_in(answer);
  if (id == 0) {
    errno = EPROTO;
    return failed("CTRL_CMD_GETFAMILY(" + family + ")");
  }
  genlmsghdr request{};
  request.cmd = static_cast<uint8_t>(command);
  request.version = 1;
  NetlinkRequest run(id, 0, &request, sizeof(request));
  return run.send_as(NETLINK_GENERIC, family + " command " + std::to_string(command));
}

util::Result<Trip> genl_from_words(const std::vector<std::string>& words) {
  if (words.size() != 2 || words[0].empty() || words[0].size() > kMaxFamily)
    return util::fail("genl takes <family> <command> (nbd connect, fou add, ...)");
  KS_TRY_ASSIGN(unsigned command, command_number(words[0], words[1]));
  return genl_command(words[0], command);
}

}  // namespace ks::trigger
