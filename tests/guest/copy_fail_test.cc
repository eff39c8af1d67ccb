// The Copy Fail path (CVE-2026-31431): AF_ALG AEAD requests go through
// af_alg_sendmsg. Engaging it refuses them; disengaging restores them.
#include "support/guest.h"
#include "trigger/af_alg_aead.h"

namespace ks::guest {
namespace {

using CopyFailTest = KillswitchTest;

TEST_F(CopyFailTest, AfAlgAeadRefusedWhileEngagedAndRestoredAfter) {
  // The first use autoloads af_alg, algif_aead and gcm through modprobe.
  auto before = trigger::af_alg_aead_round_trip();
  ASSERT_TRUE(before.has_value()) << trigger::describe(before);

  ASSERT_FALSE(ks_.engage("af_alg_sendmsg", -1));
  auto during = trigger::af_alg_aead_round_trip();
  EXPECT_FALSE(during.has_value());
  EXPECT_EQ(trigger::failed_step(during), "sendmsg");
  EXPECT_EQ(trigger::trip_errno(during), EPERM) << trigger::describe(during);
  EXPECT_GE(ks_.hits("af_alg_sendmsg").value_or(0), 1u);

  ASSERT_FALSE(ks_.disengage("af_alg_sendmsg"));
  auto after = trigger::af_alg_aead_round_trip();
  EXPECT_TRUE(after.has_value()) << trigger::describe(after);
}

}  // namespace
}  // namespace ks::guest
