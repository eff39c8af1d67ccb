// Every error of ABI section 1, each from its bad input, and each leaving
// the state exactly as it was.
#include <fcntl.h>
#include <linux/capability.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "support/guest.h"
#include "uapi/killswitch.h"
#include "util/file_io.h"

namespace ks::guest {
namespace {

class ControlErrorsTest : public KillswitchTest {
 protected:
  // One engagement that every refused write must leave alone.
  void SetUp() override {
    KillswitchTest::SetUp();
    ASSERT_FALSE(ks_.engage(target::kLong, -2));
    before_ = engaged_text();
  }

  void ExpectUnchanged(const std::string& what) {
    EXPECT_EQ(engaged_text(), before_) << what;
    EXPECT_EQ(target::call_int(), target::kIntValue) << what;
    EXPECT_EQ(target::call_long(), -2) << what;
    before_ = engaged_text();  // the call above counted one hit
  }

  void ExpectRefused(const std::string& command, int expected_errno) {
    auto err = ks_.command(command);
    EXPECT_EQ(err.value(), expected_errno) << "command: '" << command << "' gave " << err.message();
    ExpectUnchanged(command);
  }

  std::string before_;
};

TEST_F(ControlErrorsTest, UnknownSymbolIsEnoent) {
  ExpectRefused("engage no_such_function_anywhere 1", ENOENT);
  EXPECT_NE(kernel_log().find("engage no_such_function_anywhere refused: no such function is loaded (error -2)"),
            std::string::npos);
}

TEST_F(ControlErrorsTest, KprobeBlacklistedSymbolIsRefusedWithTheProbeError) {
  // NOKPROBE_SYMBOL(notifier_call_chain) in kernel/notifier.c: kprobes says EINVAL.
  // Monitored, so that no rule about its return value answers first.
  ExpectRefused(std::string("monitor ") + target::kKprobeBlacklisted, EINVAL);
  EXPECT_NE(
      kernel_log().find(std::string("monitor ") + target::kKprobeBlacklisted + " refused: kprobes cannot probe it"),
      std::string::npos);
}

// Data is no function: kprobes refuses it (EINVAL). A kernel whose kallsyms
// lists functions only (no CONFIG_KALLSYMS_ALL: Debian's arm64 6.1) does not
// know the name at all (ENOENT).
TEST_F(ControlErrorsTest, DataSymbolIsRefused) {
  bool listed = util::read_text("/proc/kallsyms").value_or("").find(" D jiffies_64\n") != std::string::npos;
  ExpectRefused("engage jiffies_64 0", listed ? EINVAL : ENOENT);
}

TEST_F(ControlErrorsTest, DuplicateEngageIsEbusyAndKeepsTheOldValue) {
  ExpectRefused("engage test_killswitch_long 5", EBUSY);
  EXPECT_EQ(ks_.retval(target::kLong).value_or(0), -2);
}

TEST_F(ControlErrorsTest, DisengageOfSomethingNotEngagedIsEnoent) {
  ExpectRefused("disengage test_killswitch_int", ENOENT);
  ExpectRefused("disengage no_such_function_anywhere", ENOENT);
}

TEST_F(ControlErrorsTest, MalformedLinesAreEinval) {
  const char* lines[] = {
      "engage",
      "engage test_killswitch_int",
      "engage test_killswitch_int abc",
      "engage test_killswitch_int 1 2",
      "engage test_killswitch_int 99999999999999999999",
      "engage test_killswitch_int 0x",
      "engage test_killswitch/int 1",
      "frobnicate test_killswitch_int",
      "disengage",
      "disengage test_killswitch_long extra",
      "disengage_all now",
      "engage test_killswitch_int -1\nengage",  // one malformed line refuses the batch
      "disengage_all\ndisengage_all",           // disengage_all stands alone
      "engage test_killswitch_int 1\n\n",
      "\n",
      "   ",
  };
  for (const char* line : lines) ExpectRefused(line, EINVAL);
  ExpectRefused(std::string("engage test_killswitch_int 1\0", 29), EINVAL);
}

TEST_F(ControlErrorsTest, EmptyWriteIsEinval) { ExpectRefused("", EINVAL); }

TEST_F(ControlErrorsTest, WriteOverTheLimitIsEinvalAndAtTheLimitWorks) {
  std::string command = "engage test_killswitch_int -7";
  std::string padded = command + std::string(KS_CONTROL_MAX - command.size(), ' ');
  ExpectRefused(padded + " ", EINVAL);
  ASSERT_FALSE(ks_.command(padded)) << "a write of exactly " << KS_CONTROL_MAX << " bytes is allowed";
  EXPECT_EQ(target::call_int(), -7);
}

TEST_F(ControlErrorsTest, WriterWithoutCapSysAdminIsEperm) {
  int fd = ::open((ks_.root() / KS_CONTROL_FILE).c_str(), O_WRONLY);
  ASSERT_GE(fd, 0);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // Drop CAP_SYS_ADMIN from the effective set, keep everything else.
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2] = {};
    if (::syscall(SYS_capget, &header, data) != 0) ::_exit(100);
    data[CAP_SYS_ADMIN / 32].effective &= ~(1u << (CAP_SYS_ADMIN % 32));
    if (::syscall(SYS_capset, &header, data) != 0) ::_exit(101);
    const char cmd[] = "disengage_all\n";
    ssize_t n = ::write(fd, cmd, sizeof cmd - 1);
    ::_exit(n == -1 && errno == EPERM ? 0 : 102);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ::close(fd);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "100/101: capget/capset failed, 102: write was not refused with EPERM";
  ExpectUnchanged("write without CAP_SYS_ADMIN");
}

// The refused file counts each refused write once, whatever refused it
// (a batch is one write); accepted writes do not count.
TEST_F(ControlErrorsTest, RefusedFileCountsEachRefusedWriteOnce) {
  auto file = ks_.root() / KS_REFUSED_FILE;
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0400u) << "root's alone, like engaged";
  long before = util::read_long(file).value_or(-1);
  ASSERT_GE(before, 0);
  const std::string refused[] = {
      "engage no_such_function_anywhere 1",                             // ENOENT
      "engage x",                                                       // EINVAL, malformed
      "engage " + std::string(target::kLong) + " -3",                   // EBUSY, engaged already
      "engage " + std::string(target::kVoid) + " -1",                   // EACCES, a safety rule
      "engage " + std::string(target::kInt) + " -1\nengage nosuch -1",  // one write, one refusal
      ""};
  for (const auto& command : refused) EXPECT_TRUE(ks_.command(command)) << "'" << command << "' was accepted";
  EXPECT_EQ(util::read_long(file).value_or(-1), before + 6);
  ASSERT_FALSE(ks_.engage(target::kInt, -1));
  ASSERT_FALSE(ks_.disengage(target::kInt));
  EXPECT_EQ(util::read_long(file).value_or(-1), before + 6) << "accepted writes are not counted";
}

TEST_F(ControlErrorsTest, RetvalFileRefusesMalformedValues) {
  auto file = ks_.fn_dir(target::kLong) / KS_FN_RETVAL_FILE;
  for (const char* bad : {"", "abc", "1 2", " 1", "0x", "99999999999999999999", "1\n\n"}) {
    auto written = util::write_once(file, bad);
    ASSERT_FALSE(written) << "'" << bad << "' was accepted";
    EXPECT_EQ(written.error().errno_value(), EINVAL) << "'" << bad << "' gave " << written.error().message();
    ExpectUnchanged(bad);
  }
  EXPECT_EQ(ks_.retval(target::kLong).value_or(0), -2);
}

TEST_F(ControlErrorsTest, RefusedWritesDoNotTaintAFreshModule) {
  KS_SKIP_IF_BUILTIN();
  ASSERT_FALSE(ks_.disengage_all());
  unload_module("killswitch");
  load_module("killswitch");
  for (const char* bad : {"engage no_such_function_anywhere 1", "engage x", "disengage test_killswitch_int"})
    EXPECT_TRUE(ks_.command(bad)) << bad;
  EXPECT_EQ(ks_.tainted().value_or(true), false);
  EXPECT_EQ(engaged_text(), "");
}

}  // namespace
}  // namespace ks::guest
