// monitor (count, never short-circuit) and tryengage (count for a while,
// engage only if nothing called).
#include <chrono>
#include <thread>

#include "support/guest.h"
#include "util/file_io.h"

namespace ks::guest {
namespace {

class MonitorTryTest : public KillswitchTest {
 protected:
  std::string read(const std::string& target, const char* file) {
    return util::read_text(ks_.fn_dir(target) / file).value_or("<unreadable>");
  }
  static void wait_seconds(int s) { std::this_thread::sleep_for(std::chrono::seconds(s)); }
};

TEST_F(MonitorTryTest, MonitorCountsCallsAndNeverShortCircuits) {
  ASSERT_FALSE(ks_.command("monitor test_killswitch_int"));
  EXPECT_EQ(read(target::kInt, "state"), "monitoring\n");
  for (int i = 0; i < 4; ++i) EXPECT_EQ(target::call_int(), target::kIntValue);
  EXPECT_EQ(ks_.hits(target::kInt).value_or(0), 4u);
  EXPECT_EQ(target::body_runs(), 4);
}

TEST_F(MonitorTryTest, TryengageCommitsWhenNothingCalled) {
  ASSERT_FALSE(ks_.command("tryengage test_killswitch_int -EPERM 2"));
  EXPECT_EQ(read(target::kInt, "state"), "probing\n");
  EXPECT_EQ(read(target::kInt, "timeout_left"), "2\n");
  EXPECT_NE(engaged_text().find("state=probing"), std::string::npos);
  wait_seconds(3);
  EXPECT_EQ(read(target::kInt, "state"), "engaged\n");
  EXPECT_EQ(read(target::kInt, "timeout_left"), "0\n");
  EXPECT_EQ(target::call_int(), -EPERM);
  EXPECT_NE(kernel_log().find("tryengage test_killswitch_int committed"), std::string::npos);
}

TEST_F(MonitorTryTest, TryengageAbortsWhenCalledAndTheCallsRan) {
  ASSERT_FALSE(ks_.command("tryengage test_killswitch_int -EPERM 2"));
  EXPECT_EQ(target::call_int(), target::kIntValue) << "probing never short-circuits";
  wait_seconds(3);
  EXPECT_EQ(engaged_text(), "");
  EXPECT_EQ(target::call_int(), target::kIntValue);
  EXPECT_NE(kernel_log().find("tryengage test_killswitch_int aborted: 1 calls in the window"), std::string::npos);
}

TEST_F(MonitorTryTest, DisengageCancelsATryCleanly) {
  ASSERT_FALSE(ks_.command("tryengage test_killswitch_int -EPERM 1"));
  ASSERT_FALSE(ks_.disengage(target::kInt));
  wait_seconds(2);
  EXPECT_EQ(engaged_text(), "");
  EXPECT_EQ(target::call_int(), target::kIntValue);
  EXPECT_EQ(kernel_log().find("tryengage test_killswitch_int committed"), std::string::npos);
}

TEST_F(MonitorTryTest, ErrnoNamesBothWays) {
  ASSERT_FALSE(ks_.command("engage test_killswitch_int -EOPNOTSUPP"));
  EXPECT_EQ(target::call_int(), -EOPNOTSUPP);
  EXPECT_NE(engaged_text().find("retval=-95 hits=1 errno=-EOPNOTSUPP"), std::string::npos) << engaged_text();
  ASSERT_TRUE(util::write_once(ks_.fn_dir(target::kInt) / "retval", "-EACCES\n"));
  EXPECT_EQ(target::call_int(), -EACCES);
}

}  // namespace
}  // namespace ks::guest
