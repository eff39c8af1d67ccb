#include "wire/channel.h"

extern "C" {
#include "uapi/killswitch.h"
}

namespace ks::wire {

util::Result<void> send(system::System& sys, const Command& command) {
  return sys.killswitch_write(KS_CONTROL_FILE, command.text());
}

util::Result<std::vector<EngagedLine>> read_engaged(const system::System& sys) {
  KS_TRY_ASSIGN(std::string text, sys.killswitch_read(KS_ENGAGED_FILE));
  return parse_engaged(text);
}

}  // namespace ks::wire
