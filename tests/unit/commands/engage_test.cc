// engage on a FakeSystem: what it writes to control, what it refuses, and
// all-or-none with rollback.
#include "commands/engage.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <nlohmann/json.hpp>

#include "commands/exit_codes.h"
#include "support/fixture.h"

namespace ks::commands {
namespace {

class EngageTest : public ::testing::Test {
 protected:
  int engage(EngageOptions opts) { return run_engage(opts, io_.ctx); }
  testing::FakeSystem fake_ = testing::fixture_fake();
  testing::Captured io_{fake_};
};

TEST_F(EngageTest, EngagesByNameWithTheNumber) {
  EXPECT_EQ(engage({"af_alg_sendmsg", "-EPERM"}), kExitOk) << io_.err.str();
  EXPECT_EQ(fake_.commands, std::vector<std::string>{"engage af_alg_sendmsg -1 at=0xffffffffc0001000\n"});
  EXPECT_NE(io_.out.str().find("engaged af_alg_sendmsg: returns -1 (-EPERM)"), std::string::npos);
}

TEST_F(EngageTest, ValueDefaultsFromTheReturnType) {
  EXPECT_EQ(engage({"tcp_sendmsg"}), kExitOk);
  EXPECT_EQ(engage({"may_setgroups"}), kExitOk);
  EXPECT_EQ(fake_.commands, (std::vector<std::string>{"engage tcp_sendmsg -1 at=0xffffffff81101000\n", "engage may_setgroups 0 at=0xffffffff81109000\n"}));
  EXPECT_EQ(engage({"esp_input"}), kExitUsage) << "no BTF: the operator must say";
  EXPECT_NE(io_.err.str().find("give a value"), std::string::npos);
}

// One write, one transaction in the module, one ftrace update.
TEST_F(EngageTest, ClonesAreEngagedTogetherInOneWrite) {
  EXPECT_EQ(engage({"fixture_clone", "-ENOMEM"}), kExitOk);
  EXPECT_EQ(fake_.commands, std::vector<std::string>{"engage fixture_clone -12 at=0xffffffff81101100\n"
                                                     "engage fixture_clone.constprop.0 -12 at=0xffffffff81101180\n"
                                                     "engage fixture_clone.part.0 -12 at=0xffffffff81101200\n"});
  EXPECT_EQ(fake_.engagements.size(), 3u);
}

// The kernel refused the batch whole; one at a time then names the culprit,
// and what that engaged is taken back.
TEST_F(EngageTest, AllOrNoneRollsBackOnRefusal) {
  fake_.refuse["fixture_clone.part.0"] = EINVAL;
  EXPECT_EQ(engage({"fixture_clone", "-1"}), kExitRefused);
  EXPECT_TRUE(fake_.engagements.empty());
  EXPECT_EQ(fake_.commands.size(), 6u) << "the batch, three one at a time, two taken back";
  EXPECT_NE(io_.err.str().find("fixture_clone.part.0"), std::string::npos) << io_.err.str();
  EXPECT_EQ(fake_.commands.back(), "disengage fixture_clone\n");
  EXPECT_EQ(fake_.commands[fake_.commands.size() - 2], "disengage fixture_clone.constprop.0\n");
  EXPECT_NE(io_.err.str().find("nothing is engaged"), std::string::npos);
}

TEST_F(EngageTest, UnsafeNeedsForce) {
  EXPECT_EQ(engage({"dup_name", "-1"}), kExitUnsafe);
  EXPECT_TRUE(fake_.commands.empty());
  EXPECT_NE(io_.err.str().find("add --force"), std::string::npos);
  EngageOptions forced{"dup_name", "-1"};
  forced.force = true;
  EXPECT_EQ(engage(forced), kExitOk);
  EXPECT_EQ(fake_.commands, std::vector<std::string>{"engage dup_name -1\n"});
}

TEST_F(EngageTest, ForceNeverOverridesWhatTheModuleRefuses) {
  EngageOptions opts{"security_file_open", "0"};
  opts.force = true;
  EXPECT_EQ(engage(opts), kExitRefused);
  EngageOptions void_body{"af_alg_pull_tsgl"};
  void_body.force = true;
  EXPECT_EQ(engage(void_body), kExitRefused) << "a void function is refused by the module's type rule";
  EngageOptions blacklisted{"do_int3", "-1"};
  blacklisted.force = true;
  EXPECT_EQ(engage(blacklisted), kExitRefused);
  EXPECT_TRUE(fake_.commands.empty());
  EXPECT_EQ(engage({"no_such_function", "-1"}), kExitNotFound);
}

TEST_F(EngageTest, NamedConditionIsSentInTheModuleGrammar) {
  EngageOptions opts{"__sock_create", "-EAFNOSUPPORT"};
  opts.condition = "family == AF_ALG";
  EXPECT_EQ(engage(opts), kExitOk) << io_.err.str();
  EXPECT_EQ(fake_.commands, std::vector<std::string>{"engage __sock_create -97 at=0xffffffff81100000 if arg2==38\n"});
  EXPECT_EQ(fake_.engagements[0].condition, "arg2==38");
}

TEST_F(EngageTest, TryEngageSendsTheWindow) {
  EngageOptions opts{"af_alg_sendmsg", "-1"};
  opts.try_seconds = 30;
  EXPECT_EQ(engage(opts), kExitOk);
  EXPECT_EQ(fake_.commands, std::vector<std::string>{"tryengage af_alg_sendmsg -1 30 at=0xffffffffc0001000\n"});
  opts.condition = "uid != 0";
  EXPECT_EQ(engage(opts), kExitUsage);
}

TEST_F(EngageTest, KernelErrorsBecomeSentences) {
  fake_.engagements.push_back({"af_alg_sendmsg", -1, 0, 0, wire::State::kEngaged, ""});
  EXPECT_EQ(engage({"af_alg_sendmsg", "-EACCES"}), kExitRefused);
  EXPECT_NE(io_.err.str().find("af_alg_sendmsg is already engaged (retval -1); disengage it first or change "
                               "fn/af_alg_sendmsg/retval"),
            std::string::npos)
      << io_.err.str();
}

TEST_F(EngageTest, LockdownIsExplained) {
  fake_.lockdown_text = "none [integrity] confidentiality\n";
  fake_.refuse_all_errno = EPERM;
  EXPECT_EQ(engage({"af_alg_sendmsg", "-1"}), kExitRefused);
  EXPECT_NE(io_.err.str().find("locked down (integrity)"), std::string::npos) << io_.err.str();
}

TEST_F(EngageTest, BuiltinKillswitchGetsOnlyTheCompatibleCore) {
  fake_.modules_text = "af_alg 36864 0 - Live 0x0\n";
  fake_.builtin = true;
  EngageOptions cond{"__sock_create", "-1"};
  cond.condition = "uid != 0";
  EXPECT_EQ(engage(cond), kExitUnavailable);
  EXPECT_NE(io_.err.str().find("built-in"), std::string::npos);
  EXPECT_EQ(engage({"af_alg_sendmsg", "-EPERM"}), kExitOk);
  EXPECT_EQ(fake_.commands, std::vector<std::string>{"engage af_alg_sendmsg -1\n"});
  // One command a write: the built-in takes no batches.
  fake_.commands.clear();
  EXPECT_EQ(engage({"fixture_clone", "-1"}), kExitOk);
  EXPECT_EQ(fake_.commands.size(), 3u);
  fake_.present = false;
  EXPECT_EQ(engage({"af_alg_sendmsg", "-1"}), kExitUnavailable);
}

TEST_F(EngageTest, JsonSaysWhatWasEngaged) {
  EngageOptions opts{"fixture_clone", "-1"};
  opts.json = true;
  EXPECT_EQ(engage(opts), kExitOk);
  auto j = nlohmann::json::parse(io_.out.str());
  EXPECT_EQ(j["engaged"].size(), 3u);
  EXPECT_EQ(j["value"], -1);
  EXPECT_EQ(j["check"]["verdict"], "warning");
}

TEST_F(EngageTest, BadValueIsAUsageError) {
  EXPECT_EQ(engage({"vfs_read", "sometimes"}), kExitUsage);
  EXPECT_TRUE(fake_.commands.empty());
}

}  // namespace
}  // namespace ks::commands
