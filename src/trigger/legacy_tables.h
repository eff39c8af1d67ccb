// Reaches the legacy (setsockopt) interface of ebtables and arptables the
// way root, or any user in a user and network namespace of its own, can:
// the call that replaces a table's rules, given a buffer too short to be a
// table, so that the table's set handler runs and refuses it (EINVAL).
// Needs the table module loaded (ebtables, arp_tables): nothing autoloads
// it on this path.
#pragma once

#include <string>
#include <vector>

#include "trigger/trip.h"

namespace ks::trigger {

// @table: "ebtables" (EBT_SO_SET_ENTRIES) or "arptables"
// (ARPT_SO_SET_REPLACE). Fails at "setsockopt(<optname>)".
Trip legacy_table_replace(const std::string& table);

// The words of `ks-trigger legacy-tables <ebtables|arptables>`.
util::Result<Trip> legacy_tables_from_words(const std::vector<std::string>& words);

}  // namespace ks::trigger
