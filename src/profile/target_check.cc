#include "profile/target_check.h"

#include <cstring>
#include <vector>

extern "C" {
#include "parse.h"
#include "condition.h"
#include "safety.h"
}

namespace ks::profile {

std::string Target::engage_command() const {
  std::string cmd = "engage " + function + " " + value;
  if (!condition.empty()) cmd += " if " + condition;
  return cmd;
}

tl::expected<void, std::string> check_target(Target& target) {
  std::string text = target.engage_command();
  std::vector<char> buf(text.begin(), text.end());
  buf.push_back('\0');
  ks_command cmd{};
  if (ks_parse_command(buf.data(), text.size(), &cmd) != 0)
    return tl::unexpected("the module would refuse \"" + text + "\" as malformed (see docs/abi.md)");
  if (cmd.verb != KS_CMD_ENGAGE) return tl::unexpected("\"" + text + "\" is not an engage command");
  ks_verdict verdict{};
  if (ks_check_safety(cmd.symbol, true, cmd.retval, &verdict) != 0)
    return tl::unexpected("the module's safety rules refuse \"" + text + "\": " + ks_refusal_reason(&verdict));
  // The module keys engagements by the target as it normalises it.
  target.function = cmd.target;
  target.retval = cmd.retval;
  target.canonical_condition.clear();
  if (cmd.cond.n > 0) {
    char canon[1024];
    if (ks_format_condition(&cmd.cond, canon, sizeof(canon)) < 0)
      return tl::unexpected("condition \"" + target.condition + "\" cannot be printed back");
    target.canonical_condition = canon;
  }
  return {};
}

}  // namespace ks::profile
