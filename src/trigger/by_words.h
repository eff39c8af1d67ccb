// Every trigger by name, with its words: what `ks-trigger <kind> <words>...`
// runs and what a profile's [proof] names, so that the catalog's proofs and
// an operator at a shell reach a path the same way.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trigger/trip.h"

namespace ks::trigger {

struct TriggerKind {
  std::string_view name;     // "socket"
  std::string_view usage;    // "<family> <type> [<protocol>]"
  std::string_view summary;  // one line for --help
  util::Result<Trip> (*run)(const std::vector<std::string>& words);
};

std::span<const TriggerKind> trigger_kinds();

// Runs @words: the kind, then its words. Unknown kinds and malformed words
// are an error; a trip that fails is a value.
util::Result<Trip> run_trigger(const std::vector<std::string>& words);

// The words as one line, for messages: "socket tipc rdm".
std::string words_text(const std::vector<std::string>& words);

}  // namespace ks::trigger
