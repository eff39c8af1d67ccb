#include "trigger/tc_action.h"

#include <linux/pkt_cls.h>
#include <linux/rtnetlink.h>
#include <linux/tc_act/tc_gact.h>

#include <cstdint>

#include "trigger/netlink_request.h"

namespace ks::trigger {
namespace {

constexpr uint32_t kGactIndex = 0x4b53;  // "KS": an index no tc user picks by chance
constexpr size_t kMaxActionKind = 15;    // IFNAMSIZ - 1, tc's limit on an action's kind

// The one action of @kind in a table (TCA_ACT_TAB, then its first slot).
// @then adds the attributes that follow the kind.
template <typename Fn>
NetlinkRequest action_request(uint16_t type, uint16_t flags, const std::string& kind, Fn then) {
  const tcamsg any{};
  NetlinkRequest req(type, flags, &any, sizeof(any));
  size_t table = req.begin_nest(TCA_ACT_TAB);
  size_t first = req.begin_nest(1);
  req.attr(TCA_ACT_KIND, kind);
  then(req);
  req.end_nest(first);
  req.end_nest(table);
  return req;
}

}  // namespace

Trip tc_action_add(const std::string& kind) {
  const bool gact = kind == "gact";
  auto create = action_request(RTM_NEWACTION, NLM_F_CREATE | NLM_F_EXCL, kind, [&](NetlinkRequest& req) {
    if (!gact) return;
    tc_gact pass{};
    pass.index = kGactIndex;
    pass.action = TC_ACT_OK;
    size_t options = req.begin_nest(TCA_ACT_OPTIONS);
    req.attr(TCA_GACT_PARMS, &pass, sizeof(pass));
    req.end_nest(options);
  });
  if (Trip created = create.send_as(NETLINK_ROUTE, "RTM_NEWACTION(" + kind + ")"); !created) return created;
  if (gact) {
    auto remove = action_request(RTM_DELACTION, 0, kind,
                                 [](NetlinkRequest& req) { req.attr(TCA_ACT_INDEX, &kGactIndex, sizeof(kGactIndex)); });
    if (Trip removed = remove.send_as(NETLINK_ROUTE, "RTM_DELACTION(gact)"); !removed) return removed;
  }
  return {};
}

util::Result<Trip> tc_action_from_words(const std::vector<std::string>& words) {
  KS_TRY_ASSIGN(auto kind, one_word(words, kMaxActionKind, "tc-action takes <kind> (gact, pedit, ...)"));
  return tc_action_add(kind);
}

}  // namespace ks::trigger
