#include "trigger/nf_tables_batch.h"

#include <arpa/inet.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netlink.h>

#include <cstdint>
#include <string_view>

#include "trigger/netlink_request.h"
#include "trigger/network_namespace.h"

namespace ks::trigger {
namespace {

constexpr std::string_view kTable = "ks";
constexpr std::string_view kChain = "c";
constexpr std::string_view kName = "o";
constexpr size_t kMaxNftName = 31;

struct ObjectType {
  std::string_view name;
  uint32_t type;
};

constexpr ObjectType kObjectTypes[] = {
    {"counter", NFT_OBJECT_COUNTER},       {"quota", NFT_OBJECT_QUOTA},         {"ct_helper", NFT_OBJECT_CT_HELPER},
    {"limit", NFT_OBJECT_LIMIT},           {"connlimit", NFT_OBJECT_CONNLIMIT}, {"tunnel", NFT_OBJECT_TUNNEL},
    {"ct_timeout", NFT_OBJECT_CT_TIMEOUT}, {"secmark", NFT_OBJECT_SECMARK},     {"ct_expect", NFT_OBJECT_CT_EXPECT},
    {"synproxy", NFT_OBJECT_SYNPROXY},
};

const ObjectType* find_object_type(std::string_view name) {
  for (const auto& t : kObjectTypes)
    if (t.name == name) return &t;
  return nullptr;
}

void be32(NetlinkRequest& req, uint16_t type, uint32_t value) {
  uint32_t net = htonl(value);
  req.attr(type, &net, sizeof(net));
}

NetlinkRequest nft_message(uint8_t family, uint16_t message, uint16_t flags) {
  nfgenmsg g{};
  g.nfgen_family = family;
  g.version = NFNETLINK_V0;
  return NetlinkRequest(static_cast<uint16_t>(NFNL_SUBSYS_NFTABLES << 8 | message), flags, &g, sizeof(g));
}

// A batch's begin or end: addressed to nf_tables, acknowledged by no one.
NetlinkRequest batch_edge(uint16_t type) {
  nfgenmsg g{};
  g.nfgen_family = AF_UNSPEC;
  g.version = NFNETLINK_V0;
  g.res_id = htons(NFNL_SUBSYS_NFTABLES);
  NetlinkRequest edge(type, 0, &g, sizeof(g));
  edge.without_ack();
  return edge;
}

NetlinkRequest new_table(uint8_t family) {
  auto req = nft_message(family, NFT_MSG_NEWTABLE, NLM_F_CREATE);
  req.attr(NFTA_TABLE_NAME, kTable);
  return req;
}

// One transaction: a table of @family, then @steps (of the same family),
// named by @names for the trip. Runs in a network namespace of its own, so
// nothing outlives it.
Trip transaction(uint8_t family, std::vector<NetlinkRequest> steps, std::vector<std::string> names) {
  return in_own_network_namespace([&]() -> Trip {
    std::vector<NetlinkRequest> batch;
    batch.push_back(batch_edge(NFNL_MSG_BATCH_BEGIN));
    batch.push_back(new_table(family));
    for (auto& s : steps) batch.push_back(std::move(s));
    batch.push_back(batch_edge(NFNL_MSG_BATCH_END));
    names.insert(names.begin(), "NFT_MSG_NEWTABLE");
    size_t failed_at = 0;
    if (int err = NetlinkRequest::send_batch(NETLINK_NETFILTER, batch, &failed_at); err < 0) {
      errno = -err;
      bool named = failed_at >= 1 && failed_at <= names.size();
      return failed(named ? names[failed_at - 1] : std::string("nf_tables batch"));
    }
    return {};
  });
}

}  // namespace

Trip nft_object_create(const std::string& type) {
  const ObjectType* object = find_object_type(type);
  if (!object) {
    errno = EINVAL;
    return failed("NFT_MSG_NEWOBJ(" + type + ")");
  }
  // Tunnel objects exist in netdev tables only; the others in any.
  auto req = nft_message(NFPROTO_NETDEV, NFT_MSG_NEWOBJ, NLM_F_CREATE);
  req.attr(NFTA_OBJ_TABLE, kTable);
  req.attr(NFTA_OBJ_NAME, kName);
  be32(req, NFTA_OBJ_TYPE, object->type);
  req.end_nest(req.begin_nest(NFTA_OBJ_DATA | NLA_F_NESTED));
  std::vector<NetlinkRequest> steps;
  steps.push_back(std::move(req));
  return transaction(NFPROTO_NETDEV, std::move(steps), {"NFT_MSG_NEWOBJ(" + type + ")"});
}

Trip nft_expression_add(const std::string& name) {
  auto chain = nft_message(NFPROTO_INET, NFT_MSG_NEWCHAIN, NLM_F_CREATE);
  chain.attr(NFTA_CHAIN_TABLE, kTable);
  chain.attr(NFTA_CHAIN_NAME, kChain);
  auto rule = nft_message(NFPROTO_INET, NFT_MSG_NEWRULE, NLM_F_CREATE | NLM_F_APPEND);
  rule.attr(NFTA_RULE_TABLE, kTable);
  rule.attr(NFTA_RULE_CHAIN, kChain);
  size_t list = rule.begin_nest(NFTA_RULE_EXPRESSIONS | NLA_F_NESTED);
  size_t element = rule.begin_nest(NFTA_LIST_ELEM | NLA_F_NESTED);
  rule.attr(NFTA_EXPR_NAME, name);
  rule.end_nest(rule.begin_nest(NFTA_EXPR_DATA | NLA_F_NESTED));
  rule.end_nest(element);
  rule.end_nest(list);
  std::vector<NetlinkRequest> steps;
  steps.push_back(std::move(chain));
  steps.push_back(std::move(rule));
  return transaction(NFPROTO_INET, std::move(steps), {"NFT_MSG_NEWCHAIN", "NFT_MSG_NEWRULE(" + name + ")"});
}

util::Result<Trip> nft_object_from_words(const std::vector<std::string>& words) {
  KS_TRY_ASSIGN(auto type,
                one_word(words, kMaxNftName, "nft-object takes <type> (counter, quota, limit, tunnel, ...)"));
  if (!find_object_type(type)) return util::fail("nft-object: unknown object type \"" + type + "\"");
  return nft_object_create(type);
}

util::Result<Trip> nft_expression_from_words(const std::vector<std::string>& words) {
  KS_TRY_ASSIGN(auto name, one_word(words, kMaxNftName, "nft-expr takes <name> (counter, flow_offload, ...)"));
  return nft_expression_add(name);
}

}  // namespace ks::trigger
