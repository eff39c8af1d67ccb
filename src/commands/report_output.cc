#include "commands/report_output.h"

#include <fmt/format.h>

#include <ostream>

#include "commands/exit_codes.h"

namespace ks::commands {

nlohmann::json report_json(const check::Report& r) {
  nlohmann::json j;
  j["target"] = r.target;
  j["symbol"] = r.symbol;
  j["found"] = r.found;
  j["module"] = r.found ? nlohmann::json(r.module.empty() ? "vmlinux" : r.module) : nlohmann::json(nullptr);
  j["pending"] = r.pending;
  j["unique"] = r.candidates.size() <= 1;
  j["candidates"] = nlohmann::json::array();
  for (const auto& c : r.candidates)
    j["candidates"].push_back({{"name", c.name}, {"module", c.module.empty() ? "vmlinux" : c.module}});
  j["traceable"] = r.traceable ? nlohmann::json(*r.traceable) : nlohmann::json(nullptr);
  j["blacklisted"] = r.blacklisted ? nlohmann::json(*r.blacklisted) : nlohmann::json(nullptr);
  if (r.prototype) {
    const auto& p = *r.prototype;
    nlohmann::json params = nlohmann::json::array();
    for (const auto& param : p.params) params.push_back({{"name", param.name}, {"type", param.type}});
    j["prototype"] = {{"text", p.text()},
                      {"btf", p.object},
                      {"return_type", p.return_type},
                      {"return_kind", btf::kind_name(p.return_kind)},
                      {"return_size", p.return_size},
                      {"params", params}};
  } else {
    j["prototype"] = nullptr;
  }
  j["clones"] = r.clones;
  j["cold"] = r.cold;
  j["rule"] = r.rule;
  j["value"] = r.value ? nlohmann::json(*r.value) : nlohmann::json(nullptr);
  j["condition"] = r.condition ? nlohmann::json(*r.condition) : nlohmann::json(nullptr);
  j["targets"] = r.targets();
  j["reasons"] = nlohmann::json::array();
  for (const auto& reason : r.reasons)
    j["reasons"].push_back(
        {{"severity", check::severity_name(reason.severity)}, {"code", reason.code}, {"message", reason.message}});
  j["verdict"] = r.not_found() ? "not_found" : check::severity_name(r.verdict());
  j["verdict_line"] = r.verdict_line();
  return j;
}

void print_report(std::ostream& out, const check::Report& r) {
  out << r.verdict_line() << "\n";
  for (const auto& reason : r.reasons) {
    const char* mark = "  ";
    switch (reason.severity) {
      case check::Severity::kInfo:
        mark = "  ";
        break;
      case check::Severity::kWarning:
        mark = "! ";
        break;
      case check::Severity::kUnsafe:
      case check::Severity::kRefused:
        mark = "x ";
        break;
    }
    out << fmt::format("  {}{:<8} {}\n", mark, check::severity_name(reason.severity), reason.message);
  }
}

int report_exit_code(const check::Report& r) {
  // A target that is not even a name is the operator's typo: a usage error.
  if (r.has("bad_name")) return kExitUsage;
  if (r.not_found()) return kExitNotFound;
  switch (r.verdict()) {
    case check::Severity::kInfo:
      return kExitOk;
    case check::Severity::kWarning:
      return kExitWarning;
    case check::Severity::kUnsafe:
      return kExitUnsafe;
    case check::Severity::kRefused:
      return kExitRefused;
  }
  return kExitOk;
}

int plan_exit_code(const engage::Plan& plan) {
  switch (plan.stop) {
    case engage::Stop::kNone:
      return kExitOk;
    case engage::Stop::kNoValue:
    case engage::Stop::kDuplicate:
      return kExitUsage;
    case engage::Stop::kNotFound:
    case engage::Stop::kRefused:
    case engage::Stop::kUnsafe:
      return report_exit_code(*plan.stopped_report());
  }
  return kExitRefused;
}

}  // namespace ks::commands
