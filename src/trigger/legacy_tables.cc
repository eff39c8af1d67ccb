#include "trigger/legacy_tables.h"

#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdint>

namespace ks::trigger {
namespace {

// From <linux/netfilter_bridge/ebtables.h> and <linux/netfilter_arp/arp_tables.h>,
// whose other declarations clash with glibc's network headers.
constexpr int kEbtSetEntries = 128;  // EBT_SO_SET_ENTRIES
constexpr int kArptSetReplace = 96;  // ARPT_SO_SET_REPLACE

}  // namespace

Trip legacy_table_replace(const std::string& table) {
  const bool bridge = table == "ebtables";
  const int optname = bridge ? kEbtSetEntries : kArptSetReplace;
  Fd fd(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (fd.get() < 0) return failed("socket(AF_INET)");
  const uint32_t too_short = 0;
  if (::setsockopt(fd.get(), SOL_IP, optname, &too_short, sizeof(too_short)) != 0)
    return failed(bridge ? "setsockopt(EBT_SO_SET_ENTRIES)" : "setsockopt(ARPT_SO_SET_REPLACE)");
  return {};
}

util::Result<Trip> legacy_tables_from_words(const std::vector<std::string>& words) {
  if (words.size() != 1 || (words[0] != "ebtables" && words[0] != "arptables"))
    return util::fail("legacy-tables takes ebtables or arptables");
  return legacy_table_replace(words[0]);
}

}  // namespace ks::trigger
