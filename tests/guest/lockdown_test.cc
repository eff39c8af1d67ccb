// With lockdown raised to integrity at run time, every runtime change is
// refused with EPERM, and what was engaged keeps working.
#include <unistd.h>

#include <cerrno>

#include "support/guest.h"
#include "trigger/af_alg_aead.h"
#include "util/file_io.h"

namespace ks::guest {
namespace {

class LockdownTest : public KillswitchTest {
 protected:
  // Locked down, nothing can be disengaged any more: that is the point.
  void TearDown() override {}
};

TEST_F(LockdownTest, IntegrityRefusesEveryChangeAndKeepsEngagements) {
  ASSERT_TRUE(trigger::af_alg_aead_round_trip().has_value());
  ASSERT_FALSE(ks_.engage("af_alg_sendmsg", -1));
  ASSERT_FALSE(ks_.command("monitor test_killswitch_long"));
  ASSERT_TRUE(util::write_once("/sys/kernel/security/lockdown", "integrity"));
  std::string before = engaged_text();

  for (const char* command : {"engage test_killswitch_int 1", "disengage af_alg_sendmsg", "disengage_all",
                              "tryengage test_killswitch_int 1 5", "monitor test_killswitch_int", "engage nonsense"}) {
    EXPECT_EQ(ks_.command(command).value(), EPERM) << command;
  }
  EXPECT_EQ(ks_.set_retval("af_alg_sendmsg", -13).value(), EPERM);

  auto during = trigger::af_alg_aead_round_trip();
  EXPECT_FALSE(during.has_value());
  EXPECT_EQ(trigger::trip_errno(during), EPERM) << trigger::describe(during);
  auto lines = ks_.engaged();
  ASSERT_TRUE(lines);
  ASSERT_EQ(lines->size(), 2u);
  EXPECT_EQ((*lines)[0].retval, -1);
  EXPECT_GT((*lines)[0].hits, 0u);
  EXPECT_NE(kernel_log().find("killswitch: change refused: the kernel is locked down"), std::string::npos);
}

// The retval file goes through the same prologue as control: its refusal is
// logged and audited too, without a value, since none was read.
TEST_F(LockdownTest, RefusedRetvalWriteIsLoggedAndAudited) {
  ASSERT_FALSE(ks_.engage(target::kInt, -1));
  ASSERT_TRUE(util::write_once("/sys/kernel/security/lockdown", "integrity"));

  EXPECT_EQ(ks_.set_retval(target::kInt, -13).value(), EPERM);

  auto log = kernel_log();
  EXPECT_NE(log.find("killswitch: change refused: the kernel is locked down"), std::string::npos) << log;
  EXPECT_NE(log.find("killswitch op=retval target=test_killswitch_int value=0 cond=none res=0"), std::string::npos)
      << log;
  auto lines = ks_.engaged();
  ASSERT_TRUE(lines);
  ASSERT_EQ(lines->size(), 1u);
  EXPECT_EQ((*lines)[0].retval, -1);
}

}  // namespace
}  // namespace ks::guest

namespace ks::guest {
namespace {

// Unloading would undo every engagement, which lockdown forbids: once the
// kernel is locked down with something engaged, killswitch pins itself.
TEST_F(LockdownTest, RmmodIsRefusedOnceLockedDownWithEngagements) {
  KS_SKIP_IF_BUILTIN();
  ASSERT_FALSE(ks_.engage(target::kInt, -EPERM));
  ASSERT_TRUE(util::write_once("/sys/kernel/security/lockdown", "integrity"));
  ::sleep(2);  // it looks once a second
  EXPECT_NE(sh("rmmod killswitch 2>/dev/null"), 0) << "rmmod must be refused";
  EXPECT_TRUE(module_loaded("killswitch"));
  EXPECT_EQ(target::call_int(), -EPERM) << "the engagement keeps working";
  std::string log = kernel_log();
  EXPECT_NE(log.find("the kernel is locked down with 1 engagement: killswitch stays loaded until reboot"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("op=pin target=all value=1"), std::string::npos) << "audited";
}

// Without engagements there is nothing to keep: unloading stays possible.
TEST_F(LockdownTest, WithNothingEngagedLockdownDoesNotPin) {
  KS_SKIP_IF_BUILTIN();
  ASSERT_TRUE(util::write_once("/sys/kernel/security/lockdown", "integrity"));
  ::sleep(2);
  EXPECT_EQ(sh("rmmod killswitch"), 0);
}

}  // namespace
}  // namespace ks::guest
