// The engine at a function's entry: ftrace for a function with an ftrace
// call site, a kprobe for one without; only engaged sites are patched, so a
// function not engaged pays nothing.
#include <string>

#include "support/guest.h"
#include "util/file_io.h"

namespace ks::guest {
namespace {

const std::string kTracing = "/sys/kernel/tracing";

class EngineTest : public KillswitchTest {
 protected:
  void SetUp() override {
    KillswitchTest::SetUp();
    ASSERT_EQ(sh("test -e " + kTracing + "/enabled_functions || mount -t tracefs nodev " + kTracing), 0);
  }
};

// The lines of enabled_functions (every patched ftrace site) that name @function.
std::string enabled_sites_of(const std::string& function) {
  std::string all = util::read_text(kTracing + "/enabled_functions").value_or("");
  std::string found;
  size_t start = 0;
  while (start < all.size()) {
    size_t end = all.find('\n', start);
    if (end == std::string::npos) end = all.size();
    std::string line = all.substr(start, end - start);
    if (line.rfind(function + " ", 0) == 0) found += line + "\n";
    start = end + 1;
  }
  return found;
}

TEST_F(EngineTest, AFunctionWithAnFtraceSiteRunsOnTheFtraceEngineAndOnlyItsSiteIsPatched) {
  EXPECT_EQ(enabled_sites_of(target::kInt), "") << "patched before anything was engaged";

  ASSERT_FALSE(ks_.engage(target::kInt, -EPERM));
  EXPECT_NE(engaged_text().find(" engine=ftrace"), std::string::npos) << engaged_text();
  std::string site = enabled_sites_of(target::kInt);
  // One user of the site, which may move the ip (I), calling our handler.
  EXPECT_NE(site.find("(1)"), std::string::npos) << site;
  EXPECT_NE(site.find(" I "), std::string::npos) << site;
  EXPECT_NE(site.find("ks_ftrace_handler"), std::string::npos) << site;
  // Its neighbours in the same module are not touched.
  EXPECT_EQ(enabled_sites_of(target::kLong), "");
  EXPECT_EQ(target::call_int(), -EPERM);

  ASSERT_FALSE(ks_.disengage(target::kInt));
  EXPECT_EQ(enabled_sites_of(target::kInt), "") << "still patched after disengage";
  EXPECT_EQ(target::call_int(), target::kIntValue);
}

TEST_F(EngineTest, AFunctionWithoutAnFtraceSiteRunsOnAKprobe) {
  ASSERT_FALSE(ks_.engage(target::kNotrace, -EPERM));
  EXPECT_NE(engaged_text().find(" engine=kprobe"), std::string::npos) << engaged_text();
  EXPECT_EQ(target::call_notrace(), -EPERM);
  ASSERT_FALSE(ks_.disengage(target::kNotrace));
  EXPECT_EQ(target::call_notrace(), target::kIntValue);
}

// Both engines at once, each taken down by its own path in one disengage_all.
TEST_F(EngineTest, DisengageAllTakesDownBothEnginesAtOnce) {
  ASSERT_FALSE(ks_.engage(target::kInt, -EPERM));
  ASSERT_FALSE(ks_.engage(target::kNotrace, -EPERM));
  EXPECT_EQ(target::call_int(), -EPERM);
  EXPECT_EQ(target::call_notrace(), -EPERM);
  ASSERT_FALSE(ks_.disengage_all());
  EXPECT_EQ(engaged_text(), "");
  EXPECT_EQ(target::call_int(), target::kIntValue);
  EXPECT_EQ(target::call_notrace(), target::kIntValue);
  EXPECT_EQ(enabled_sites_of(target::kInt), "");
}

}  // namespace
}  // namespace ks::guest
