// Compiler clones of a function: GCC's .isra.N (arguments or return value
// rewritten), .constprop.N (constant arguments folded in), .part.N (the
// body split out by partial inlining; callers call it directly) and .cold
// (a block moved out of line, jumped to, never called). Clang's ThinLTO
// adds .llvm.N and GCC's LTO .lto_priv.N, both plain renames.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ks::symbols {

struct CloneName {
  std::string base;        // the function the clone was made from
  bool entry = true;       // a function entry that callers call (false for .cold)
  bool signature_changed;  // .isra or .constprop: arguments differ from the prototype
};

// Splits @name into base and suffix, or nullopt if it has no clone suffix.
std::optional<CloneName> parse_clone_name(std::string_view name);

}  // namespace ks::symbols
