#include "system/backend.h"

namespace ks::system {

bool module_listed(std::string_view text, std::string_view name) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(pos, end - pos);
    if (line.size() > name.size() && line.substr(0, name.size()) == name && line[name.size()] == ' ') return true;
    pos = end + 1;
  }
  return false;
}

Backend detect_backend(const System& sys) {
  if (!sys.killswitch_present()) return Backend::kNone;
  auto modules = sys.modules();
  if (modules && module_listed(*modules, "killswitch")) return Backend::kModule;
  return Backend::kBuiltin;
}

std::string backend_name(Backend backend) {
  switch (backend) {
    case Backend::kNone:
      return "none";
    case Backend::kModule:
      return "module";
    case Backend::kBuiltin:
      return "builtin";
  }
  return "none";
}

std::vector<std::string> missing_features(Backend backend) {
  if (backend != Backend::kBuiltin) return {};
  return {"conditions (--if)",
          "tryengage (--try)",
          "monitor",
          "module:symbol targets and pending engagements",
          "passes, state and condition per function",
          "the fail-closed safety rules in the kernel"};
}

}  // namespace ks::system
