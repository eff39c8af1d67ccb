#include "system/backend.h"

#include "util/text.h"

namespace ks::system {

bool module_listed(std::string_view text, std::string_view name) {
  bool listed = false;
  util::for_each_line(text, [&](std::string_view line) {
    auto fields = util::split_blanks(line);
    listed = listed || (!fields.empty() && fields[0] == name);
  });
  return listed;
}

Backend detect_backend(const System& sys) {
  if (!sys.killswitch_present()) return Backend::kNone;
  auto modules = sys.modules();
  if (modules && module_listed(*modules, "killswitch")) return Backend::kModule;
  // A parameter of ours (kmod/engage.c), there for the module and built in alike.
  if (sys.module_parameter_exists("killswitch", "max_engagements")) return Backend::kInTree;
  return Backend::kBuiltin;
}

std::string backend_name(Backend backend) {
  switch (backend) {
    case Backend::kNone:
      return "none";
    case Backend::kModule:
      return "module";
    case Backend::kInTree:
      return "intree";
    case Backend::kBuiltin:
      return "builtin";
  }
  return "none";
}

bool full_abi(Backend backend) { return backend == Backend::kModule || backend == Backend::kInTree; }

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
