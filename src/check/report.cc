#include "check/report.h"

#include <algorithm>

#include "values/value.h"

namespace ks::check {

Severity Report::verdict() const {
  Severity worst = Severity::kInfo;
  for (const auto& r : reasons) worst = std::max(worst, r.severity);
  return worst;
}

bool Report::has(std::string_view code) const {
  return std::any_of(reasons.begin(), reasons.end(), [&](const Reason& r) { return r.code == code; });
}

bool Report::not_found() const { return has("not_found"); }

std::vector<std::string> Report::targets() const {
  std::vector<std::string> out;
  std::string prefix = module_requested.empty() ? "" : module_requested + ":";
  if (found || pending) out.push_back(target);
  for (const auto& c : clones) out.push_back(prefix + c);
  return out;
}

std::string Report::verdict_line() const {
  std::string with;
  if (value)
    with = " with " + values::describe_value(*value, prototype ? prototype->return_kind : btf::TypeKind::kSigned);
  size_t warnings =
      std::count_if(reasons.begin(), reasons.end(), [](auto& r) { return r.severity == Severity::kWarning; });
  switch (verdict()) {
    case Severity::kInfo:
      return target + ": safe to engage" + with;
    case Severity::kWarning:
      return target + ": can be engaged" + with + ", with " + std::to_string(warnings) +
             (warnings == 1 ? " warning" : " warnings");
    case Severity::kUnsafe:
      return target + ": unsafe to engage" + with + " (engage refuses it without --force)";
    case Severity::kRefused:
      return not_found() ? target + ": not found" : target + ": cannot be engaged" + with;
  }
  return target;
}

std::string severity_name(Severity severity) {
  switch (severity) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kUnsafe:
      return "unsafe";
    case Severity::kRefused:
      return "refused";
  }
  return "info";
}

}  // namespace ks::check
