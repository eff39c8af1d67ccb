#include "trigger/link_create.h"

#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <string_view>

#include "trigger/netlink_request.h"

namespace ks::trigger {
namespace {

constexpr std::string_view kLinkName = "ks-trigger0";
constexpr size_t kMaxKind = 32;  // longer than any link type's name

}  // namespace

Trip link_create(const std::string& kind) {
  const ifinfomsg any{};
  NetlinkRequest create(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &any, sizeof(any));
  create.attr(IFLA_IFNAME, kLinkName);
  size_t info = create.begin_nest(IFLA_LINKINFO);
  create.attr(IFLA_INFO_KIND, kind);
  create.end_nest(create.begin_nest(IFLA_INFO_DATA));
  create.end_nest(info);
  if (Trip created = create.send_as(NETLINK_ROUTE, "RTM_NEWLINK(" + kind + ")"); !created) return created;
  NetlinkRequest remove(RTM_DELLINK, 0, &any, sizeof(any));
  remove.attr(IFLA_IFNAME, kLinkName);
  remove.send(NETLINK_ROUTE);
  return {};
}

util::Result<Trip> link_from_words(const std::vector<std::string>& words) {
  KS_TRY_ASSIGN(auto kind, one_word(words, kMaxKind, "link takes <kind> (gtp, macsec, ...)"));
  return link_create(kind);
}

}  // namespace ks::trigger
