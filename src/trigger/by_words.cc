#include "trigger/by_words.h"

#include "trigger/af_alg_aead.h"
#include "trigger/device_open.h"
#include "trigger/genl_command.h"
#include "trigger/io_uring_op.h"
#include "trigger/legacy_tables.h"
#include "trigger/line_discipline.h"
#include "trigger/link_create.h"
#include "trigger/mount_blank.h"
#include "trigger/nf_tables_batch.h"
#include "trigger/nfnetlink_command.h"
#include "trigger/socket_create.h"
#include "trigger/tc_action.h"
#include "trigger/tc_objects.h"

namespace ks::trigger {
namespace {

util::Result<Trip> af_alg_aead_from_words(const std::vector<std::string>& words) {
  if (!words.empty()) return util::fail("af-alg-aead takes no words");
  return af_alg_aead_round_trip();
}

constexpr TriggerKind kKinds[] = {
    {"af-alg-aead", "", "gcm(aes) encrypt + decrypt round trip through an AF_ALG socket", af_alg_aead_from_words},
    {"socket", "<family> <type> [<protocol>]", "socket(2) of a family, type and protocol", socket_from_words},
    {"fsopen", "<fstype>", "fsopen(2) of a filesystem: its fs_context set-up", fs_open_from_words},
    {"mount", "<fstype>", "a read-only mount of a blank loop device: the filesystem's superblock reader",
     mount_blank_from_words},
    {"io-uring", "<opcode>", "one io_uring request of an opcode (nop, openat, openat2) through a fresh ring",
     io_uring_from_words},
    {"link", "<kind>", "RTM_NEWLINK of a link type (gtp, macsec, ...) with no options: its newlink", link_from_words},
    {"tc-action", "<kind>",
     "RTM_NEWACTION of a tc action (pedit, ife, ...) with no parameters: its init; gact is created and deleted",
     tc_action_from_words},
    {"qdisc", "<kind>", "a root qdisc of a kind (netem, ets, hhf, fq_pie, ...) on lo of a fresh network namespace",
     qdisc_from_words},
    {"tc-class", "<qdisc-kind>", "a class of a classful qdisc (drr, qfq) on lo of a fresh network namespace",
     tc_class_from_words},
    {"tc-filter", "<kind>", "a filter (u32, fw, route, ...) under an ingress qdisc on lo of a fresh network namespace",
     tc_filter_from_words},
    {"genl", "<family> <command>",
     "one command of a generic netlink family (nbd connect, fou add, or a number) with no attributes: its doit",
     genl_from_words},
    {"nft-object", "<type>", "an nf_tables stateful object (counter, tunnel, ...) in a fresh network namespace",
     nft_object_from_words},
    {"nft-expr", "<name>", "an nf_tables rule with one expression (counter, flow_offload, ...), no data",
     nft_expression_from_words},
    {"nfnetlink", "<subsystem> <command>",
     "a netfilter subsystem's command with no attributes (osf add, cttimeout new), in a fresh network namespace",
     nfnetlink_from_words},
    {"legacy-tables", "<ebtables|arptables>",
     "the legacy setsockopt that replaces a table's rules, with a buffer too short: its set handler",
     legacy_tables_from_words},
    {"open-device", "<node>", "open(2) of a device node under /dev, read-write, then close: its driver's open",
     device_open_from_words},
    {"ldisc", "<name>", "a tty line discipline (slip, hci, ppp, sync_ppp) set on a fresh pseudo-terminal: its open",
     line_discipline_from_words},
};

}  // namespace

std::span<const TriggerKind> trigger_kinds() { return kKinds; }

util::Result<Trip> run_trigger(const std::vector<std::string>& words) {
  if (words.empty()) return util::fail("no trigger named");
  for (const auto& kind : kKinds)
    if (kind.name == words[0]) return kind.run({words.begin() + 1, words.end()});
  return util::fail("unknown trigger \"" + words[0] + "\"");
}

std::string words_text(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& w : words) text += (text.empty() ? "" : " ") + w;
  return text;
}

}  // namespace ks::trigger
