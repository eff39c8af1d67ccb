#include "symbols/symbol_table.h"

#include <charconv>

#include "symbols/clone_suffix.h"
#include "util/text.h"

namespace ks::symbols {
namespace {

using util::for_each_line;

// "[af_alg]" -> "af_alg"
std::string_view unbracket(std::string_view s) {
  if (s.size() >= 2 && s.front() == '[' && s.back() == ']') return s.substr(1, s.size() - 2);
  return s;
}

const std::vector<Symbol> kNone;

}  // namespace

SymbolTable SymbolTable::parse(std::string_view kallsyms) {
  SymbolTable table;
  for_each_line(kallsyms, [&](std::string_view line) {
    auto f = util::split_blanks(line);
    if (f.size() < 3 || f[1].size() != 1) return;
    char type = f[1][0];
    if (type != 't' && type != 'T') return;
    Symbol sym{std::string(f[2]), f.size() > 3 ? std::string(unbracket(f[3])) : std::string(), type};
    std::from_chars(f[0].data(), f[0].data() + f[0].size(), sym.address, 16);
    if (auto clone = parse_clone_name(sym.name)) table.clones_[clone->base].push_back(sym);
    table.by_name_[sym.name].push_back(std::move(sym));
    ++table.count_;
  });
  return table;
}

const std::vector<Symbol>& SymbolTable::find(std::string_view name) const {
  auto it = by_name_.find(std::string(name));
  return it == by_name_.end() ? kNone : it->second;
}

std::uint64_t SymbolTable::address_of(std::string_view target) const {
  auto colon = target.find(':');
  std::string_view module = colon == std::string_view::npos ? std::string_view() : target.substr(0, colon);
  std::string_view name = colon == std::string_view::npos ? target : target.substr(colon + 1);
  const Symbol* found = nullptr;
  for (const auto& sym : find(name)) {
    if (colon != std::string_view::npos && sym.module != module) continue;
    if (found) return 0;
    found = &sym;
  }
  return found ? found->address : 0;
}

const std::vector<Symbol>& SymbolTable::clones_of(std::string_view base) const {
  auto it = clones_.find(std::string(base));
  return it == clones_.end() ? kNone : it->second;
}

std::unordered_map<std::string, std::vector<std::string>> parse_traceable(std::string_view text) {
  std::unordered_map<std::string, std::vector<std::string>> names;
  for_each_line(text, [&](std::string_view line) {
    auto f = util::split_blanks(line);
    if (f.empty()) return;
    names[std::string(f[0])].push_back(f.size() > 1 ? std::string(unbracket(f[1])) : std::string());
  });
  return names;
}

std::unordered_map<std::string, int> parse_blacklist(std::string_view text) {
  std::unordered_map<std::string, int> names;
  for_each_line(text, [&](std::string_view line) {
    auto f = util::split_blanks(line);
    if (f.size() >= 2) ++names[std::string(f[1])];
  });
  return names;
}

}  // namespace ks::symbols
