// Scripts written for the out-of-tree killswitch module, in the shape its
// users have them, run against ours as they would be after a switch: its
// "tryengage <fn> <retval> 0" (0 seconds there means engage at once, the
// default of many of its scripts) and its fn/<fn>/state and timeout_left
// files work wherever our safety rules allow the engagement; its engagebpf
// (a BPF override past the error-injection allowlist) is refused with a
// message that says why.
#include <cerrno>
#include <string>

#include "support/guest.h"

namespace ks::guest {
namespace {

using OutOfTreeScriptsTest = KillswitchTest;

constexpr const char* kPrelude = "K=/sys/kernel/security/killswitch\n";

TEST_F(OutOfTreeScriptsTest, TryengageForZeroSecondsEngagesAtOnce) {
  EXPECT_EQ(sh(std::string(kPrelude) + R"sh(
fn=test_killswitch_int
echo "tryengage $fn -1 0" > $K/control || exit 10
[ "$(cat $K/fn/$fn/state)" = engaged ] || exit 11
[ "$(cat $K/fn/$fn/timeout_left)" = 0 ] || exit 12
[ "$(cat $K/fn/$fn/retval)" = -1 ] || exit 13
)sh"),
            0);
  EXPECT_EQ(target::call_int(), -1);
  EXPECT_EQ(target::body_runs(), 0);
  EXPECT_FALSE(ks_.command(std::string("disengage ") + target::kInt));
  EXPECT_EQ(target::call_int(), target::kIntValue);
}

TEST_F(OutOfTreeScriptsTest, TryengageWithAWindowCountsDown) {
  EXPECT_EQ(sh(std::string(kPrelude) + R"sh(
fn=test_killswitch_long
echo "tryengage $fn -1 30" > $K/control || exit 10
[ "$(cat $K/fn/$fn/state)" = probing ] || exit 11
left=$(cat $K/fn/$fn/timeout_left)
[ "$left" -ge 1 ] && [ "$left" -le 30 ] || exit 12
)sh"),
            0);
  // Probing: the calls still run their body.
  EXPECT_EQ(target::call_long(), target::kLongValue);
}

// The same rules as engage: 0 seconds is no way around them.
TEST_F(OutOfTreeScriptsTest, TryengageForZeroSecondsPassesTheSafetyRules) {
  std::string line = std::string("tryengage ") + target::kKprobeBlacklisted + " -1 0";
  EXPECT_EQ(ks_.command(line), ks_.command(std::string("engage ") + target::kKprobeBlacklisted + " -1"));
  EXPECT_TRUE(ks_.command(line));
  EXPECT_EQ(engaged_text(), "");
}

TEST_F(OutOfTreeScriptsTest, EngagebpfIsRefusedAndSaysWhy) {
  EXPECT_NE(sh(std::string(kPrelude) + "echo \"engagebpf test_killswitch_int -1\" > $K/control"), 0);
  EXPECT_EQ(ks_.command("engagebpf test_killswitch_int -1").value(), EOPNOTSUPP);
  EXPECT_NE(kernel_log().find("engagebpf refused: it overrides returns with BPF past the kernel's error-injection "
                              "allowlist"),
            std::string::npos)
      << kernel_log();
  EXPECT_EQ(engaged_text(), "");
  EXPECT_EQ(target::call_int(), target::kIntValue);
}

}  // namespace
}  // namespace ks::guest
