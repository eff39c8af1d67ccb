// The profile subcommands' run_* functions on the fake kernel (its release,
// /proc/version and control file) with temporary catalog and persist folders.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "commands/apply.h"
#include "commands/exit_codes.h"
#include "commands/persist.h"
#include "commands/profiles.h"
#include "commands/revert.h"
#include "commands/status.h"
#include "support/fake_system.h"
#include "support/fixture.h"
#include "support/sample_profile.h"
#include "support/temp_tree.h"
#include "util/file_io.h"

namespace ks::commands {
namespace {

using testing::FakeSystem;
using testing::TempTree;

class ProfileCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sys_.release_text = "6.1.0-31-amd64";
    set_debian("6.1.129-1");
    sample_ = tree_.write("catalog/CVE-2026-31431.toml", testing::kSampleProfile);
    ctx_.paths.catalog_dirs = {tree_.root() / "catalog"};
    ctx_.paths.persist_dir = tree_.root() / "persist";
    ctx_.paths.boot_cmdline_file = tree_.root() / "grub.d/killswitch.cfg";
    ctx_.paths.modules_load_file = tree_.root() / "modules-load.d/killswitch.conf";
  }
  void set_debian(const std::string& v) {
    sys_.proc_version_text = "Linux version 6.1.0-x-amd64 #1 SMP PREEMPT_DYNAMIC Debian " + v + " (2026-01-01)";
  }
  nlohmann::json out_json() { return nlohmann::json::parse(out_.str()); }

  TempTree tree_;
  FakeSystem sys_ = testing::fixture_fake();
  std::ostringstream out_, err_;
  Context ctx_{sys_, out_, err_};
  Context& c = ctx_;
  std::filesystem::path sample_;
};

TEST_F(ProfileCommandsTest, ApplyJsonReportsAppliedThenAlreadyApplied) {
  EXPECT_EQ(run_apply({.paths = {(tree_.root() / "catalog").string()}, .json = true}, c), kExitOk);
  auto j = out_json();
  EXPECT_EQ(j["results"][0]["outcome"], "applied");
  EXPECT_EQ(j["changed"], true);
  out_.str("");
  EXPECT_EQ(run_apply({.paths = {sample_.string()}, .json = true}, c), kExitOk);
  EXPECT_EQ(out_json()["results"][0]["outcome"], "already-applied");
  EXPECT_EQ(out_json()["changed"], false);
}

TEST_F(ProfileCommandsTest, ApplyOnAFixedKernelIsNotApplicableAndExitsZero) {
  set_debian("6.1.192-2");
  EXPECT_EQ(run_apply({.paths = {sample_.string()}}, c), kExitOk);
  EXPECT_NE(
      out_.str().find("CVE-2026-31431: not-applicable: the running Debian kernel 6.1.192-2 is at or past 6.1.170-1"),
      std::string::npos)
      << out_.str();
  EXPECT_TRUE(sys_.commands.empty());
}

// The real catalog on a kernel series it records nothing about: nothing is
// engaged, and each profile says why (those whose fix came in mainline
// before 6.18: not needed).
TEST_F(ProfileCommandsTest, TheWholeCatalogOnAnUnknownSeriesEngagesNothingAndSaysWhy) {
  sys_.release_text = "6.18.44-generic";
  sys_.proc_version_text = "Linux version 6.18.44-generic (builder) #1 SMP PREEMPT_DYNAMIC";
  EXPECT_EQ(run_apply({.paths = {KS_CATALOG_DIR}, .json = true}, c), kExitOk);
  auto j = out_json();
  ASSERT_GE(j["results"].size(), 5u);
  size_t unknown = 0;
  for (const auto& r : j["results"]) {
    const std::string reason = r["reason"].get<std::string>();
    if (r["outcome"] == "not-applicable") {
      EXPECT_EQ(r["need"], "not needed");
      EXPECT_NE(reason.find("the running 6.18 series has the fix"), std::string::npos) << r.dump();
      continue;
    }
    ++unknown;
    EXPECT_EQ(r["outcome"], "unknown") << r.dump();
    EXPECT_EQ(r["need"], "unknown");
    EXPECT_NE(reason.find("does not record whether the 6.18 series has the fix"), std::string::npos) << r.dump();
  }
  EXPECT_GE(unknown, 5u);
  EXPECT_EQ(j["changed"], false);
  EXPECT_TRUE(sys_.commands.empty()) << "nothing engaged on a guess";
}

TEST_F(ProfileCommandsTest, ApplyFailureExitsFourAndMalformedProfileExitsTwo) {
  sys_.refuse["algif_aead:aead_sendmsg"] = ENOENT;
  EXPECT_EQ(run_apply({.paths = {sample_.string()}}, c), kExitRefused);
  auto bad = tree_.write("bad/x.toml", "id = \"CVE-2026-1\"\n");
  EXPECT_EQ(run_apply({.paths = {bad.string()}}, c), kExitUsage);
  EXPECT_NE(err_.str().find("x.toml:1:"), std::string::npos) << err_.str();
}

TEST_F(ProfileCommandsTest, ApplyWithoutTheModuleExitsSix) {
  sys_.present = false;
  EXPECT_EQ(run_apply({.paths = {sample_.string()}}, c), kExitUnavailable);
}

TEST_F(ProfileCommandsTest, ApplyTakesIdsLikeRevertAndPersist) {
  EXPECT_EQ(run_apply({.paths = {"CVE-2026-31431"}, .json = true}, c), kExitOk);
  EXPECT_EQ(out_json()["results"][0]["outcome"], "applied");
  EXPECT_EQ(sys_.engagements.size(), 2u);
  out_.str("");
  EXPECT_EQ(run_apply({.paths = {"CVE-1999-0001"}}, c), kExitNotFound);
  EXPECT_NE(err_.str().find("no such profile"), std::string::npos) << err_.str();
}

TEST_F(ProfileCommandsTest, RevertByIdFromTheCatalog) {
  run_apply({.paths = {sample_.string()}}, c);
  EXPECT_EQ(run_revert({.profiles = {"CVE-2026-31431"}}, c), kExitOk);
  EXPECT_TRUE(sys_.engagements.empty());
  EXPECT_EQ(run_revert({.profiles = {"CVE-1999-0001"}}, c), kExitNotFound);
}

TEST_F(ProfileCommandsTest, ValidateNamesFileAndLine) {
  auto bad = tree_.write("bad/y.toml", "id = \"CVE-2026-1\"\ntitle = [\n");
  EXPECT_EQ(run_profiles_validate({.paths = {sample_.string()}}, c), kExitOk);
  EXPECT_EQ(run_profiles_validate({.paths = {bad.string()}, .json = true}, c), kExitUsage);
  auto j = nlohmann::json::parse(out_.str().substr(out_.str().find("{\n  \"errors\"")));
  EXPECT_EQ(j["errors"][0]["line"], 2);  // the unterminated array
}

// A well-formed profile that the safety rules refuse fails validation,
// and cannot be persisted, with the rule named.
TEST_F(ProfileCommandsTest, ValidateAndPersistRefuseWhatTheSafetyRulesRefuse) {
  std::string text = testing::kSampleProfile;
  text.replace(text.find("algif_aead:aead_recvmsg"), std::string("algif_aead:aead_recvmsg").size(), "af_alg_pull_tsgl");
  auto bad = tree_.write("own/void.toml", text);
  EXPECT_EQ(run_profiles_validate({.paths = {bad.string()}}, c), kExitRefused);
  EXPECT_NE(err_.str().find("af_alg_pull_tsgl: cannot be engaged with -1 (-EPERM): type: "), std::string::npos)
      << err_.str();
  out_.str("");
  EXPECT_EQ(run_profiles_validate({.paths = {bad.string()}, .json = true}, c), kExitRefused);
  EXPECT_EQ(out_json()["refused"][0]["targets"][0]["rule"], "type");
  EXPECT_EQ(out_json()["valid"].size(), 0u);
  err_.str("");
  EXPECT_EQ(run_persist({.profiles = {bad.string()}}, c), kExitRefused);
  EXPECT_NE(err_.str().find("not persisted"), std::string::npos) << err_.str();
  EXPECT_FALSE(std::filesystem::exists(ctx_.paths.persist_dir / "CVE-2026-31431.toml"));
}

// The route a locked-down host leaves open: the kernel command line.
TEST_F(ProfileCommandsTest, PersistBootWritesTheKernelCommandLineAndUnpersistTakesItOff) {
  // The sample's second target has a condition, which engage= cannot carry.
  EXPECT_EQ(run_persist({.profiles = {"CVE-2026-31431"}, .boot = true}, c), kExitUnavailable);
  EXPECT_NE(err_.str().find("has a condition (uid!=0)"), std::string::npos) << err_.str();
  EXPECT_FALSE(std::filesystem::exists(ctx_.paths.boot_cmdline_file));

  std::string text = testing::kSampleProfile;
  text.erase(text.find("condition = \"uid != 0\"\n"), std::string("condition = \"uid != 0\"\n").size());
  auto plain = tree_.write("own/plain.toml", text);
  out_.str("");
  ASSERT_EQ(run_persist({.profiles = {plain.string()}, .boot = true}, c), kExitOk) << err_.str();
  auto written = util::read_text(ctx_.paths.boot_cmdline_file);
  ASSERT_TRUE(written);
  EXPECT_NE(written->find("GRUB_CMDLINE_LINUX=\"$GRUB_CMDLINE_LINUX killswitch.engage=algif_aead:aead_recvmsg=-1,"
                          "algif_aead:aead_sendmsg=-1\"\n"),
            std::string::npos)
      << *written;
  EXPECT_NE(out_.str().find("run update-grub, then reboot"), std::string::npos) << out_.str();
  // The module loads at boot only because something is on the command line.
  EXPECT_NE(util::read_text(ctx_.paths.modules_load_file).value_or("").find("\nkillswitch\n"), std::string::npos);

  // status says what the next boot engages.
  out_.str("");
  run_status({.json = true}, c);
  EXPECT_EQ(out_json()["next_boot"]["kernel_cmdline"],
            "killswitch.engage=algif_aead:aead_recvmsg=-1,algif_aead:aead_sendmsg=-1");

  out_.str("");
  // A file names its profile as its id does.
  EXPECT_EQ(run_unpersist({.profiles = {plain.string()}, .boot = true}, c), kExitOk);
  EXPECT_FALSE(std::filesystem::exists(ctx_.paths.boot_cmdline_file));
  EXPECT_FALSE(std::filesystem::exists(ctx_.paths.modules_load_file));
  EXPECT_EQ(run_unpersist({.profiles = {"CVE-2026-31431"}, .boot = true}, c), kExitNotFound);
  out_.str("");
  EXPECT_EQ(run_unpersist({.profiles = {"CVE-2026-31431"}, .boot = true, .json = true}, c), kExitNotFound);
  EXPECT_EQ(out_json()["errors"][0]["code"], "not_found");
  EXPECT_EQ(out_json()["version"], 1);
}

// status shows each persisted profile with whether this kernel needs it.
TEST_F(ProfileCommandsTest, StatusShowsWhetherEachPersistedProfileIsNeeded) {
  ASSERT_EQ(run_persist({.profiles = {"CVE-2026-31431"}}, c), kExitOk) << err_.str();
  out_.str("");
  run_status({.json = true}, c);
  auto need = out_json()["next_boot"]["need"];
  ASSERT_EQ(need.size(), 1u) << out_.str();
  EXPECT_EQ(need[0]["id"], "CVE-2026-31431");
  EXPECT_EQ(need[0]["need"], "needed");  // Debian 6.1.129-1, before the fix in 6.1.170-1
  set_debian("6.1.192-2");
  out_.str("");
  run_status({}, c);
  EXPECT_NE(out_.str().find("  CVE-2026-31431: not needed: the running Debian kernel 6.1.192-2 is at or past"),
            std::string::npos)
      << out_.str();
}

TEST_F(ProfileCommandsTest, PersistLinksCatalogProfilesAndUnpersistRemovesThem) {
  EXPECT_EQ(run_persist({.profiles = {"CVE-2026-31431"}}, c), kExitOk);
  auto dest = tree_.root() / "persist/CVE-2026-31431.toml";
  EXPECT_TRUE(std::filesystem::is_symlink(dest));
  // A profile from elsewhere is copied: it may not stay where it was.
  auto own = tree_.write("own/mine.toml", testing::kSampleProfile);
  EXPECT_EQ(run_persist({.profiles = {own.string()}}, c), kExitOk);
  EXPECT_FALSE(std::filesystem::is_symlink(dest));
  EXPECT_TRUE(std::filesystem::is_regular_file(dest));
  out_.str("");
  EXPECT_EQ(run_profiles_list({.json = true}, c), kExitOk);
  EXPECT_EQ(out_json()["profiles"][0]["persisted"], true);
  EXPECT_EQ(run_unpersist({.profiles = {"CVE-2026-31431"}}, c), kExitOk);
  EXPECT_FALSE(std::filesystem::exists(dest));
  EXPECT_EQ(run_unpersist({.profiles = {"CVE-2026-31431"}}, c), kExitNotFound);
}

// Where each profile stands: needed, applicable, applied; and the filters.
TEST_F(ProfileCommandsTest, ListSaysWhereEachProfileStandsAndFilters) {
  std::string sample = testing::kSampleProfile;
  sample.replace(sample.find("title = \"Copy Fail\"\n"), 19, "title = \"Copy Fail\"\nsubsystem = \"crypto/af_alg\"\n");
  tree_.write("catalog/CVE-2026-31431.toml", sample);
  tree_.write("catalog/CVE-2025-0001.toml",
              testing::profile_with_targets("CVE-2025-0001",
                                            "[[target]]\nfunction = \"no_such_function_here\"\n"
                                            "value = \"-EPERM\"\n"));
  EXPECT_EQ(run_profiles_list({.json = true}, c), kExitOk) << err_.str();
  auto j = out_json()["profiles"];
  ASSERT_EQ(j.size(), 2u);
  // Not applicable here is a line that says so, not an error.
  EXPECT_EQ(j[0]["id"], "CVE-2025-0001");
  EXPECT_EQ(j[0]["need"], "unknown");
  EXPECT_EQ(j[0]["applicable"], "no");
  EXPECT_NE(j[0]["applicable_reason"].get<std::string>().find("no_such_function_here"), std::string::npos) << j[0];
  EXPECT_EQ(j[1]["id"], "CVE-2026-31431");
  EXPECT_EQ(j[1]["need"], "needed");
  // Its module is not loaded here: engaged (pending) until it loads.
  EXPECT_EQ(j[1]["applicable"], "when-loaded");
  EXPECT_EQ(j[1]["applicable_reason"], "engaged when algif_aead loads");
  EXPECT_EQ(j[1]["applied"], false);
  EXPECT_EQ(j[1]["subsystem"], "crypto/af_alg");
  EXPECT_EQ(j[1]["breaks"], "AF_ALG AEAD");

  EXPECT_EQ(run_apply({.paths = {sample_.string()}}, c), kExitOk);
  auto listed = [&](ProfilesListOptions opts) {
    out_.str("");
    opts.json = true;
    EXPECT_EQ(run_profiles_list(opts, c), kExitOk);
    std::vector<std::string> ids;
    auto doc = out_json();
    for (const auto& p : doc["profiles"]) ids.push_back(p["id"]);
    return ids;
  };
  using Ids = std::vector<std::string>;
  EXPECT_EQ(listed({.cve = "CVE-2026"}), Ids{"CVE-2026-31431"});
  EXPECT_EQ(listed({.subsystem = "crypto"}), Ids{"CVE-2026-31431"});
  EXPECT_EQ(listed({.subsystem = "cryp"}), Ids{});
  EXPECT_EQ(listed({.need = "unknown"}), Ids{"CVE-2025-0001"});
  EXPECT_EQ(listed({.need = "needed"}), Ids{"CVE-2026-31431"});
  EXPECT_EQ(out_json()["profiles"][0]["applied"], true);

  out_.str("");
  EXPECT_EQ(run_profiles_list({}, c), kExitOk);
  EXPECT_NE(out_.str().find("CVE-2026-31431   needed     when-loaded yes       crypto/af_alg   Copy Fail"),
            std::string::npos)
      << out_.str();
  EXPECT_NE(out_.str().find("    not applicable: "), std::string::npos) << out_.str();
}

TEST_F(ProfileCommandsTest, ShowSaysWhetherThisKernelNeedsIt) {
  EXPECT_EQ(run_profiles_show({.profile = "CVE-2026-31431"}, c), kExitOk);
  EXPECT_NE(out_.str().find("On this kernel: needed: "), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("algif_aead:aead_recvmsg -> -EPERM"), std::string::npos);
}

}  // namespace
}  // namespace ks::commands
