// The commands written to the control file (docs/abi.md), as one typed
// value. Every command the tool sends is built here and written out here,
// from the verbs and keywords of the module's own uapi header, and every
// command text the tool reads back is parsed by the module's own parser.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "util/error.h"

namespace ks::wire {

enum class Verb { kEngage, kDisengage, kDisengageAll, kTryEngage, kMonitor, kConfirm };

// "engage", "disengage", ... as the module spells them.
std::string_view verb_name(Verb verb);

struct Command {
  Verb verb = Verb::kEngage;
  std::string target;                    // "<symbol>" or "<module>:<symbol>"; empty for disengage_all
  long value = 0;                        // engage and tryengage
  std::optional<std::string> condition;  // engage only, in the module's grammar
  unsigned seconds = 0;                  // tryengage; engage expire= (0: none)
  std::uint64_t at = 0;                  // the verbs that engage: where the function starts (0: none)

  static Command engage(std::string target, long value, std::optional<std::string> condition = {}, unsigned expire = 0);
  static Command tryengage(std::string target, long value, unsigned seconds);
  static Command monitor(std::string target);
  static Command disengage(std::string target);
  static Command disengage_all();
  static Command confirm(std::string target);

  // The line written to control, newline included: "engage f -1 if uid!=0\n".
  std::string text() const;
  // Whether it makes an engagement (engage, tryengage, monitor).
  bool engages() const { return verb == Verb::kEngage || verb == Verb::kTryEngage || verb == Verb::kMonitor; }
};

// Parses a command as the module does (its parser, built in user space):
// the target normalised as the module keys it, the condition in canonical
// form. The error says the module would refuse it as malformed.
util::Result<Command> parse_command(std::string_view text);

// A value as the module reads it: a C integer literal or an errno name.
util::Result<long> parse_retval(std::string_view text);

// A condition in the module's grammar, as the module prints it back
// (fn/<target>/condition, if= in engaged lines).
util::Result<std::string> canonical_condition(std::string_view text);

}  // namespace ks::wire
