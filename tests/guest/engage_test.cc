// Engage and disengage on the test target module, in the guest kernel.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "support/guest.h"
#include "util/file_io.h"

namespace ks::guest {
namespace {

using EngageTest = KillswitchTest;

TEST_F(EngageTest, RoundTripShortCircuitsCountsHitsAndRestores) {
  ASSERT_EQ(target::call_int(), target::kIntValue);
  long runs = target::body_runs();

  ASSERT_FALSE(ks_.engage(target::kInt, -5));
  for (int i = 0; i < 3; ++i) EXPECT_EQ(target::call_int(), -5);
  EXPECT_EQ(target::body_runs(), runs) << "the body ran while engaged";
  EXPECT_EQ(ks_.hits(target::kInt).value_or(0), 3u);
  EXPECT_EQ(ks_.retval(target::kInt).value_or(0), -5);
  EXPECT_EQ(engaged_text().rfind("test_killswitch_int retval=-5 hits=3 ", 0), 0u) << engaged_text();

  ASSERT_FALSE(ks_.disengage(target::kInt));
  EXPECT_EQ(target::call_int(), target::kIntValue);
  EXPECT_EQ(target::body_runs(), runs + 1);
  EXPECT_EQ(engaged_text(), "");
  EXPECT_FALSE(std::filesystem::exists(ks_.fn_dir(target::kInt)));
}

// Negative errnos are all a long can be made to return (docs/safety.md);
// each must arrive sign-extended to 64 bits, not as a 32-bit number.
TEST_F(EngageTest, ErrnoValuesReachALongCallerAtFullWidth) {
  for (long value : {-1L, -13L, -4095L}) {
    ASSERT_FALSE(ks_.engage(target::kLong, value));
    EXPECT_EQ(target::call_long(), value);
    ASSERT_FALSE(ks_.disengage(target::kLong));
  }
  EXPECT_EQ(target::call_long(), target::kLongValue);
}

TEST_F(EngageTest, RetvalWriteChangesTheValueLive) {
  ASSERT_FALSE(ks_.engage(target::kInt, -1));
  EXPECT_EQ(target::call_int(), -1);
  ASSERT_FALSE(ks_.set_retval(target::kInt, -7));
  EXPECT_EQ(ks_.retval(target::kInt).value_or(0), -7);
  EXPECT_EQ(target::call_int(), -7);
  EXPECT_EQ(ks_.hits(target::kInt).value_or(0), 2u);
  EXPECT_NE(kernel_log().find("retval test_killswitch_int -1 -> -7 by uid=0"), std::string::npos);
}

TEST_F(EngageTest, TaintIsSetByTheFirstEngagementAndStays) {
  KS_SKIP_IF_BUILTIN();
  // A fresh load starts untainted.
  unload_module("killswitch");
  load_module("killswitch");
  EXPECT_EQ(ks_.tainted().value_or(true), false);
  ASSERT_FALSE(ks_.engage(target::kInt, -1));
  EXPECT_EQ(ks_.tainted().value_or(false), true);
  ASSERT_FALSE(ks_.disengage_all());
  EXPECT_EQ(ks_.tainted().value_or(false), true);
}

TEST_F(EngageTest, OpenFilesAnswerEidrmAfterDisengage) {
  ASSERT_FALSE(ks_.engage(target::kInt, -1));
  auto dir = ks_.fn_dir(target::kInt);
  int hits = ::open((dir / "hits").c_str(), O_RDONLY);
  int retval = ::open((dir / "retval").c_str(), O_RDWR);
  ASSERT_GE(hits, 0);
  ASSERT_GE(retval, 0);
  ASSERT_FALSE(ks_.disengage(target::kInt));

  char buf[32];
  EXPECT_EQ(::read(hits, buf, sizeof buf), -1);
  EXPECT_EQ(errno, EIDRM);
  EXPECT_EQ(::write(retval, "3\n", 2), -1);
  EXPECT_EQ(errno, EIDRM);
  EXPECT_EQ(target::call_int(), target::kIntValue) << "a write to a stale retval file re-engaged";

  // The name is free again while the stale files are still open.
  ASSERT_FALSE(ks_.engage(target::kInt, -2));
  EXPECT_EQ(target::call_int(), -2);
  EXPECT_EQ(::read(hits, buf, sizeof buf), -1);
  EXPECT_EQ(errno, EIDRM);
  ::close(hits);
  ::close(retval);
  EXPECT_EQ(ks_.hits(target::kInt).value_or(0), 1u);
}

TEST_F(EngageTest, DisengageAllRestoresEveryFunction) {
  ASSERT_FALSE(ks_.engage(target::kInt, -1));
  ASSERT_FALSE(ks_.engage(target::kLong, -2));
  auto lines = ks_.engaged();
  ASSERT_TRUE(lines);
  ASSERT_EQ(lines->size(), 2u);
  ASSERT_FALSE(ks_.disengage_all());
  EXPECT_EQ(target::call_int(), target::kIntValue);
  EXPECT_EQ(target::call_long(), target::kLongValue);
  EXPECT_EQ(engaged_text(), "");
  EXPECT_TRUE(std::filesystem::is_empty(ks_.root() / "fn"));
}

TEST_F(EngageTest, LogLinesNameSymbolValueHitsAndCaller) {
  ASSERT_FALSE(ks_.engage(target::kInt, -13));
  target::call_int();
  target::call_int();
  ASSERT_FALSE(ks_.disengage(target::kInt));
  auto log = kernel_log();
  EXPECT_NE(log.find("killswitch: engage test_killswitch_int retval=-13 state=engaged by uid=0 auid="),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("killswitch: disengage test_killswitch_int retval=-13 hits=2 passes=0 by uid=0 auid="),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("comm=guest_tests"), std::string::npos);
}

}  // namespace
}  // namespace ks::guest
