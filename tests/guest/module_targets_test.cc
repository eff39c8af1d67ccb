// module:symbol targets: pending until the module loads, armed before its
// code runs, back to pending when it unloads, re-armed when it returns.
#include <atomic>
#include <thread>

#include "support/guest.h"
#include "trigger/af_alg_aead.h"
#include "util/file_io.h"

namespace ks::guest {
namespace {

constexpr const char* kQualifiedInt = "test_killswitch:test_killswitch_int";

class ModuleTargetsTest : public KillswitchTest {
 protected:
  std::string state(const std::string& target) {
    auto text = util::read_text(ks_.fn_dir(target) / "state");
    return text ? *text : "<" + text.error().message() + ">";
  }
};

TEST_F(ModuleTargetsTest, PendingUntilTheModuleLoadsThenArmedBeforeItsFirstCall) {
  unload_module("test_killswitch");
  ASSERT_FALSE(ks_.command(std::string("engage ") + kQualifiedInt + " -EPERM"));
  EXPECT_EQ(state(kQualifiedInt), "pending\n");
  EXPECT_NE(engaged_text().find("state=pending"), std::string::npos) << engaged_text();
  load_module("test_killswitch");
  EXPECT_EQ(state(kQualifiedInt), "engaged\n");
  EXPECT_EQ(target::call_int(), -EPERM);
  EXPECT_EQ(target::body_runs(), 0) << "the body ran once the module was loaded";
  EXPECT_NE(
      kernel_log().find("arm test_killswitch:test_killswitch_int retval=-1 state=engaged: test_killswitch loaded"),
      std::string::npos);
}

TEST_F(ModuleTargetsTest, UnknownSymbolInALoadedModuleIsEnoent) {
  EXPECT_EQ(ks_.command("engage test_killswitch:no_such_function 1").value(), ENOENT);
  EXPECT_EQ(engaged_text(), "");
}

TEST_F(ModuleTargetsTest, DashesInModuleNamesAreUnderscores) {
  ASSERT_FALSE(ks_.command("engage test-killswitch:test_killswitch_int -3"));
  EXPECT_EQ(target::call_int(), -3);
  EXPECT_TRUE(std::filesystem::exists(ks_.fn_dir(kQualifiedInt)));
}

TEST_F(ModuleTargetsTest, SameFunctionTwiceUnderTwoNamesIsEbusy) {
  ASSERT_FALSE(ks_.engage(target::kInt, -1));
  EXPECT_EQ(ks_.command(std::string("engage ") + kQualifiedInt + " -2").value(), EBUSY);
  EXPECT_EQ(target::call_int(), -1);
}

TEST_F(ModuleTargetsTest, BareNameInAModuleFollowsItsModule) {
  ASSERT_FALSE(ks_.engage(target::kInt, -3));
  EXPECT_NE(engaged_text().find("module=test_killswitch state=engaged"), std::string::npos) << engaged_text();
  unload_module("test_killswitch");
  EXPECT_EQ(state(target::kInt), "pending\n");
  EXPECT_NE(kernel_log().find("pending test_killswitch_int retval=-3 hits=0: test_killswitch unloading"),
            std::string::npos);
  load_module("test_killswitch");
  EXPECT_EQ(state(target::kInt), "engaged\n");
  EXPECT_EQ(target::call_int(), -3);
}

TEST_F(ModuleTargetsTest, CopyFailRefusedFromTheVeryFirstAfAlgUse) {
  ASSERT_FALSE(module_loaded("af_alg")) << "this test needs a guest where AF_ALG was never used";
  ASSERT_FALSE(ks_.command("engage af_alg:af_alg_sendmsg -EPERM"));
  EXPECT_EQ(state("af_alg:af_alg_sendmsg"), "pending\n");
  auto first = trigger::af_alg_aead_round_trip();  // autoloads af_alg and algif_aead
  EXPECT_FALSE(first.has_value());
  EXPECT_EQ(trigger::failed_step(first), "sendmsg");
  EXPECT_EQ(trigger::trip_errno(first), EPERM) << trigger::describe(first);
  EXPECT_TRUE(module_loaded("af_alg"));
  EXPECT_EQ(ks_.hits("af_alg:af_alg_sendmsg").value_or(0), 1u);
}

TEST_F(ModuleTargetsTest, HundredReloadsWhileCalledFromAnotherCpuNeverRunTheBody) {
  ASSERT_FALSE(ks_.command(std::string("engage ") + kQualifiedInt + " -1"));
  std::atomic<bool> stop{false};
  std::atomic<long> engaged_calls{0}, body_calls{0};
  std::thread caller([&] {
    while (!stop) {
      auto value = util::read_long("/sys/kernel/debug/test_killswitch/int");
      if (!value) continue;  // the module is between unload and load
      if (*value == -1)
        ++engaged_calls;
      else
        ++body_calls;
    }
  });
  int reloads = 0;
  for (int attempt = 0; reloads < 100 && attempt < 1000; ++attempt) {
    // rmmod fails while the caller holds a debugfs file open: try again.
    if (sh("rmmod test_killswitch 2>/dev/null") != 0) continue;
    ASSERT_EQ(state(kQualifiedInt), "pending\n");
    ASSERT_EQ(sh("modprobe test_killswitch"), 0);
    ASSERT_EQ(state(kQualifiedInt), "engaged\n");
    ++reloads;
  }
  stop = true;
  caller.join();
  EXPECT_EQ(reloads, 100);
  EXPECT_GT(engaged_calls.load(), 0);
  EXPECT_EQ(body_calls.load(), 0) << "a call ran the body of an engaged function";
}

}  // namespace
}  // namespace ks::guest
