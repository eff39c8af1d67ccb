#include "wire/channel.h"

extern "C" {
#include "uapi/killswitch.h"
}

namespace ks::wire {

util::Result<void> send(system::System& sys, const Command& command) {
  return sys.killswitch_write(KS_CONTROL_FILE, command.text());
}

namespace {

std::string one_write(const std::vector<Command>& commands) {
  std::string text;
  for (const auto& command : commands) text += command.text();  // each ends its line
  return text;
}

}  // namespace

bool fits_one_write(const std::vector<Command>& commands) {
  return commands.size() <= KS_BATCH_LINES_MAX && one_write(commands).size() <= KS_BATCH_MAX;
}

util::Result<void> send_all(system::System& sys, const std::vector<Command>& commands) {
  return sys.killswitch_write(KS_CONTROL_FILE, one_write(commands));
}

util::Result<std::vector<EngagedLine>> read_engaged(const system::System& sys) {
  KS_TRY_ASSIGN(std::string text, sys.killswitch_read(KS_ENGAGED_FILE));
  return parse_engaged(text);
}

}  // namespace ks::wire
