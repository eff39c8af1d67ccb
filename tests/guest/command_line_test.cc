// The kernel command line at boot (killswitch=, built in): under lockdown it
// is the only way in. The guest boots with lockdown=integrity and
// killswitch=<entries> (tests/guest/CMakeLists.txt, guest@intree.CommandLineTest):
// the good entries are engaged before user space runs, pending ones arm when
// their module loads, bad ones are logged and skipped, and nothing can be
// changed at run time.
#include <cerrno>
#include <string>

#include "support/guest.h"
#include "trigger/af_alg_aead.h"
#include "util/file_io.h"

namespace ks::guest {
namespace {

class CommandLineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cmdline = util::read_text("/proc/cmdline");
    ASSERT_TRUE(cmdline);
    if (cmdline->find(" killswitch=") == std::string::npos)
      GTEST_SKIP() << "booted without killswitch= on the command line";
  }

  KillswitchFs ks_;
};

TEST_F(CommandLineTest, EntriesAreEngagedAtBootAndLockdownKeepsThem) {
  ASSERT_TRUE(ks_.present());
  auto lockdown = util::read_text("/sys/kernel/security/lockdown");
  ASSERT_TRUE(lockdown);
  EXPECT_NE(lockdown->find("[integrity]"), std::string::npos) << *lockdown;

  // Module targets wait for their module; it arms them as it loads.
  auto text = ks_.engaged_text();
  ASSERT_TRUE(text);
  EXPECT_NE(text->find("test_killswitch:test_killswitch_int retval=-1 hits=0"), std::string::npos) << *text;
  EXPECT_NE(text->find("state=pending"), std::string::npos) << *text;
  load_module("test_killswitch");
  long runs = target::body_runs();
  EXPECT_EQ(target::call_int(), -EPERM);
  EXPECT_EQ(target::body_runs(), runs) << "the body ran";

  // Copy Fail's mitigation, from the command line.
  auto trip = trigger::af_alg_aead_round_trip();
  EXPECT_FALSE(trip.has_value());
  EXPECT_EQ(trigger::trip_errno(trip), EPERM) << trigger::describe(trip);

  // Bad entries were skipped, each with its reason; the good ones stand.
  std::string log = kernel_log_since_boot();
  EXPECT_NE(log.find("engage= entry no_such_function_anywhere=-1 skipped (error -2)"), std::string::npos) << log;
  EXPECT_NE(log.find("engage= entry vfs_fsync=0 skipped (error -13)"), std::string::npos) << log;
  EXPECT_NE(log.find("engage= entry 'nonsense' is malformed"), std::string::npos) << log;

  // Nothing changes at run time, not even by root.
  for (const char* command :
       {"engage test_killswitch_long -1", "disengage_all", "disengage test_killswitch:test_killswitch_int"})
    EXPECT_EQ(ks_.command(command).value(), EPERM) << command;
  EXPECT_EQ(target::call_int(), -EPERM);
  EXPECT_EQ(util::read_long("/proc/sys/kernel/tainted").value_or(0) & kernel_ids().taint_bit, kernel_ids().taint_bit);
}

}  // namespace
}  // namespace ks::guest
