#include "profile/ownership.h"

#include <algorithm>
#include <string_view>

#include "symbols/clone_suffix.h"

namespace ks::profile {

bool engaged_as(const wire::EngagedLine& line, const Target& t) {
  auto state = line.state();
  bool kills = !state || state == wire::State::kEngaged || state == wire::State::kPending;
  return kills && line.retval == t.retval && line.condition() == t.canonical_condition;
}

std::vector<const wire::EngagedLine*> lines_of(const std::vector<wire::EngagedLine>& lines, const Target& t) {
  std::vector<const wire::EngagedLine*> out;
  for (const auto& line : lines) {
    std::string_view name = line.target;
    if (name == t.function) {
      out.insert(out.begin(), &line);
      continue;
    }
    if (!name.starts_with(t.function) || name.size() <= t.function.size() || name[t.function.size()] != '.') continue;
    auto colon = name.find(':');
    auto clone = symbols::parse_clone_name(colon == std::string_view::npos ? name : name.substr(colon + 1));
    if (clone && clone->entry) out.push_back(&line);
  }
  return out;
}

bool applied(const Profile& p, const std::vector<wire::EngagedLine>& lines) {
  return std::all_of(p.targets.begin(), p.targets.end(), [&](const Target& t) {
    const wire::EngagedLine* line = wire::find_engaged(lines, t.function);
    return line && engaged_as(*line, t);
  });
}

bool owns(const Profile& p, const std::vector<wire::EngagedLine>& lines, const wire::EngagedLine& line) {
  for (const Target& t : p.targets)
    for (const wire::EngagedLine* mine : lines_of(lines, t))
      if (mine == &line && engaged_as(line, t)) return true;
  return false;
}

}  // namespace ks::profile
