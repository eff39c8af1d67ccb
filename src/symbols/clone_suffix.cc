#include "symbols/clone_suffix.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace ks::symbols {
namespace {

bool is_number(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::vector<std::string_view> split_dots(std::string_view s) {
  std::vector<std::string_view> parts;
  size_t pos = 0;
  for (;;) {
    size_t dot = s.find('.', pos);
    parts.push_back(s.substr(pos, dot == std::string_view::npos ? std::string_view::npos : dot - pos));
    if (dot == std::string_view::npos) break;
    pos = dot + 1;
  }
  return parts;
}

}  // namespace

std::optional<CloneName> parse_clone_name(std::string_view name) {
  auto parts = split_dots(name);
  if (parts.size() < 2 || parts[0].empty()) return std::nullopt;
  CloneName clone{std::string(parts[0]), true, false};
  for (size_t i = 1; i < parts.size();) {
    auto part = parts[i];
    bool numbered = i + 1 < parts.size() && is_number(parts[i + 1]);
    if (part == "isra" || part == "constprop") {
      if (!numbered) return std::nullopt;
      clone.signature_changed = true;
      i += 2;
    } else if (part == "part" || part == "lto_priv" || part == "llvm") {
      if (!numbered) return std::nullopt;
      i += 2;
    } else if (part == "cold") {
      clone.entry = false;
      i += numbered ? 2 : 1;
    } else {
      return std::nullopt;
    }
  }
  return clone;
}

}  // namespace ks::symbols
