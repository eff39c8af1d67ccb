#include "profile/report.h"

namespace ks::profile {

nlohmann::json facts_json(const KernelFacts& f) {
  return {{"release", f.release},
          {"upstream", f.upstream.str()},
          {"debian_version", f.debian_version.empty() ? nlohmann::json() : nlohmann::json(f.debian_version)},
          {"changelog", f.changelog_path.empty() ? nlohmann::json() : nlohmann::json(f.changelog_path)},
          {"changelog_cves", f.fixed_cves.size()}};
}

nlohmann::json error_json(const util::Error& e) {
  if (!e.where) return {{"file", nullptr}, {"line", 0}, {"column", 0}, {"what", e.message()}};
  return {{"file", e.where->file}, {"line", e.where->line}, {"column", e.where->column}, {"what", e.what}};
}

nlohmann::json result_json(const ProfileResult& r) {
  nlohmann::json targets = nlohmann::json::array();
  for (const auto& t : r.targets) {
    nlohmann::json j = {{"function", t.function}, {"action", action_name(t.action)}};
    if (!t.error.empty()) j["error"] = t.error;
    targets.push_back(std::move(j));
  }
  return {{"id", r.id},
          {"source", r.source},
          {"outcome", outcome_name(r.outcome)},
          {"dry_run", r.dry_run},
          {"changed", r.changed},
          {"reason", r.reason},
          {"need", need_name(r.applicability.need)},
          {"applicability", r.applicability.reason},
          {"targets", std::move(targets)}};
}

nlohmann::json report_json(const KernelFacts& facts, const std::vector<ProfileResult>& results) {
  nlohmann::json list = nlohmann::json::array();
  bool changed = false;
  int failed = 0;
  for (const auto& r : results) {
    list.push_back(result_json(r));
    changed = changed || r.changed;
    failed += r.outcome == Outcome::kFailed;
  }
  return {{"kernel", facts_json(facts)}, {"results", std::move(list)}, {"changed", changed}, {"failed", failed}};
}

std::string report_text(const std::vector<ProfileResult>& results) {
  std::string out;
  for (const auto& r : results) {
    out += r.id + ": " + outcome_name(r.outcome) + (r.dry_run ? " (dry run)" : "") + ": " + r.reason + "\n";
    for (const auto& t : r.targets) {
      out += "  " + t.function + ": " + action_name(t.action);
      if (!t.error.empty()) out += " (" + t.error + ")";
      out += "\n";
    }
  }
  return out;
}

}  // namespace ks::profile
