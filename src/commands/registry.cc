#include "commands/registry.h"

#include "commands/apply.h"
#include "commands/check.h"
#include "commands/confirm.h"
#include "commands/disengage.h"
#include "commands/engage.h"
#include "commands/metrics.h"
#include "commands/monitor.h"
#include "commands/persist.h"
#include "commands/profiles.h"
#include "commands/revert.h"
#include "commands/status.h"
#include "util/text.h"

namespace ks::commands {

const std::vector<CommandEntry>& command_table() {
  static const std::vector<CommandEntry> table = {
      {"check", setup_check},     {"engage", setup_engage},       {"disengage", setup_disengage},
      {"confirm", setup_confirm}, {"monitor", setup_monitor},     {"status", setup_status},
      {"apply", setup_apply},     {"revert", setup_revert},       {"profiles", setup_profiles},
      {"persist", setup_persist}, {"unpersist", setup_unpersist}, {"metrics", setup_metrics},
  };
  return table;
}

std::string did_you_mean(const std::string& typed) {
  std::vector<std::string> names;
  for (const auto& entry : command_table()) names.push_back(entry.name);
  return util::closest_word(typed, names);
}

}  // namespace ks::commands
