// Fail closed, and hands off killswitch's own machinery (docs/safety.md).
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/guest.h"

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
// ("[killswitch]"), or built in, those between its two text markers. Each
// refused engage reads the kernel's BTF first, so a spread of forty is
// tried, the first and the last among them, not all three hundred.
TEST_F(SafetyTest, FunctionsOfKillswitchItselfAreRefusedWhereverTheyLie) {
  std::ifstream kallsyms("/proc/kallsyms");
  struct Symbol {
    unsigned long address;
    std::string name;
  };
  std::vector<Symbol> text;
  unsigned long begin = 0, end = 0;
  std::string line;
  while (std::getline(kallsyms, line)) {
    std::istringstream fields(line);
    std::string address, type, name, module;
    fields >> address >> type >> name >> module;
    // Not ARM's mapping symbols ($x, $d): they mark code, they name nothing.
    if ((type != "t" && type != "T") || name.empty() || name[0] == '$') continue;
    unsigned long at = std::stoul(address, nullptr, 16);
    if (name == "ks_own_text_begin") begin = at;
    if (name == "ks_own_text_end") end = at;
    if (killswitch_builtin() ? module.empty() : module == "[killswitch]") text.push_back({at, name});
  }
  if (killswitch_builtin()) ASSERT_GT(end, begin) << "no text markers in kallsyms";
  std::vector<std::string> own;
  for (const auto& symbol : text)
    if (!killswitch_builtin() || (symbol.address >= begin && symbol.address < end)) own.push_back(symbol.name);
  ASSERT_GT(own.size(), 100u) << "killswitch's functions are not in kallsyms";
  const size_t step = own.size() / 40;
  for (size_t i = 0; i < own.size(); i += step)
    EXPECT_EQ(ks_.command("engage " + own[i] + " -1").value(), EACCES) << own[i];
  EXPECT_EQ(ks_.command("engage " + own.back() + " -1").value(), EACCES) << own.back();
  EXPECT_EQ(engaged_text(), "");
}

}  // namespace
}  // namespace ks::guest
