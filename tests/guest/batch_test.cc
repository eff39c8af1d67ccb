// Batches: one write to control with several lines is one transaction, all
// or none, with one ftrace update (docs/abi.md, "Batches").
#include <string>
#include <thread>
#include <vector>

#include "support/guest.h"
#include "support/module_functions.h"

namespace ks::guest {
namespace {

using BatchTest = KillswitchTest;

TEST_F(BatchTest, EveryLineOfAWriteIsCarriedOut) {
  ASSERT_FALSE(ks_.command(std::string("engage ") + target::kInt + " -7\nengage " + target::kLong + " -5\nmonitor " +
                           target::kVoid + "\n"));
  EXPECT_EQ(target::call_int(), -7);
  EXPECT_EQ(target::call_long(), -5);
  auto lines = ks_.engaged();
  ASSERT_TRUE(lines);
  EXPECT_EQ(lines->size(), 3u);

  ASSERT_FALSE(ks_.command(std::string("disengage ") + target::kInt + "\ndisengage " + target::kLong + "\ndisengage " +
                           target::kVoid));
  EXPECT_EQ(engaged_text(), "");
  EXPECT_EQ(target::call_int(), target::kIntValue);
  EXPECT_EQ(target::call_long(), target::kLongValue);
}

// Each way a line can fail, last in the write or in the middle: the write
// fails with that line's error and nothing of it is carried out, neither
// the lines before nor the lines after.
TEST_F(BatchTest, AWriteWithOneBadLineChangesNothing) {
  ASSERT_FALSE(ks_.command(std::string("monitor ") + target::kVoid));
  const std::string before = engaged_text();
  const std::string good = std::string("engage ") + target::kInt + " -7\n";
  const std::string good_too = std::string("engage ") + target::kLong + " -5\n";
  const std::string leaving = std::string("disengage ") + target::kVoid + "\n";
  struct Bad {
    const char* line;
    int error;
  } bads[] = {
      {"engage test_killswitch_int\n", EINVAL},             // malformed: no value
      {"engage killswitch_no_such_function -1\n", ENOENT},  // no such function
      {"engage test_killswitch_long 1\n", EACCES},          // 1 from a long: permits more
      {"disengage test_killswitch_notrace\n", ENOENT},      // not engaged
      {"confirm test_killswitch_void\n", EINVAL},           // no expiry to confirm
      {"monitor test_killswitch_void\n", EBUSY},            // engaged already
      {"\n", EINVAL},                                       // an empty line
      {"disengage_all\n", EINVAL},                          // never with other lines
  };
  for (const auto& bad : bads) {
    for (const std::string& text : {good + leaving + bad.line, good + bad.line + good_too + leaving}) {
      SCOPED_TRACE(text);
      EXPECT_EQ(ks_.command(text).value(), bad.error);
      EXPECT_EQ(engaged_text(), before);
      EXPECT_EQ(target::call_int(), target::kIntValue);
      EXPECT_EQ(target::call_long(), target::kLongValue);
    }
  }
}

TEST_F(BatchTest, AFunctionNamedTwiceInOneWriteIsRefused) {
  ASSERT_FALSE(ks_.engage(target::kInt, -7));
  const std::string before = engaged_text();
  EXPECT_EQ(ks_.command(std::string("disengage ") + target::kInt + "\ndisengage " + target::kInt).value(), EINVAL);
  EXPECT_EQ(ks_.command(std::string("engage ") + target::kLong + " -5\nengage " + target::kLong + " -6").value(),
            EBUSY);
  EXPECT_EQ(engaged_text(), before);
}

// A thousand functions of an idle module in one write, and out again in one.
TEST_F(BatchTest, AThousandLinesEngageAndDisengageInOneWriteEach) {
  KS_SKIP_WITHOUT_XFS();
  ASSERT_EQ(sh("modprobe xfs"), 0);
  ASSERT_TRUE(mount_tracefs());
  auto names = module_functions("xfs", 1000);
  ASSERT_EQ(names.size(), 1000u);
  std::string engage, disengage;
  for (const auto& name : names) {
    engage += "monitor xfs:" + name + "\n";
    disengage += "disengage xfs:" + name + "\n";
  }
  ASSERT_FALSE(ks_.command(engage)) << kernel_log_tail();
  auto lines = ks_.engaged();
  ASSERT_TRUE(lines);
  EXPECT_EQ(lines->size(), 1000u);
  EXPECT_EQ(engaged_text().find("engine=kprobe"), std::string::npos);
  EXPECT_EQ(engaged_text().find("engine=direct"), std::string::npos) << "more than 16 lines: the shared ops";

  ASSERT_FALSE(ks_.command(disengage));
  EXPECT_EQ(engaged_text(), "");
  // And again, taken down by disengage_all this time.
  ASSERT_FALSE(ks_.command(engage));
  ASSERT_FALSE(ks_.disengage_all());
  EXPECT_EQ(engaged_text(), "");
}

// Two writers at once, one with a set of its own and one that overlaps it:
// each write is all or none, so the overlapping one either fully happened
// before the other (which then fails whole) or fails whole itself.
TEST_F(BatchTest, ConcurrentWritesEachApplyWholeOrNotAtAll) {
  const std::string first = std::string("engage ") + target::kInt + " -7\nengage " + target::kLong + " -5\n";
  const std::string second = std::string("monitor ") + target::kVoid + "\nengage " + target::kInt + " -9\n";
  for (int round = 0; round < 20; ++round) {
    std::error_code a, b;
    std::thread one([&] { a = ks_.command(first); });
    std::thread two([&] { b = ks_.command(second); });
    one.join();
    two.join();
    // Exactly one of them wins test_killswitch_int.
    ASSERT_NE(!a, !b) << a.message() << " / " << b.message();
    auto lines = ks_.engaged();
    ASSERT_TRUE(lines);
    EXPECT_EQ(lines->size(), 2u);
    EXPECT_EQ(target::call_int(), !a ? -7 : -9);
    EXPECT_EQ(target::call_long(), !a ? -5 : target::kLongValue);
    ASSERT_FALSE(ks_.disengage_all());
  }
}

}  // namespace
}  // namespace ks::guest
