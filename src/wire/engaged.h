// The engaged file (docs/abi.md), one line per engagement:
//   <target> retval=<long> hits=<ulong>[ key=value ...]
// The first three fields are the compatible core (ABI section 1); the
// key=value pairs after them are extensions, which a reader keeps but need
// not understand. Keys and states are the module's own (uapi header).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace ks::wire {

enum class State { kEngaged, kMonitoring, kProbing, kPending };

std::string_view state_name(State state);
std::optional<State> parse_state(std::string_view text);

struct EngagedLine {
  std::string target;
  long retval = 0;
  unsigned long hits = 0;
  std::map<std::string, std::string> extra;  // fields after hits=, unknown keys included

  // An extension field, or empty when the line has none (a built-in killswitch).
  std::string field(std::string_view key) const;
  std::optional<State> state() const;  // none from a built-in killswitch
  std::string module() const;          // empty for vmlinux or when not said
  std::string condition() const;       // the if= text, canonical; empty without one
  std::optional<unsigned long> passes() const;
  std::optional<unsigned long> timeout_left() const;
};

// Parses one line (without its newline); the error says what is wrong.
util::Result<EngagedLine> parse_engaged_line(std::string_view line);

// Parses the whole file: one EngagedLine per non-blank line.
util::Result<std::vector<EngagedLine>> parse_engaged(std::string_view text);

// The line of @target, or null when it is not engaged.
const EngagedLine* find_engaged(const std::vector<EngagedLine>& lines, std::string_view target);

}  // namespace ks::wire
