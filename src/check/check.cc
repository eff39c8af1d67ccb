#include "check/check.h"

#include <set>

#include "check/value_fit.h"
#include "condition/named_condition.h"
#include "symbols/clone_suffix.h"
#include "util/text.h"
#include "values/value.h"
#include "wire/channel.h"
#include "wire/target.h"

extern "C" {
#include "safety.h"
}

namespace ks::check {
namespace {

std::string rule_name(ks_rule rule) {
  switch (rule) {
    case KS_RULE_ACCEPTED:
      return "accepted";
    case KS_RULE_MACHINERY:
      return "machinery";
    case KS_RULE_VITAL:
      return "vital";
    case KS_RULE_NO_BTF:
      return "no_btf";
    case KS_RULE_TYPE:
      return "type";
    case KS_RULE_GRANTS:
      return "grants";
    case KS_RULE_RANGE:
      return "range";
    case KS_RULE_PROTECTS:
      return "protects";
    case KS_RULE_NOT_ENTRY:
      return "not_entry";
    case KS_RULE_PARTNER:
      return "partner";
  }
  return "accepted";
}

std::string where(const symbols::Symbol& s) { return s.module.empty() ? "vmlinux" : s.module; }

// Finds the function and its clones in kallsyms; fills found/pending/candidates.
void locate(kernel::KernelInfo& info, Report& r) {
  std::string why;
  const symbols::SymbolTable* table = info.symbols(&why);
  if (!table) {
    r.reasons.push_back({Severity::kWarning, "no_kallsyms", "cannot tell whether " + r.symbol + " exists: " + why});
    r.found = true;  // let engage try; the kernel has the last word
    return;
  }
  auto in_scope = [&](const symbols::Symbol& s) {
    return r.module_requested.empty() || s.module == r.module_requested;
  };
  for (const auto& s : table->find(r.symbol))
    if (in_scope(s)) r.candidates.push_back(s);
  std::set<std::string> clone_names;
  for (const auto& s : table->clones_of(r.symbol)) {
    if (!in_scope(s) || !clone_names.insert(s.name).second) continue;
    auto clone = symbols::parse_clone_name(s.name);
    (clone->entry ? r.clones : r.cold).push_back(s.name);
  }

  if (r.candidates.empty()) {
    if (!r.module_requested.empty() && !info.module_loaded(r.module_requested)) {
      r.pending = true;
      r.reasons.push_back({Severity::kWarning, "pending",
                           "module " + r.module_requested +
                               " is not loaded: the engagement will be pending and arm when it "
                               "loads, before its code runs; its clones cannot be known until then (its prototype "
                               "is read from the module file's BTF)"});
    } else if (!r.clones.empty()) {
      r.reasons.push_back(
          {Severity::kInfo, "only_clones",
           r.symbol + " itself is not in the symbol table, only its compiler clones: " + util::join(r.clones)});
    } else {
      std::string hint = r.module_requested.empty()
                             ? "; if it lives in a module that is not loaded, name it as <module>:" + r.symbol
                             : " in module " + r.module_requested;
      r.reasons.push_back({Severity::kRefused, "not_found", "the running kernel has no function " + r.symbol + hint});
    }
    return;
  }
  r.found = true;
  r.module = r.candidates.front().module;
  if (r.candidates.size() > 1) {
    std::set<std::string> objects;
    std::vector<std::string> names;
    for (const auto& c : r.candidates) {
      objects.insert(where(c));
      names.push_back(where(c) + ":" + c.name);
    }
    std::string advice = objects.size() == r.candidates.size()
                             ? "name one as <module>:" + r.symbol
                             : "several are in the same object, so the probe would catch only one of them";
    r.reasons.push_back({Severity::kUnsafe, "ambiguous",
                         std::to_string(r.candidates.size()) + " functions are called " + r.symbol + " (" +
                             util::join(names) + "): " + advice});
  }
}

void probe_checks(kernel::KernelInfo& info, Report& r) {
  if (!r.found) return;
  r.traceable = info.traceable(r.symbol);
  if (!r.traceable)
    r.reasons.push_back({Severity::kInfo, "traceable_unknown",
                         "cannot read available_filter_functions (is tracefs mounted?): traceability unknown"});
  else if (!*r.traceable)
    r.reasons.push_back({Severity::kWarning, "not_traceable",
                         r.symbol +
                             " is not in available_filter_functions (notrace, or too small to trace): the "
                             "probe falls back to a breakpoint, and copies inlined into callers are not caught"});
  r.blacklisted = info.blacklisted(r.symbol);
  if (!r.blacklisted)
    r.reasons.push_back({Severity::kInfo, "blacklist_unknown",
                         "cannot read the kprobe blacklist (debugfs, root only): the kernel will tell at engage"});
  else if (*r.blacklisted)
    r.reasons.push_back(
        {Severity::kRefused, "blacklisted", r.symbol + " is on the kprobe blacklist: the kernel refuses to probe it"});
}

void prototype_checks(kernel::KernelInfo& info, Report& r, const Request& req) {
  if (!r.found && !r.pending) return;
  // A pending target's module is not loaded: its file's BTF says the same.
  const std::string& module = r.pending ? r.module_requested : r.module;
  std::string why;
  info.btf(module, &why);
  r.prototype = info.prototype(r.symbol, module);
  if (!r.prototype && r.pending) return;  // judged at load (safety_checks says so)
  if (!r.prototype) {
    if (why.empty()) why = "no such function in the " + (r.module.empty() ? std::string("vmlinux") : r.module) + " BTF";
    r.reasons.push_back(
        {Severity::kWarning, "no_prototype",
         "no prototype for " + r.symbol + " (" + why + "): the return type is unknown, check the source"});
    return;
  }
  r.reasons.push_back({Severity::kInfo, "prototype", r.prototype->text()});
  if (req.verb == wire::Verb::kMonitor) return;
  // A void function is judged without a value: it has none to give.
  if (req.value || r.prototype->return_kind == btf::TypeKind::kVoid)
    for (auto& reason : value_fit(*r.prototype, req.value.value_or(0))) r.reasons.push_back(std::move(reason));
}

void clone_checks(Report& r, bool condition_uses_args) {
  if (!r.clones.empty())
    r.reasons.push_back(
        {Severity::kInfo, "clones", "compiler clones, engaged together with it: " + util::join(r.clones)});
  std::vector<std::string> rewritten;
  for (const auto& c : r.clones)
    if (symbols::parse_clone_name(c)->signature_changed) rewritten.push_back(c);
  if (!rewritten.empty()) {
    r.reasons.push_back({Severity::kWarning, "clone_signature",
                         util::join(rewritten) +
                             ": .isra/.constprop clones may take other arguments and return nothing; "
                             "the value may not reach callers as written"});
    if (condition_uses_args)
      r.reasons.push_back({Severity::kUnsafe, "clone_arguments",
                           "the condition reads arguments, but " + util::join(rewritten) +
                               " have a rewritten argument list, so argK there is not the prototype's argument K"});
  }
  if (!r.cold.empty())
    r.reasons.push_back(
        {Severity::kInfo, "cold",
         util::join(r.cold) + ": out-of-line blocks of the function, jumped to and never called; not probed"});
}

// The module's own verdict: its rules (kmod/safety.c) over the return type
// its own BTF reader (kmod/return_type.c) finds in the same files.
void safety_checks(kernel::KernelInfo& info, Report& r, const Request& req) {
  ks_verdict verdict{};
  bool short_circuits = req.verb != wire::Verb::kMonitor;
  ks_return_type type{KS_RET_UNKNOWN, 0};
  if (short_circuits && r.found) type = info.return_type(r.symbol, r.module);
  if (short_circuits && r.pending) type = info.return_type(r.symbol, r.module_requested);
  // Without a value, judge the value engage would pick.
  long value = req.value ? *req.value : default_value(r.prototype ? &*r.prototype : nullptr).value_or(-1);
  // Pending without the module file's BTF: the name now, the type at load.
  const bool by_name = r.pending && short_circuits && type.kind == KS_RET_UNKNOWN;
  int err = by_name ? ks_check_name(r.symbol.c_str(), true, &verdict)
                    : ks_check_safety(r.symbol.c_str(), short_circuits, value, &type, &verdict);
  r.rule = rule_name(verdict.rule);
  std::string entry = verdict.entry ? std::string(" (rule ") + verdict.entry + ")" : "";
  if (err) {
    r.reasons.push_back({Severity::kRefused, r.rule,
                         "the module refuses " + r.symbol + " " + values::describe_value(value) + ": " +
                             ks_refusal_reason(&verdict) + "; it returns " + ks_return_kind_name(type.kind) + entry});
  } else if (by_name) {
    r.reasons.push_back({Severity::kInfo, "judged_at_load",
                         "the module judges the value against " + r.symbol + "'s return type when " +
                             r.module_requested + " loads; it stays pending if refused"});
  } else if (verdict.entry) {
    r.reasons.push_back({Severity::kInfo, "reviewed",
                         r.symbol + " " + values::describe_value(value) + " is accepted by a reviewed entry" + entry});
  }
}

void killswitch_checks(kernel::KernelInfo& info, system::Backend backend, Report& r, const Request& req) {
  if (backend == system::Backend::kNone) {
    r.reasons.push_back(
        {Severity::kWarning, "no_killswitch", "killswitch is not loaded: run 'modprobe killswitch' before engaging"});
    return;
  }
  if (backend == system::Backend::kBuiltin) {
    if (req.condition)
      r.reasons.push_back({Severity::kRefused, "needs_module",
                           "the built-in killswitch has no conditions: load killswitch.ko for --if"});
    if (!r.module_requested.empty())
      r.reasons.push_back(
          {Severity::kRefused, "needs_module",
           "the built-in killswitch has no module:symbol targets: load killswitch.ko, or use the bare name"});
  }
  auto lines = wire::read_engaged(info.sys());
  if (!lines) return;
  for (const auto& target : r.targets())
    if (const auto* line = wire::find_engaged(*lines, target))
      r.reasons.push_back({Severity::kWarning, "already_engaged",
                           target + " is already engaged (retval " + values::describe_value(line->retval) + ", hits " +
                               std::to_string(line->hits) + ")"});
}

}  // namespace

util::Result<Request> make_request(std::string target, const std::optional<std::string>& value,
                                   std::optional<std::string> condition) {
  Request req;
  req.target = std::move(target);
  req.condition = std::move(condition);
  if (value) {
    KS_TRY_ASSIGN(req.value, values::parse_value(*value));
  }
  return req;
}

Report check(kernel::KernelInfo& info, system::Backend backend, const Request& req) {
  Report r;
  r.target = req.target;
  r.value = req.value;
  auto target = wire::parse_target(req.target);
  if (!target) {
    r.symbol = req.target;
    r.reasons.push_back({Severity::kRefused, "bad_name", target.error().what});
    return r;
  }
  r.module_requested = target->module;
  r.symbol = target->symbol;
  r.target = target->text();
  if (auto clone = symbols::parse_clone_name(r.symbol); clone && !clone->entry)
    r.reasons.push_back({Severity::kRefused, "cold_block",
                         r.symbol + " is an out-of-line block of " + clone->base + ", not a function: engage " +
                             clone->base + " instead"});

  locate(info, r);
  probe_checks(info, r);
  prototype_checks(info, r, req);

  bool uses_args = false;
  if (req.condition) {
    std::string why;
    const btf::Btf* b = info.btf(r.module, &why);
    auto translated = condition::translate(*req.condition, r.prototype ? &*r.prototype : nullptr, b);
    if (!translated) {
      r.reasons.push_back({Severity::kRefused, "bad_condition", translated.error().message()});
    } else {
      r.condition = translated->text;
      uses_args = translated->uses_args;
      r.reasons.push_back({Severity::kInfo, "condition", "condition sent to the module: " + translated->text});
    }
  }
  clone_checks(r, uses_args);
  safety_checks(info, r, req);
  killswitch_checks(info, backend, r, req);
  return r;
}

}  // namespace ks::check
