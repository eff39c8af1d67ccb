#include "engage/plan.h"

#include <set>

#include "check/value_fit.h"

namespace ks::engage {
namespace {

// "af_alg_pull_tsgl: cannot be engaged with -1 (-EPERM): type: the module refuses ..."
std::string explain(const check::Report& report) {
  std::string why = report.verdict_line();
  for (const auto& reason : report.reasons)
    if (reason.severity == report.verdict()) return why + ": " + reason.code + ": " + reason.message;
  return why;
}

// Without a value, the one its return type implies (-EPERM, false).
std::optional<check::Request> with_value(kernel::KernelInfo& info, system::Backend backend, check::Request req,
                                         Plan& out) {
  if (req.value || req.verb == wire::Verb::kMonitor) return req;
  auto first = check::check(info, backend, req);
  auto fallback = check::default_value(first.prototype ? &*first.prototype : nullptr);
  if (!fallback && !first.not_found()) {
    out.stop = Stop::kNoValue;
    out.why = "give a value: the return type of " + first.symbol + " is " +
              (first.prototype ? first.prototype->return_type : "unknown (no BTF)");
    out.reports.push_back(std::move(first));
    return std::nullopt;
  }
  req.value = fallback.value_or(-1);
  return req;
}

std::optional<Stop> judge(const check::Report& report, bool force) {
  if (report.not_found()) return Stop::kNotFound;
  if (report.verdict() == check::Severity::kRefused) return Stop::kRefused;
  if (report.verdict() == check::Severity::kUnsafe && !force) return Stop::kUnsafe;
  return std::nullopt;
}

wire::Command command_for(const check::Request& req, const check::Report& report, const PlanOptions& options) {
  if (req.verb == wire::Verb::kMonitor) return wire::Command::monitor(report.target);
  if (options.try_seconds) return wire::Command::tryengage(report.target, *report.value, *options.try_seconds);
  return wire::Command::engage(report.target, *report.value, report.condition, options.confirm_seconds);
}

}  // namespace

Plan plan(kernel::KernelInfo& info, system::Backend backend, const std::vector<check::Request>& requests,
          const PlanOptions& options) {
  Plan out;
  out.one_write = system::full_abi(backend);
  std::set<std::string> seen;
  for (const auto& request : requests) {
    auto req = with_value(info, backend, request, out);
    if (!req) return out;
    out.reports.push_back(check::check(info, backend, *req));
    const check::Report& report = out.reports.back();
    if (auto stop = judge(report, options.force)) {
      out.stop = *stop;
      out.why = *stop == Stop::kUnsafe ? explain(report) + "; add --force to engage anyway" : explain(report);
      return out;
    }
    // The module keys engagements by target: a second one would be refused
    // half way through the batch.
    for (const auto& target : report.targets()) {
      if (!seen.insert(target).second) {
        out.stop = Stop::kDuplicate;
        out.why = target + " is asked for twice in one batch";
        return out;
      }
    }
    wire::Command command = command_for(*req, report, options);
    // Where each function starts spares the module a lookup by name, the
    // bulk of what engaging costs it; it checks the address against the name.
    const symbols::SymbolTable* symbols = out.one_write ? info.symbols() : nullptr;
    for (const auto& target : report.targets()) {
      out.commands.push_back(command);
      out.commands.back().target = target;
      if (symbols) out.commands.back().at = symbols->address_of(target);
    }
  }
  return out;
}

}  // namespace ks::engage
