// libFuzzer target for the module's parser (kmod/parse.c, kmod/condition.c),
// built in user space from the same C files the kernel runs. Beyond "no crash, no
// sanitizer report", it checks what the module relies on: an accepted
// command has a valid target, and a condition's canonical text parses back
// to the same condition.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

extern "C" {
#include "condition.h"
#include "parse.h"
#include "uapi/killswitch.h"
}

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

void check_command(const std::string& input) {
  std::string buf = input;  // parsed in place, NUL-terminated like memdup_user_nul
  ks_command cmd;
  if (ks_parse_command(buf.data(), input.size(), &cmd) != 0) return;
  check(cmd.verb >= KS_CMD_ENGAGE && cmd.verb <= KS_CMD_CONFIRM);
  if (cmd.verb == KS_CMD_DISENGAGE_ALL) {
    check(cmd.target == nullptr);
    return;
  }
  check(cmd.target != nullptr && ks_symbol_valid(cmd.symbol));
  check(cmd.symbol == cmd.target + (cmd.module_len ? cmd.module_len + 1 : 0));
  if (cmd.verb == KS_CMD_TRYENGAGE) check(cmd.seconds >= 1 && cmd.seconds <= KS_TRY_SECONDS_MAX);
  if (cmd.verb == KS_CMD_ENGAGE) check(cmd.seconds <= KS_TRY_SECONDS_MAX);  // expire=, 0 without
  if (cmd.verb != KS_CMD_ENGAGE && cmd.verb != KS_CMD_TRYENGAGE) check(cmd.seconds == 0);
  check(cmd.cond.n <= KS_COND_MAX);
  if (cmd.cond.n) {
    char text[KS_COND_TEXT_MAX];
    ks_format_condition(&cmd.cond, text, sizeof text);
    ks_cond again;
    check(ks_parse_condition(text, &again) == 0);
    check(std::memcmp(&again, &cmd.cond, sizeof again) == 0);
  }
}

void check_param_entry(const std::string& input) {
  std::string entry = input.substr(0, input.find('\0'));
  std::string before = entry;
  ks_command cmd;
  if (ks_parse_param_entry(entry.data(), &cmd) != 0)
    check(std::strcmp(entry.c_str(), before.c_str()) == 0);  // refused entries are left intact
}

void check_retval_write(const std::string& input) {
  std::string buf = input;
  long value;
  ks_parse_retval_write(buf.data(), input.size(), &value);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > KS_CONTROL_MAX + 1) return 0;
  std::string input(reinterpret_cast<const char*>(data), size);
  check_command(input);
  check_param_entry(input);
  check_retval_write(input);
  // The kernel command line as read from /proc/cmdline: NUL-terminated.
  std::string line = input.substr(0, input.find('\0'));
  ks_cmdline_sets(line.c_str(), "engage", line.c_str() + line.size() / 2);
  return 0;
}
