#include "commands/registry.h"

#include <algorithm>

#include "commands/apply.h"
#include "commands/check.h"
#include "commands/confirm.h"
#include "commands/disengage.h"
#include "commands/engage.h"
#include "commands/monitor.h"
#include "commands/persist.h"
#include "commands/profiles.h"
#include "commands/revert.h"
#include "commands/status.h"

namespace ks::commands {

const std::vector<CommandEntry>& command_table() {
  static const std::vector<CommandEntry> table = {
      {"check", setup_check},     {"engage", setup_engage},       {"disengage", setup_disengage},
      {"confirm", setup_confirm}, {"monitor", setup_monitor},     {"status", setup_status},
      {"apply", setup_apply},     {"revert", setup_revert},       {"profiles", setup_profiles},
      {"persist", setup_persist}, {"unpersist", setup_unpersist},
  };
  return table;
}

namespace {

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string did_you_mean(const std::string& typed) {
  std::string best;
  size_t best_distance = 0;
  for (const auto& entry : command_table()) {
    std::string name = entry.name;
    // A prefix ("dis") is as good a guess as a typo.
    size_t d = name.rfind(typed, 0) == 0 ? 1 : edit_distance(typed, name);
    if (best.empty() || d < best_distance) {
      best = name;
      best_distance = d;
    }
  }
  // Further than a third of the word away is no longer a typo.
  return best_distance <= std::max<size_t>(2, best.size() / 3) ? best : std::string();
}

}  // namespace ks::commands
