// Fail closed, and hands off killswitch's own machinery (docs/safety.md).
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <string_view>
#include <vector>

#include "support/guest.h"
#include "util/file_io.h"
#include "util/text.h"

namespace ks::guest {
namespace {

using SafetyTest = KillswitchTest;

TEST_F(SafetyTest, AllowingValueOnAnLsmHookIsEacces) {
  EXPECT_EQ(ks_.command("engage security_socket_create 0").value(), EACCES);
  EXPECT_EQ(ks_.command("engage security_socket_create 1 if uid==0").value(), EACCES);
  EXPECT_EQ(ks_.command("engage security_file_open -EACCES").value(), EACCES) << "on the way back to control";
  EXPECT_EQ(engaged_text(), "");
  EXPECT_NE(kernel_log().find("engage security_socket_create refused: the value would report success or permission"),
            std::string::npos);
}

TEST_F(SafetyTest, DenyingValueOnAnLsmHookIsAcceptedAndDenies) {
  ASSERT_FALSE(ks_.command("engage security_socket_create -EACCES if comm==blocked"));
  int denied = in_child([] {
    ::prctl(PR_SET_NAME, "blocked");
    int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    return fd < 0 && errno == EACCES ? 0 : 1;
  });
  EXPECT_EQ(denied, 0);
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  EXPECT_GE(fd, 0);
  if (fd >= 0) ::close(fd);
}

TEST_F(SafetyTest, RetvalWriteCannotTurnDenyIntoAllow) {
  ASSERT_FALSE(ks_.command("engage security_socket_create -EACCES if comm==blocked"));
  EXPECT_EQ(ks_.set_retval("security_socket_create", 0).value(), EACCES);
  EXPECT_EQ(ks_.retval("security_socket_create").value_or(0), -EACCES);
  EXPECT_FALSE(ks_.set_retval("security_socket_create", -EPERM));
}

TEST_F(SafetyTest, CapabilityChecksAreNeverShortCircuited) {
  EXPECT_EQ(ks_.command("engage ns_capable 1").value(), EACCES);
  EXPECT_EQ(ks_.command("engage capable -1").value(), EACCES) << "-1 is true for a bool";
  EXPECT_EQ(ks_.command("engage ns_capable 0 if comm==blocked").value(), EACCES)
      << "false would lock root out of the control file";
}

TEST_F(SafetyTest, AuditIsNeverShortCircuitedButMayBeMonitored) {
  EXPECT_EQ(ks_.command("engage audit_log_start 0").value(), EACCES);
  EXPECT_EQ(ks_.command("tryengage audit_log_start 0 5").value(), EACCES);
  EXPECT_FALSE(ks_.command("monitor audit_log_start"));
}

TEST_F(SafetyTest, MachineryIsRefusedEvenForMonitoring) {
  for (const char* fn : {"register_kprobe", "securityfs_create_file", "ftrace_set_filter_ip", "text_poke"}) {
    EXPECT_EQ(ks_.command(std::string("engage ") + fn + " -1").value(), EACCES) << fn;
    EXPECT_EQ(ks_.command(std::string("monitor ") + fn).value(), EACCES) << fn;
  }
  // killswitch.ko's own functions, found by address whatever their name.
  EXPECT_EQ(ks_.command("engage killswitch:ks_control_write -1").value(), EACCES);
  EXPECT_EQ(ks_.command("engage ks_engage -1").value(), EACCES);
  EXPECT_EQ(engaged_text(), "");
}

// Functions of killswitch itself, as kallsyms lists them: the module's
// ("[killswitch]"), or built in, those between its two text markers. A
// spread of forty is tried, the first and the last among them, not all
// three hundred.
TEST_F(SafetyTest, FunctionsOfKillswitchItselfAreRefusedWhereverTheyLie) {
  struct Symbol {
    unsigned long address;
    std::string name;
  };
  std::vector<Symbol> text;
  unsigned long begin = 0, end = 0;
  const bool builtin = killswitch_builtin();  // it reads a file: once, not per line
  // string_view fields, not a stream per line: ~10^5 lines under TCG.
  util::for_each_line(util::read_text("/proc/kallsyms").value_or(""), [&](std::string_view line) {
    auto fields = util::split_blanks(line);
    if (fields.size() < 3) return;
    std::string_view type = fields[1], name = fields[2], module = fields.size() > 3 ? fields[3] : "";
    // Not ARM's mapping symbols ($x, $d): they mark code, they name nothing.
    if ((type != "t" && type != "T") || name[0] == '$') return;
    unsigned long at = std::stoul(std::string(fields[0]), nullptr, 16);
    if (name == "ks_own_text_begin") begin = at;
    if (name == "ks_own_text_end") end = at;
    if (builtin ? module.empty() : module == "[killswitch]") text.push_back({at, std::string(name)});
  });
  if (builtin) {
    ASSERT_GT(end, begin) << "no text markers in kallsyms";
  }
  std::vector<std::string> own;
  for (const auto& symbol : text)
    if (!builtin || (symbol.address >= begin && symbol.address < end)) own.push_back(symbol.name);
  ASSERT_GT(own.size(), 100u) << "killswitch's functions are not in kallsyms";
  const size_t step = own.size() / 40;
  for (size_t i = 0; i < own.size(); i += step)
    EXPECT_EQ(ks_.command("engage " + own[i] + " -1").value(), EACCES) << own[i];
  EXPECT_EQ(ks_.command("engage " + own.back() + " -1").value(), EACCES) << own.back();
  EXPECT_EQ(engaged_text(), "");
}

}  // namespace
}  // namespace ks::guest
