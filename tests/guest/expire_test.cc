// The operator's safety net (docs/safety.md, rule 2): an engagement made
// with expire=<seconds> is undone by the kernel itself unless confirmed in
// time, so a mistake that cuts the operator off cannot last.
#include <unistd.h>

#include <cerrno>
#include <string>

#include "support/guest.h"

namespace ks::guest {
namespace {

using ExpireTest = KillswitchTest;

TEST_F(ExpireTest, AnUnconfirmedEngagementIsUndoneWhenItExpires) {
  ASSERT_FALSE(ks_.command("engage test_killswitch_int -EPERM expire=2"));
  EXPECT_EQ(target::call_int(), -EPERM);
  auto lines = ks_.engaged();
  ASSERT_TRUE(lines);
  ASSERT_EQ(lines->size(), 1u);
  EXPECT_EQ((*lines)[0].state(), wire::State::kEngaged);
  EXPECT_GE((*lines)[0].timeout_left().value_or(0), 1u) << "the line says how long is left";
  ::sleep(4);
  EXPECT_EQ(engaged_text(), "") << "nobody confirmed: the kernel disengaged it";
  EXPECT_EQ(target::call_int(), target::kIntValue);
  std::string log = kernel_log();
  EXPECT_NE(log.find("expire test_killswitch_int retval=-1: not confirmed in time, disengaging"), std::string::npos)
      << log;
  EXPECT_NE(log.find("op=expire target=test_killswitch_int"), std::string::npos) << "audited";
}

TEST_F(ExpireTest, AConfirmedEngagementStays) {
  ASSERT_FALSE(ks_.command("engage test_killswitch_int -EPERM expire=2 if uid!=0"));
  ASSERT_FALSE(ks_.command("confirm test_killswitch_int"));
  ::sleep(4);
  auto lines = ks_.engaged();
  ASSERT_TRUE(lines);
  ASSERT_EQ(lines->size(), 1u) << "confirmed: it stays";
  EXPECT_FALSE((*lines)[0].timeout_left()) << "no deadline left";
  EXPECT_EQ(ks_.command("confirm test_killswitch_int").value(), EINVAL) << "nothing left to confirm";
  EXPECT_NE(kernel_log().find("op=confirm target=test_killswitch_int"), std::string::npos);
}

TEST_F(ExpireTest, ConfirmOfWhatIsNotEngagedOrHasNoExpiryIsRefused) {
  EXPECT_EQ(ks_.command("confirm test_killswitch_int").value(), ENOENT);
  ASSERT_FALSE(ks_.engage(target::kInt, -EPERM));
  EXPECT_EQ(ks_.command("confirm test_killswitch_int").value(), EINVAL);
  EXPECT_NE(kernel_log().find("confirm test_killswitch_int refused: it has no expiry to confirm"), std::string::npos);
  EXPECT_EQ(ks_.command("engage test_killswitch_long -1 expire=0").value(), EINVAL);
}

TEST_F(ExpireTest, DisengagingBeforeTheDeadlineLeavesNothingBehind) {
  ASSERT_FALSE(ks_.command("engage test_killswitch_int -EPERM expire=2"));
  ASSERT_FALSE(ks_.disengage(target::kInt));
  ASSERT_FALSE(ks_.command("engage test_killswitch_int -EACCES"));
  ::sleep(4);
  EXPECT_EQ(target::call_int(), -EACCES) << "the old deadline must not undo the new engagement";
  EXPECT_EQ(kernel_log().find("expire test_killswitch_int"), std::string::npos);
}

}  // namespace
}  // namespace ks::guest
