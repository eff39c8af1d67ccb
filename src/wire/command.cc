#include "wire/command.h"

#include <charconv>
#include <vector>

extern "C" {
#include "parse.h"
#include "uapi/killswitch.h"
}

namespace ks::wire {

std::string_view verb_name(Verb verb) {
  switch (verb) {
    case Verb::kEngage:
      return KS_VERB_ENGAGE;
    case Verb::kDisengage:
      return KS_VERB_DISENGAGE;
    case Verb::kDisengageAll:
      return KS_VERB_DISENGAGE_ALL;
    case Verb::kTryEngage:
      return KS_VERB_TRYENGAGE;
    case Verb::kMonitor:
      return KS_VERB_MONITOR;
    case Verb::kConfirm:
      return KS_VERB_CONFIRM;
  }
  return "?";
}

Command Command::engage(std::string target, long value, std::optional<std::string> condition, unsigned expire) {
  return {Verb::kEngage, std::move(target), value, std::move(condition), expire};
}

Command Command::tryengage(std::string target, long value, unsigned seconds) {
  return {Verb::kTryEngage, std::move(target), value, std::nullopt, seconds};
}

Command Command::monitor(std::string target) { return {Verb::kMonitor, std::move(target), 0, std::nullopt, 0}; }

Command Command::disengage(std::string target) { return {Verb::kDisengage, std::move(target), 0, std::nullopt, 0}; }

Command Command::disengage_all() { return {Verb::kDisengageAll, {}, 0, std::nullopt, 0}; }

Command Command::confirm(std::string target) { return {Verb::kConfirm, std::move(target), 0, std::nullopt, 0}; }

std::string Command::text() const {
  std::string text(verb_name(verb));
  if (verb != Verb::kDisengageAll) text += " " + target;
  if (verb == Verb::kEngage || verb == Verb::kTryEngage) text += " " + std::to_string(value);
  if (verb == Verb::kTryEngage) text += " " + std::to_string(seconds);
  if (verb == Verb::kEngage && seconds) text += std::string(" ") + KS_EXPIRE_KEYWORD + std::to_string(seconds);
  if (engages() && at) {
    char hex[16];
    auto end = std::to_chars(hex, hex + sizeof hex, at, 16).ptr;
    text += std::string(" ") + KS_AT_KEYWORD + "0x" + std::string(hex, end);
  }
  if (verb == Verb::kEngage && condition) text += std::string(" ") + KS_COND_KEYWORD + " " + *condition;
  return text + "\n";
}

namespace {

Verb verb_of(ks_verb verb) {
  switch (verb) {
    case KS_CMD_ENGAGE:
      return Verb::kEngage;
    case KS_CMD_DISENGAGE:
      return Verb::kDisengage;
    case KS_CMD_DISENGAGE_ALL:
      return Verb::kDisengageAll;
    case KS_CMD_TRYENGAGE:
      return Verb::kTryEngage;
    case KS_CMD_MONITOR:
      return Verb::kMonitor;
    case KS_CMD_CONFIRM:
      return Verb::kConfirm;
  }
  return Verb::kEngage;
}

}  // namespace

util::Result<Command> parse_command(std::string_view text) {
  std::vector<char> buf(text.begin(), text.end());
  buf.push_back('\0');
  ks_command cmd{};
  if (ks_parse_command(buf.data(), text.size(), &cmd) != 0)
    return util::fail("the module would refuse \"" + std::string(text) + "\" as malformed (see docs/abi.md)",
                      util::errno_code(EINVAL));
  Command out;
  out.verb = verb_of(cmd.verb);
  if (cmd.target) out.target = cmd.target;
  out.value = cmd.retval;
  out.seconds = cmd.seconds;
  out.at = cmd.at;
  if (cmd.cond.n > 0) {
    char canon[KS_COND_TEXT_MAX];
    ks_format_condition(&cmd.cond, canon, sizeof canon);
    out.condition = canon;
  }
  return out;
}

util::Result<long> parse_retval(std::string_view text) {
  long value = 0;
  if (ks_parse_value(std::string(text).c_str(), &value) != 0)
    return util::fail("the module would refuse the value \"" + std::string(text) +
                          "\" (a C integer literal or an errno name such as -EPERM)",
                      util::errno_code(EINVAL));
  return value;
}

util::Result<std::string> canonical_condition(std::string_view text) {
  ks_cond cond{};
  if (ks_parse_condition(std::string(text).c_str(), &cond) != 0)
    return util::fail(
        "the module would refuse the condition \"" + std::string(text) + "\" as malformed (see docs/abi.md)",
        util::errno_code(EINVAL));
  char canon[KS_COND_TEXT_MAX];
  ks_format_condition(&cond, canon, sizeof canon);
  return std::string(canon);
}

}  // namespace ks::wire
