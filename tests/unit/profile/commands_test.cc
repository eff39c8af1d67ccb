// The profile subcommands' run_* functions on fixtures: a fake root for the
// kernel's facts, a fake control file, temporary catalog and persist folders.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "commands/apply.h"
#include "commands/persist.h"
#include "commands/profiles.h"
#include "commands/revert.h"
#include "fixtures.h"
#include "sample.h"

namespace ks::commands {
namespace {

using profile::testing::FakeControl;
using profile::testing::TempTree;

class CommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tree_.write("root/proc/sys/kernel/osrelease", "6.1.0-31-amd64\n");
    tree_.write("root/proc/version",
                "Linux version 6.1.0-31-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.129-1 (2025-03-06)\n");
    sample_ = tree_.write("catalog/CVE-2026-31431.toml", profile::testing::kSampleProfile);
  }
  void set_debian(const std::string& v) {
    tree_.write("root/proc/version",
                "Linux version 6.1.0-x-amd64 #1 SMP PREEMPT_DYNAMIC Debian " + v + " (2026-01-01)\n");
  }
  ProfileContext ctx() {
    ProfileContext c{host_, control_, out_, err_};
    c.catalog_dirs = {tree_.root() / "catalog"};
    c.persist_dir = tree_.root() / "persist";
    return c;
  }
  nlohmann::json out_json() { return nlohmann::json::parse(out_.str()); }

  TempTree tree_;
  profile::HostFs host_{tree_.root() / "root"};
  FakeControl control_;
  std::ostringstream out_, err_;
  std::filesystem::path sample_;
};

TEST_F(CommandsTest, ApplyJsonReportsAppliedThenAlreadyApplied) {
  auto c = ctx();
  EXPECT_EQ(run_apply({.paths = {(tree_.root() / "catalog").string()}, .json = true}, c), kProfileExitOk);
  auto j = out_json();
  EXPECT_EQ(j["results"][0]["outcome"], "applied");
  EXPECT_EQ(j["changed"], true);
  out_.str("");
  EXPECT_EQ(run_apply({.paths = {sample_.string()}, .json = true}, c), kProfileExitOk);
  EXPECT_EQ(out_json()["results"][0]["outcome"], "already-applied");
  EXPECT_EQ(out_json()["changed"], false);
}

TEST_F(CommandsTest, ApplyOnAFixedKernelIsNotApplicableAndExitsZero) {
  set_debian("6.1.192-2");
  auto c = ctx();
  EXPECT_EQ(run_apply({.paths = {sample_.string()}}, c), kProfileExitOk);
  EXPECT_NE(
      out_.str().find("CVE-2026-31431: not-applicable: the running Debian kernel 6.1.192-2 is at or past 6.1.170-1"),
      std::string::npos)
      << out_.str();
  EXPECT_TRUE(control_.log.empty());
}

TEST_F(CommandsTest, ApplyFailureExitsFourAndMalformedProfileExitsTwo) {
  control_.unknown = {"aead_sendmsg"};
  auto c = ctx();
  EXPECT_EQ(run_apply({.paths = {sample_.string()}}, c), kProfileExitRefused);
  auto bad = tree_.write("bad/x.toml", "id = \"CVE-2026-1\"\n");
  EXPECT_EQ(run_apply({.paths = {bad.string()}}, c), kProfileExitUsage);
  EXPECT_NE(err_.str().find("x.toml:1:"), std::string::npos) << err_.str();
}

TEST_F(CommandsTest, ApplyWithoutTheModuleExitsSix) {
  control_.loaded = false;
  auto c = ctx();
  EXPECT_EQ(run_apply({.paths = {sample_.string()}}, c), kProfileExitUnavailable);
}

TEST_F(CommandsTest, RevertByIdFromTheCatalog) {
  auto c = ctx();
  run_apply({.paths = {sample_.string()}}, c);
  EXPECT_EQ(run_revert({.profiles = {"CVE-2026-31431"}}, c), kProfileExitOk);
  EXPECT_TRUE(control_.engaged()->empty());
  EXPECT_EQ(run_revert({.profiles = {"CVE-1999-0001"}}, c), kProfileExitNotFound);
}

TEST_F(CommandsTest, ValidateNamesFileAndLine) {
  auto bad = tree_.write("bad/y.toml", "id = \"CVE-2026-1\"\ntitle = [\n");
  auto c = ctx();
  EXPECT_EQ(run_profiles_validate({.paths = {sample_.string()}}, c), kProfileExitOk);
  EXPECT_EQ(run_profiles_validate({.paths = {bad.string()}, .json = true}, c), kProfileExitUsage);
  auto j = nlohmann::json::parse(out_.str().substr(out_.str().find("{\n  \"errors\"")));
  EXPECT_EQ(j["errors"][0]["line"], 2);  // the unterminated array
}

TEST_F(CommandsTest, PersistLinksCatalogProfilesAndUnpersistRemovesThem) {
  auto c = ctx();
  EXPECT_EQ(run_persist({.profiles = {"CVE-2026-31431"}}, c), kProfileExitOk);
  auto dest = tree_.root() / "persist/CVE-2026-31431.toml";
  EXPECT_TRUE(std::filesystem::is_symlink(dest));
  // A profile from elsewhere is copied: it may not stay where it was.
  auto own = tree_.write("own/mine.toml", profile::testing::kSampleProfile);
  EXPECT_EQ(run_persist({.profiles = {own.string()}}, c), kProfileExitOk);
  EXPECT_FALSE(std::filesystem::is_symlink(dest));
  EXPECT_TRUE(std::filesystem::is_regular_file(dest));
  out_.str("");
  EXPECT_EQ(run_profiles_list({.json = true}, c), kProfileExitOk);
  EXPECT_EQ(out_json()["profiles"][0]["persisted"], true);
  EXPECT_EQ(run_unpersist({.profiles = {"CVE-2026-31431"}}, c), kProfileExitOk);
  EXPECT_FALSE(std::filesystem::exists(dest));
  EXPECT_EQ(run_unpersist({.profiles = {"CVE-2026-31431"}}, c), kProfileExitNotFound);
}

TEST_F(CommandsTest, ShowSaysWhetherThisKernelNeedsIt) {
  auto c = ctx();
  EXPECT_EQ(run_profiles_show({.profile = "CVE-2026-31431"}, c), kProfileExitOk);
  EXPECT_NE(out_.str().find("On this kernel: needed: "), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("algif_aead:aead_recvmsg -> -EPERM"), std::string::npos);
}

}  // namespace
}  // namespace ks::commands
