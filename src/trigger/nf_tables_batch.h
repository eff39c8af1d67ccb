// Reaches nf_tables' building blocks the way root, or any user in a user
// and network namespace of its own, can: one nf_tables transaction (a
// netfilter batch) in a fresh network namespace that creates a table and,
// in it, a stateful object or a rule with one expression. The kind's module
// autoloads (nft-obj-*, nft-expr-*). Netfilter mitigations in the catalog
// act on the init of an object type or an expression: a refused init
// aborts the transaction, and nf_tables undoes it whole.
#pragma once

#include <string>
#include <vector>

#include "trigger/trip.h"

namespace ks::trigger {

// A netdev table "ks", then an object of @type (counter, quota, tunnel, ...)
// with no data. Fails at "NFT_MSG_NEWOBJ(<type>)" with the kernel's errno.
Trip nft_object_create(const std::string& type);

// A table and a regular chain, then a rule with one expression of @name
// (counter, flow_offload, ...) with no data. Fails at
// "NFT_MSG_NEWRULE(<name>)".
Trip nft_expression_add(const std::string& name);

// The words of `ks-trigger nft-object <type>` and `nft-expr <name>`.
util::Result<Trip> nft_object_from_words(const std::vector<std::string>& words);
util::Result<Trip> nft_expression_from_words(const std::vector<std::string>& words);

}  // namespace ks::trigger
