// The engine at a function's entry: a direct trampoline for a function
// with an ftrace call site, the shared ftrace ops once the trampolines are
// all taken, a kprobe for a function without a site; only engaged sites
// are patched, so a function not engaged pays nothing.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <thread>

#include "support/guest.h"
#include "support/module_functions.h"
#include "symbols/symbol_table.h"
#include "util/file_io.h"

namespace ks::guest {
namespace {

// x86_64 has direct trampolines of ours; arm64 puts every function with an
// ftrace site on the shared ops (docs/abi.md, "Engines").
#if defined(__x86_64__)
constexpr bool kHasTrampolines = true;
#else
constexpr bool kHasTrampolines = false;
#endif
const std::string kSiteEngine = kHasTrampolines ? " engine=direct" : " engine=ftrace";
// What enabled_functions shows the site calling (arm64 shows no callee).
const std::string kSiteCallee = kHasTrampolines ? "ks_direct_tramp" : "";

class EngineTest : public KillswitchTest {
 protected:
  void SetUp() override {
    KillswitchTest::SetUp();
    ASSERT_TRUE(mount_tracefs());
  }
};

// The lines of enabled_functions (every patched ftrace site) that name
// @function, with the indented lines that go on with them ("direct-->").
std::string enabled_sites_of(const std::string& function) {
  std::string all = util::read_text(kTracefs + "/enabled_functions").value_or("");
  std::string found;
  bool in_site = false;
  size_t start = 0;
  while (start < all.size()) {
    size_t end = all.find('\n', start);
    if (end == std::string::npos) end = all.size();
    std::string line = all.substr(start, end - start);
    if (!line.starts_with("\t")) in_site = line.starts_with(function + " ");
    if (in_site) found += line + "\n";
    start = end + 1;
  }
  return found;
}

// Whether no ftrace user is left at @function's site within five seconds.
bool site_left(const std::string& function) {
  for (int i = 0; i < 50; ++i) {
    if (enabled_sites_of(function).empty()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

TEST_F(EngineTest, AFunctionWithAnFtraceSiteRunsOnADirectTrampolineAndOnlyItsSiteIsPatched) {
  EXPECT_EQ(enabled_sites_of(target::kInt), "") << "patched before anything was engaged";

  ASSERT_FALSE(ks_.engage(target::kInt, -EPERM));
  EXPECT_NE(engaged_text().find(kSiteEngine), std::string::npos) << engaged_text();
  std::string site = enabled_sites_of(target::kInt);
  // One user of the site, which calls a trampoline of ours directly (or
  // the shared ops' handler).
  EXPECT_NE(site.find("(1)"), std::string::npos) << site;
  EXPECT_NE(site.find(kSiteCallee), std::string::npos) << site;
  // Its neighbours in the same module are not touched.
  EXPECT_EQ(enabled_sites_of(target::kLong), "");
  EXPECT_EQ(target::call_int(), -EPERM);

  // Disengaged, the body runs at once; the trampoline leaves the site in
  // the background, within a few tasks-RCU grace periods.
  ASSERT_FALSE(ks_.disengage(target::kInt));
  EXPECT_EQ(target::call_int(), target::kIntValue);
  EXPECT_TRUE(site_left(target::kInt)) << "still patched after disengage: " << enabled_sites_of(target::kInt);
}

// Every variant a trampoline serves: a condition on each argument register
// that holds or not (the body sees its arguments intact), and monitor.
TEST_F(EngineTest, ADirectTrampolineTestsConditionsOnEveryArgumentAndMonitors) {
  auto call_args = [](const std::string& args) {
    EXPECT_TRUE(util::write_once("/sys/kernel/debug/test_killswitch/args", args));
    return util::read_long("/sys/kernel/debug/test_killswitch/args").value_or(-999);
  };
  for (int arg = 1; arg <= 6; ++arg) {
    SCOPED_TRACE("arg" + std::to_string(arg));
    ASSERT_FALSE(ks_.command(std::string("engage ") + target::kArgs + " -7 if arg" + std::to_string(arg) +
                             "==100\nmonitor " + target::kLong));
    EXPECT_NE(engaged_text().find(kSiteEngine), std::string::npos) << engaged_text();
    std::string args, other;
    for (int i = 1; i <= 6; ++i) {
      args += (i == arg ? "100" : std::to_string(i)) + " ";
      other += std::to_string(i) + " ";
    }
    EXPECT_EQ(call_args(args), -7);
    EXPECT_EQ(call_args(other), 21);
    EXPECT_EQ(target::call_long(), target::kLongValue);
    EXPECT_EQ(ks_.hits(target::kArgs).value_or(0), 1u);
    EXPECT_EQ(ks_.hits(target::kLong).value_or(0), 1u);
    ASSERT_FALSE(ks_.disengage_all());
  }
}

// Once every trampoline is taken the next function goes on the shared ops,
// whose handler serves it as well; a trampoline given back is used again.
TEST_F(EngineTest, PastTheLastTrampolineTheSharedOpsServes) {
  if (!kHasTrampolines) GTEST_SKIP() << "no trampolines of ours on this architecture";
  KS_SKIP_WITHOUT_XFS();
  ASSERT_EQ(sh("modprobe xfs"), 0);
  auto names = module_functions("xfs", 64);
  ASSERT_EQ(names.size(), 64u);
  for (size_t first = 0; first < names.size(); first += 16) {
    std::string monitors;
    for (size_t i = first; i < first + 16; ++i) monitors += "monitor xfs:" + names[i] + "\n";
    ASSERT_FALSE(ks_.command(monitors));
  }
  EXPECT_EQ(engaged_text().find(" engine=ftrace"), std::string::npos) << engaged_text();

  ASSERT_FALSE(ks_.engage(target::kInt, -EPERM));
  EXPECT_NE(enabled_sites_of(target::kInt).find("ks_ftrace_handler"), std::string::npos)
      << enabled_sites_of(target::kInt);
  EXPECT_EQ(target::call_int(), -EPERM);
  ASSERT_FALSE(ks_.disengage(target::kInt));
  EXPECT_EQ(target::call_int(), target::kIntValue);

  // Its trampoline is given back once it has left the site.
  ASSERT_FALSE(ks_.disengage("xfs:" + names[0]));
  ASSERT_TRUE(site_left(names[0]));
  ASSERT_FALSE(ks_.engage(target::kInt, -EPERM));
  EXPECT_NE(enabled_sites_of(target::kInt).find("ks_direct_tramp"), std::string::npos)
      << enabled_sites_of(target::kInt);
  EXPECT_EQ(target::call_int(), -EPERM);
  ASSERT_FALSE(ks_.disengage_all());
  EXPECT_EQ(target::call_int(), target::kIntValue);
}

// The same function again right after its disengage, while its trampoline
// may still be leaving the site (ftrace allows one there): the engage waits
// for that and gets a trampoline again.
TEST_F(EngineTest, EngagedAgainRightAfterItsDisengage) {
  for (int round = 0; round < 5; ++round) {
    SCOPED_TRACE(round);
    ASSERT_FALSE(ks_.engage(target::kInt, -EPERM));
    EXPECT_EQ(target::call_int(), -EPERM);
    ASSERT_FALSE(ks_.disengage(target::kInt));
    EXPECT_EQ(target::call_int(), target::kIntValue);
  }
  ASSERT_FALSE(ks_.engage(target::kInt, -EPERM));
  EXPECT_NE(engaged_text().find(kSiteEngine), std::string::npos) << engaged_text();
  EXPECT_EQ(target::call_int(), -EPERM);
}

// A write of more than 16 lines goes on the shared ops: one ftrace update.
TEST_F(EngineTest, ALongWriteGoesOnTheSharedOps) {
  KS_SKIP_WITHOUT_XFS();
  ASSERT_EQ(sh("modprobe xfs"), 0);
  auto names = module_functions("xfs", 17);
  ASSERT_EQ(names.size(), 17u);
  std::string monitors;
  for (const auto& name : names) monitors += "monitor xfs:" + name + "\n";
  ASSERT_FALSE(ks_.command(monitors));
  EXPECT_EQ(engaged_text().find(" engine=direct"), std::string::npos) << engaged_text();
  ASSERT_FALSE(ks_.disengage_all());
  monitors.erase(monitors.rfind("monitor"));
  ASSERT_FALSE(ks_.command(monitors));
  if (kHasTrampolines) {
    EXPECT_EQ(engaged_text().find(" engine=ftrace"), std::string::npos) << engaged_text();
  }
}

// Where @function of test_killswitch starts, from /proc/kallsyms.
std::uint64_t start_of(const std::string& function) {
  auto table = symbols::SymbolTable::parse(util::read_text("/proc/kallsyms").value_or(""));
  return table.address_of("test_killswitch:" + function);
}

std::string hex(std::uint64_t address) {
  char text[32];
  std::snprintf(text, sizeof text, "0x%llx", static_cast<unsigned long long>(address));
  return text;
}

// at= says which function exactly; the module checks it against kallsyms.
TEST_F(EngineTest, AnAddressGivenWithTheCommandIsCheckedAndUsed) {
  const std::uint64_t int_start = start_of(target::kInt), long_start = start_of(target::kLong);
  ASSERT_NE(int_start, 0u);
  ASSERT_NE(long_start, 0u);
  for (const std::string& bad :
       {std::string("engage ") + target::kInt + " -7 at=" + hex(long_start),     // another function
        std::string("engage ") + target::kInt + " -7 at=" + hex(int_start + 1),  // inside it
        std::string("engage xfs:") + target::kInt + " -7 at=" + hex(int_start),  // another module
        std::string("engage ") + target::kInt + " -7 at=0x10"}) {                // nothing at all
    SCOPED_TRACE(bad);
    size_t mark = kernel_log().size();
    EXPECT_EQ(ks_.command(bad).value(), EINVAL);
    EXPECT_NE(kernel_log().substr(mark).find("is not where it starts"), std::string::npos);
    EXPECT_EQ(engaged_text(), "");
    EXPECT_EQ(target::call_int(), target::kIntValue);
  }
  ASSERT_FALSE(ks_.command(std::string("engage test_killswitch:") + target::kInt + " -7 at=" + hex(int_start)));
  EXPECT_NE(engaged_text().find(kSiteEngine), std::string::npos) << engaged_text();
  EXPECT_EQ(target::call_int(), -7);
  // Looked up at that address with kprobes' checks all the same: a function
  // kprobes must not probe is refused, even only to count it.
  auto kernel = symbols::SymbolTable::parse(util::read_text("/proc/kallsyms").value_or(""));
  EXPECT_EQ(ks_.command(std::string("monitor ") + target::kKprobeBlacklisted +
                        " at=" + hex(kernel.address_of(target::kKprobeBlacklisted)))
                .value(),
            EINVAL);
  // Without an ftrace site: the kprobe engine, at that address.
  ASSERT_FALSE(ks_.command(std::string("engage ") + target::kNotrace + " -7 at=" + hex(start_of(target::kNotrace))));
  EXPECT_NE(engaged_text().find(" engine=kprobe"), std::string::npos) << engaged_text();
  EXPECT_EQ(target::call_notrace(), -7);
  ASSERT_FALSE(ks_.disengage_all());
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
  EXPECT_TRUE(site_left(target::kInt));
}

}  // namespace
}  // namespace ks::guest

namespace ks::guest {
namespace {

// direct_trampolines goes up to what the architecture has: 64 on x86_64,
// none on arm64; a value past that is refused and changes nothing.
TEST_F(EngineTest, TheTrampolineCountIsBoundedByTheArchitecture) {
  const std::string param = "/sys/module/killswitch/parameters/direct_trampolines";
  const long most = kHasTrampolines ? 64 : 0;
  EXPECT_EQ(util::read_long(param).value_or(-1), most);
  EXPECT_FALSE(util::write_once(param, std::to_string(most + 1)));
  EXPECT_EQ(util::read_long(param).value_or(-1), most);
  EXPECT_TRUE(util::write_once(param, "0"));
  EXPECT_TRUE(util::write_once(param, std::to_string(most)));
}

}  // namespace
}  // namespace ks::guest
