// What `check` found out about a target, reason by reason, and the verdict.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "btf/prototype.h"
#include "symbols/symbol_table.h"

namespace ks::check {

// Ordered: the verdict is the worst reason.
enum class Severity {
  kInfo,     // a fact worth knowing
  kWarning,  // engage goes ahead, but read this
  kUnsafe,   // engage refuses unless --force
  kRefused,  // cannot be engaged: the kernel or the module would refuse, or it does not exist
};

struct Reason {
  Severity severity;
  std::string code;  // stable, for JSON: "void", "ambiguous", ...
  std::string message;
};

struct Report {
  std::string target;  // as written, "module:symbol" or "symbol"
  std::string symbol;
  std::string module_requested;
  bool found = false;
  std::string module;  // where it was found; empty for vmlinux
  std::vector<symbols::Symbol> candidates;
  std::optional<bool> traceable;
  std::optional<bool> blacklisted;
  std::optional<btf::Prototype> prototype;
  std::vector<std::string> clones;  // entry clones, engaged together with the function
  std::vector<std::string> cold;    // out-of-line blocks, never probed
  std::string
      rule;  // the module's verdict: accepted, machinery, vital, no_btf, type, grants, range, protects, not_entry
  bool pending = false;  // module named but not loaded
  std::optional<long> value;
  std::optional<std::string> condition;  // in the module's grammar
  std::vector<Reason> reasons;

  Severity verdict() const;
  bool not_found() const;
  bool has(std::string_view code) const;
  // What engage writes to control, one per target: the function (unless only clones exist) and its clones.
  std::vector<std::string> targets() const;
  // "af_alg_sendmsg: safe to engage with -1 (-EPERM)"
  std::string verdict_line() const;
};

std::string severity_name(Severity severity);

}  // namespace ks::check
