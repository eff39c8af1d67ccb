// A target as the module reads it: "<symbol>" or "<module>:<symbol>",
// checked and normalised by the module's own parser ('-' in a module name
// becomes '_', as the kernel names modules).
#pragma once

#include <string>
#include <string_view>

#include "util/error.h"

namespace ks::wire {

struct Target {
  std::string module;  // empty for a bare symbol
  std::string symbol;

  // "<module>:<symbol>" or "<symbol>": how the module keys the engagement.
  std::string text() const { return module.empty() ? symbol : module + ":" + symbol; }
};

util::Result<Target> parse_target(std::string_view text);

}  // namespace ks::wire
