// The kernel's text symbols from /proc/kallsyms: which functions exist,
// in which module, how many share a name, and their compiler clones.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ks::symbols {

struct Symbol {
  std::string name;
  std::string module;         // empty for vmlinux
  char type = 't';            // 'T' global, 't' static
  std::uint64_t address = 0;  // 0 where kallsyms hides addresses (kptr_restrict, not root)
};

class SymbolTable {
 public:
  // Parses "<addr> <type> <name>[\t[<module>]]" lines, keeping text symbols.
  static SymbolTable parse(std::string_view kallsyms);

  // Every text symbol called exactly @name.
  const std::vector<Symbol>& find(std::string_view name) const;
  // Where the one function @target ("symbol" or "module:symbol") starts, or
  // 0: not found, found more than once, or the address hidden.
  std::uint64_t address_of(std::string_view target) const;
  // Every text symbol that is a compiler clone of @base (foo.isra.0, foo.cold, ...).
  const std::vector<Symbol>& clones_of(std::string_view base) const;
  size_t size() const { return count_; }

 private:
  std::unordered_map<std::string, std::vector<Symbol>> by_name_;
  std::unordered_map<std::string, std::vector<Symbol>> clones_;
  size_t count_ = 0;
};

// Function names from available_filter_functions ("name" or "name [module]").
std::unordered_map<std::string, std::vector<std::string>> parse_traceable(std::string_view text);

// Function names from kprobes/blacklist ("0xstart-0xend\tname").
std::unordered_map<std::string, int> parse_blacklist(std::string_view text);

}  // namespace ks::symbols
