// disengage, status, monitor, check's output, and the command table.
#include <gtest/gtest.h>

#include <cerrno>
#include <nlohmann/json.hpp>

#include "commands/check.h"
#include "commands/disengage.h"
#include "commands/exit_codes.h"
#include "commands/monitor.h"
#include "commands/registry.h"
#include "commands/status.h"
#include "support/fixture.h"
#include "system/real_system.h"

namespace ks::commands {
namespace {

class CommandsTest : public ::testing::Test {
 protected:
  testing::FakeSystem fake_ = testing::fixture_fake();
  testing::Captured io_{fake_};
};

TEST_F(CommandsTest, CheckExitCodesFollowTheVerdict) {
  EXPECT_EQ(run_check({"af_alg_sendmsg", "-EPERM"}, io_.ctx), kExitOk);
  EXPECT_EQ(run_check({"notrace_func", "-1"}, io_.ctx), kExitWarning);
  EXPECT_EQ(run_check({"dup_name", "-1"}, io_.ctx), kExitUnsafe);
  EXPECT_EQ(run_check({"af_alg_pull_tsgl"}, io_.ctx), kExitRefused);
  EXPECT_EQ(run_check({"tcp_sendmsg", "0"}, io_.ctx), kExitRefused);
  EXPECT_EQ(run_check({"security_file_open", "0"}, io_.ctx), kExitRefused);
  EXPECT_EQ(run_check({"no_such_function"}, io_.ctx), kExitNotFound);
  EXPECT_EQ(run_check({"vfs_read", "bogus"}, io_.ctx), kExitUsage);
  EXPECT_TRUE(fake_.commands.empty()) << "check never writes";
}

TEST_F(CommandsTest, CheckJsonCarriesEverything) {
  CheckOptions opts{"af_alg_sendmsg", "-EPERM"};
  opts.json = true;
  run_check(opts, io_.ctx);
  auto j = nlohmann::json::parse(io_.out.str());
  EXPECT_EQ(j["module"], "af_alg");
  EXPECT_EQ(j["prototype"]["return_type"], "int");
  EXPECT_EQ(j["prototype"]["params"][3]["name"], "ivsize");
  EXPECT_EQ(j["verdict"], "info");
  EXPECT_EQ(j["traceable"], true);
  EXPECT_EQ(j["value"], -1);
}

TEST_F(CommandsTest, DisengageTakesTheClonesAlong) {
  fake_.engagements = {{"fixture_clone", -1, 0, 0, wire::State::kEngaged, ""},
                       {"fixture_clone.part.0", -1, 0, 0, wire::State::kEngaged, ""},
                       {"vfs_read", -1, 0, 0, wire::State::kEngaged, ""}};
  EXPECT_EQ(run_disengage({"fixture_clone"}, io_.ctx), kExitOk);
  EXPECT_EQ(fake_.commands,
            (std::vector<std::string>{"disengage fixture_clone\n", "disengage fixture_clone.part.0\n"}));
  ASSERT_EQ(fake_.engagements.size(), 1u);
  EXPECT_EQ(run_disengage({"", true}, io_.ctx), kExitOk);
  EXPECT_EQ(fake_.commands.back(), "disengage_all\n");
  EXPECT_TRUE(fake_.engagements.empty());
}

TEST_F(CommandsTest, DisengageOfWhatIsNotEngagedSaysSo) {
  EXPECT_EQ(run_disengage({"vfs_read"}, io_.ctx), kExitNotFound);
  EXPECT_NE(io_.err.str().find("vfs_read is not engaged"), std::string::npos);
  fake_.present = false;
  EXPECT_EQ(run_disengage({"vfs_read"}, io_.ctx), kExitUnavailable);
}

TEST_F(CommandsTest, StatusWithoutKillswitchSaysSoAndExitsSix) {
  fake_.present = false;
  StatusOptions opts;
  opts.json = true;
  EXPECT_EQ(run_status(opts, io_.ctx), kExitUnavailable);
  EXPECT_EQ(nlohmann::json::parse(io_.out.str())["backend"], "none") << "the whole status is still printed";
}

TEST_F(CommandsTest, ANameThatIsNoNameIsAUsageError) {
  EXPECT_EQ(run_check({"af_alg:"}, io_.ctx), kExitUsage);
  EXPECT_EQ(run_check({"bad name!"}, io_.ctx), kExitUsage);
}

TEST_F(CommandsTest, StatusShowsEngagementsAndState) {
  fake_.engagements = {{"__sock_create", -97, 4, 10, wire::State::kEngaged, "arg2==38"}};
  fake_.tainted = true;
  fake_.lockdown_text = "none [integrity] confidentiality\n";
  StatusOptions opts;
  opts.json = true;
  EXPECT_EQ(run_status(opts, io_.ctx), kExitOk);
  auto j = nlohmann::json::parse(io_.out.str());
  EXPECT_EQ(j["backend"], "module");
  EXPECT_EQ(j["lockdown"], "integrity");
  EXPECT_EQ(j["tainted"], true);
  ASSERT_EQ(j["engagements"].size(), 1u);
  EXPECT_EQ(j["engagements"][0]["hits"], 4);
  EXPECT_EQ(j["engagements"][0]["passes"], 10);
  EXPECT_EQ(j["engagements"][0]["condition"], "arg2==38");
  io_.out.str("");
  run_status({}, io_.ctx);
  EXPECT_NE(io_.out.str().find("-97 (-EAFNOSUPPORT)"), std::string::npos) << io_.out.str();
  EXPECT_NE(io_.out.str().find("runtime changes are refused"), std::string::npos);
}

TEST_F(CommandsTest, StatusOnTheFixtureTreeSeesTheBuiltinKillswitch) {
  system::RealSystem real(testing::fixture_root());
  testing::Captured io(real);
  StatusOptions opts;
  opts.json = true;
  EXPECT_EQ(run_status(opts, io.ctx), kExitOk);
  auto j = nlohmann::json::parse(io.out.str());
  EXPECT_EQ(j["backend"], "builtin") << "securityfs files without killswitch.ko in /proc/modules";
  EXPECT_FALSE(j["missing_features"].empty());
  EXPECT_EQ(j["engagements"][0]["target"], "af_alg_sendmsg");
  EXPECT_EQ(j["engagements"][0]["hits"], 3);
  EXPECT_TRUE(j["engagements"][0]["state"].is_null());
  EXPECT_EQ(j["tainted"], true);
}

TEST_F(CommandsTest, CheckOnTheFixtureTreeReadsEverySource) {
  system::RealSystem real(testing::fixture_root());
  testing::Captured io(real);
  CheckOptions opts{"af_alg_sendmsg", "-EPERM"};
  opts.json = true;
  EXPECT_EQ(run_check(opts, io.ctx), kExitWarning) << io.out.str();
  auto j = nlohmann::json::parse(io.out.str());
  EXPECT_EQ(j["reasons"].back()["code"], "already_engaged") << "the fixture's engaged file lists it";
  EXPECT_EQ(j["prototype"]["btf"], "af_alg");
  EXPECT_EQ(j["blacklisted"], false);
  EXPECT_EQ(j["traceable"], true);
}

TEST_F(CommandsTest, MonitorCountsCallsPerSecond) {
  io_.ctx.sleep = [&](unsigned) {
    for (auto& e : fake_.engagements) e.hits += 5;
  };
  MonitorOptions opts{"fixture_clone", 3, true};
  EXPECT_EQ(run_monitor(opts, io_.ctx), kExitWarning);
  auto j = nlohmann::json::parse(io_.out.str());
  EXPECT_EQ(j["calls"], 45) << "three targets, 5 calls each, 3 seconds";
  EXPECT_EQ(j["per_second"], (std::vector<int>{15, 15, 15}));
  EXPECT_EQ(j["called"], true);
  EXPECT_EQ(j["per_target"]["fixture_clone.part.0"], 15);
  EXPECT_EQ(fake_.commands.front(),
            "monitor fixture_clone at=0xffffffff81101100\nmonitor fixture_clone.constprop.0 at=0xffffffff81101180\nmonitor fixture_clone.part.0 at=0xffffffff81101200\n");
  EXPECT_TRUE(fake_.engagements.empty()) << "monitoring stops at the end";
}

// Calls that land between the probes going in and the tool's first reading
// (the tool may be descheduled there on a busy machine) are counted too.
TEST(MonitorCounting, CallsRightAfterEngagingCount) {
  struct CalledAtOnce : testing::FakeSystem {
    explicit CalledAtOnce(testing::FakeSystem base) : FakeSystem(std::move(base)) {}
    util::Result<void> killswitch_write(std::string_view path, std::string_view text) override {
      auto written = FakeSystem::killswitch_write(path, text);
      if (written && text.rfind("monitor ", 0) == 0) engagements.back().hits += 7;
      return written;
    }
  } fake(testing::fixture_fake());
  testing::Captured io{fake};
  MonitorOptions opts{"vfs_read", 1, true};
  EXPECT_EQ(run_monitor(opts, io.ctx), kExitWarning);
  auto j = nlohmann::json::parse(io.out.str());
  EXPECT_EQ(j["calls"], 7);
  EXPECT_EQ(j["per_second"], (std::vector<int>{7}));
}

TEST_F(CommandsTest, MonitorOfAnIdleFunction) {
  MonitorOptions opts{"vfs_read", 2, false};
  EXPECT_EQ(run_monitor(opts, io_.ctx), kExitOk);
  EXPECT_NE(io_.out.str().find("was not called in 2 s"), std::string::npos) << io_.out.str();
  EXPECT_NE(io_.out.str().find("0 calls/s"), std::string::npos);
}

TEST_F(CommandsTest, MonitorNeedsTheModule) {
  fake_.modules_text = "";
  EXPECT_EQ(run_monitor({"vfs_read"}, io_.ctx), kExitUnavailable);
  fake_.modules_text = "killswitch 1 0 - Live 0x0\n";
  EXPECT_EQ(run_monitor({"register_kprobe", 1}, io_.ctx), kExitRefused);
  EXPECT_EQ(run_monitor({"no_such_function", 1}, io_.ctx), kExitNotFound);
}

TEST(CommandTable, SuggestsTheClosestCommand) {
  EXPECT_EQ(did_you_mean("engag"), "engage");
  EXPECT_EQ(did_you_mean("chekc"), "check");
  EXPECT_EQ(did_you_mean("dis"), "disengage");
  EXPECT_EQ(did_you_mean("stauts"), "status");
  EXPECT_EQ(did_you_mean("xyzzyplugh"), "");
  for (const auto& entry : command_table()) EXPECT_EQ(did_you_mean(entry.name), entry.name);
}

}  // namespace
}  // namespace ks::commands
