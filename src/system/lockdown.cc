#include "system/lockdown.h"

namespace ks::system {

Lockdown parse_lockdown(std::string_view text) {
  size_t open = text.find('['), close = text.find(']');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) return Lockdown::kNone;
  auto level = text.substr(open + 1, close - open - 1);
  if (level == "integrity") return Lockdown::kIntegrity;
  if (level == "confidentiality") return Lockdown::kConfidentiality;
  return Lockdown::kNone;
}

std::string_view lockdown_name(Lockdown level) {
  switch (level) {
    case Lockdown::kNone:
      return "none";
    case Lockdown::kIntegrity:
      return "integrity";
    case Lockdown::kConfidentiality:
      return "confidentiality";
  }
  return "none";
}

}  // namespace ks::system
