#include "profile/applier.h"

#include <gtest/gtest.h>

#include "profile/report.h"
#include "support/fake_system.h"
#include "support/fixture.h"
#include "support/sample_profile.h"

namespace ks::profile {
namespace {

using testing::FakeSystem;

class ApplierTest : public ::testing::Test {
 protected:
  Profile profile_ = *parse_profile(testing::kSampleProfile, "s.toml");
  KernelFacts vulnerable_ = facts("6.1.129-1");
  KernelFacts fixed_ = facts("6.1.192-2");
  FakeSystem control_ = testing::fixture_fake();

  ProfileResult apply(const KernelFacts& f, FakeSystem& sys, const ApplyOptions& o, const Profile* p = nullptr) {
    kernel::KernelInfo info(sys);
    return apply_profile(p ? *p : profile_, f, sys, info, o);
  }

  static KernelFacts facts(const std::string& v) {
    KernelFacts f;
    f.release = "6.1.0-x-amd64";
    f.debian_version = v;
    f.upstream = *parse_upstream_version(v);
    return f;
  }
  size_t engaged_count() { return control_.engagements.size(); }
};

TEST_F(ApplierTest, EngagesEveryTargetOnAVulnerableKernel) {
  auto r = apply(vulnerable_, control_, {});
  EXPECT_EQ(r.outcome, Outcome::kApplied) << r.reason;
  EXPECT_TRUE(r.changed);
  EXPECT_EQ(engaged_count(), 2u);
  // Both in one write: one transaction in the module.
  ASSERT_EQ(control_.commands.size(), 1u);
  EXPECT_NE(control_.commands[0].find("\nengage algif_aead:aead_sendmsg -1 if uid!=0\n"), std::string::npos)
      << control_.commands[0];
}

// --confirm: every engage carries expire=, so the kernel undoes the profile
// by itself unless `killswitch confirm` comes first (the rollout's safety net).
TEST_F(ApplierTest, ConfirmSecondsEngageWithExpire) {
  auto r = apply(vulnerable_, control_, {.confirm_seconds = 120});
  EXPECT_EQ(r.outcome, Outcome::kApplied) << r.reason;
  ASSERT_EQ(control_.commands.size(), 1u);
  EXPECT_NE(control_.commands[0].find("engage algif_aead:aead_sendmsg -1 expire=120 if uid!=0\n"), std::string::npos)
      << control_.commands[0];
  EXPECT_NE(control_.commands[0].find("engage algif_aead:aead_recvmsg -1 expire=120"), std::string::npos)
      << control_.commands[0];
}

// A kernel series the profile knows nothing about: a whole-folder apply
// never engages on a guess; naming the profile, or --include-unknown, does.
TEST_F(ApplierTest, UnknownNeedIsAppliedOnlyWhenNamedOrAskedFor) {
  KernelFacts other;
  other.release = "6.18.44";
  other.upstream = *parse_upstream_version("6.18.44");
  auto r = apply(other, control_, {});
  EXPECT_EQ(r.outcome, Outcome::kUnknown) << r.reason;
  EXPECT_NE(r.reason.find("--include-unknown"), std::string::npos) << r.reason;
  EXPECT_EQ(engaged_count(), 0u);
  EXPECT_EQ(apply(other, control_, {.dry_run = true}).outcome, Outcome::kUnknown);
  r = apply(other, control_, {.named = true});
  EXPECT_EQ(r.outcome, Outcome::kApplied) << r.reason;
  EXPECT_NE(r.reason.find("though the need is unknown"), std::string::npos) << r.reason;
  ASSERT_FALSE(control_.commands.empty());
  FakeSystem fresh = testing::fixture_fake();
  EXPECT_EQ(apply(other, fresh, {.include_unknown = true}).outcome, Outcome::kApplied);
}

TEST_F(ApplierTest, SecondApplyIsAlreadyAppliedAndWritesNothing) {
  apply(vulnerable_, control_, {});
  control_.commands.clear();
  auto r = apply(vulnerable_, control_, {});
  EXPECT_EQ(r.outcome, Outcome::kAlreadyApplied) << r.reason;
  EXPECT_FALSE(r.changed);
  EXPECT_TRUE(control_.commands.empty());
}

TEST_F(ApplierTest, FixedKernelIsNotApplicableUnlessIgnoringVersions) {
  auto r = apply(fixed_, control_, {});
  EXPECT_EQ(r.outcome, Outcome::kNotApplicable);
  EXPECT_NE(r.reason.find("at or past 6.1.170-1"), std::string::npos) << r.reason;
  EXPECT_EQ(engaged_count(), 0u);
  r = apply(fixed_, control_, {.ignore_version = true});
  EXPECT_EQ(r.outcome, Outcome::kApplied) << r.reason;
  EXPECT_NE(r.reason.find("--ignore-version"), std::string::npos) << r.reason;
  EXPECT_EQ(engaged_count(), 2u);
}

TEST_F(ApplierTest, FailureRollsBackWhatThisProfileEngaged) {
  control_.refuse["algif_aead:aead_sendmsg"] = ENOENT;
  control_.engagements.push_back({"other_fn", -1});  // someone else's; must survive
  auto r = apply(vulnerable_, control_, {});
  EXPECT_EQ(r.outcome, Outcome::kFailed);
  EXPECT_NE(r.reason.find("engage algif_aead:aead_sendmsg -1: No such file or directory"), std::string::npos)
      << r.reason;
  EXPECT_NE(r.reason.find("rolled back algif_aead:aead_recvmsg"), std::string::npos) << r.reason;
  ASSERT_EQ(engaged_count(), 1u);
  EXPECT_EQ(control_.engagements.at(0).target, "other_fn");
}

TEST_F(ApplierTest, PartlyAppliedProfileEngagesOnlyTheRest) {
  control_.engagements.push_back({"algif_aead:aead_recvmsg", -1});
  auto r = apply(vulnerable_, control_, {});
  EXPECT_EQ(r.outcome, Outcome::kApplied) << r.reason;
  EXPECT_EQ(control_.commands.size(), 1u);
  // And a failure now leaves the earlier engagement alone.
  FakeSystem other = testing::fixture_fake();
  other.engagements.push_back({"algif_aead:aead_recvmsg", -1});
  other.refuse["algif_aead:aead_sendmsg"] = ENOENT;
  r = apply(vulnerable_, other, {});
  EXPECT_EQ(r.outcome, Outcome::kFailed);
  EXPECT_EQ(other.engagements.size(), 1u);
}

TEST_F(ApplierTest, TargetEngagedWithAnotherValueIsAConflict) {
  control_.engagements.push_back({"algif_aead:aead_recvmsg", -13});
  auto r = apply(vulnerable_, control_, {});
  EXPECT_EQ(r.outcome, Outcome::kFailed);
  EXPECT_NE(r.reason.find("already engaged differently (retval=-13"), std::string::npos) << r.reason;
  EXPECT_TRUE(control_.commands.empty());
}

TEST_F(ApplierTest, DryRunWritesNothing) {
  auto r = apply(vulnerable_, control_, {.dry_run = true});
  EXPECT_EQ(r.outcome, Outcome::kWouldApply);
  EXPECT_NE(report_text({r}).find("would-apply (dry run)"), std::string::npos) << report_text({r});
  EXPECT_TRUE(r.dry_run);
  EXPECT_FALSE(r.changed);
  EXPECT_EQ(r.targets.at(0).action, Action::kWouldEngage);
  EXPECT_TRUE(control_.commands.empty());
}

TEST_F(ApplierTest, ModuleNotLoadedFails) {
  control_.present = false;
  auto r = apply(vulnerable_, control_, {});
  EXPECT_EQ(r.outcome, Outcome::kFailed);
  EXPECT_NE(r.reason.find("not loaded"), std::string::npos);
}

// The profile goes the road engage goes: the safety rules judge every
// target against its return type before anything is written.
TEST_F(ApplierTest, TargetTheSafetyRulesRefuseFailsBeforeAnyWrite) {
  auto p = *parse_profile(testing::profile_with_targets("CVE-0000-0001", R"([[target]]
function = "af_alg_sendmsg"
value = "-EPERM"
[[target]]
function = "af_alg_pull_tsgl"
value = "-EPERM"
)"),
                          "t.toml");
  auto r = apply(vulnerable_, control_, {.named = true}, &p);
  EXPECT_EQ(r.outcome, Outcome::kFailed);
  EXPECT_NE(r.reason.find("af_alg_pull_tsgl: cannot be engaged"), std::string::npos) << r.reason;
  EXPECT_NE(r.reason.find("type: "), std::string::npos) << r.reason;
  EXPECT_TRUE(control_.commands.empty());
  // A dry run predicts the same failure.
  EXPECT_EQ(apply(vulnerable_, control_, {.dry_run = true, .named = true}, &p).outcome, Outcome::kFailed);
}

// Compiler clones are engaged with their function, and reverted with it.
TEST_F(ApplierTest, ClonesAreEngagedAndRevertedWithTheirFunction) {
  auto p = *parse_profile(testing::profile_with_targets("CVE-0000-0002", R"([[target]]
function = "fixture_clone"
value = "-EINVAL"
)"),
                          "t.toml");
  auto r = apply(vulnerable_, control_, {.named = true}, &p);
  ASSERT_EQ(r.outcome, Outcome::kApplied) << r.reason;
  EXPECT_EQ(engaged_count(), 3u);
  EXPECT_NE(control_.find("fixture_clone.constprop.0"), nullptr);
  EXPECT_NE(control_.find("fixture_clone.part.0"), nullptr);
  EXPECT_EQ(apply(vulnerable_, control_, {.named = true}, &p).outcome, Outcome::kAlreadyApplied);
  r = revert_profile(p, control_);
  EXPECT_EQ(r.outcome, Outcome::kReverted) << r.reason;
  EXPECT_EQ(engaged_count(), 0u);
}

TEST_F(ApplierTest, DryRunPredictsLockdownAndAMissingModule) {
  control_.lockdown_text = "none [integrity] confidentiality\n";
  auto r = apply(vulnerable_, control_, {.dry_run = true});
  EXPECT_EQ(r.outcome, Outcome::kFailed);
  EXPECT_NE(r.reason.find("locked down (integrity)"), std::string::npos) << r.reason;
  FakeSystem absent = testing::fixture_fake();
  absent.present = false;
  r = apply(vulnerable_, absent, {.dry_run = true});
  EXPECT_EQ(r.outcome, Outcome::kFailed);
  EXPECT_NE(r.reason.find("not loaded"), std::string::npos) << r.reason;
}

TEST_F(ApplierTest, RevertDisengagesOnlyWhatMatchesTheProfile) {
  apply(vulnerable_, control_, {});
  control_.engagements.push_back({"other_fn", -1});
  auto r = revert_profile(profile_, control_);
  EXPECT_EQ(r.outcome, Outcome::kReverted) << r.reason;
  EXPECT_EQ(engaged_count(), 1u);
  r = revert_profile(profile_, control_);
  EXPECT_EQ(r.outcome, Outcome::kNotApplied);
  control_.engagements.push_back({"algif_aead:aead_recvmsg", -13});
  r = revert_profile(profile_, control_);
  EXPECT_EQ(r.outcome, Outcome::kNotApplied);
  EXPECT_EQ(r.targets.at(0).action, Action::kLeftAlone);
}

TEST_F(ApplierTest, JsonReportCarriesOutcomeReasonAndKernel) {
  auto r = apply(fixed_, control_, {});
  auto j = report_json(fixed_, {r});
  EXPECT_EQ(j["results"][0]["outcome"], "not-applicable");
  EXPECT_EQ(j["results"][0]["id"], "CVE-2026-31431");
  EXPECT_EQ(j["kernel"]["debian_version"], "6.1.192-2");
  EXPECT_EQ(j["changed"], false);
  EXPECT_EQ(j["failed"], 0);
  EXPECT_NE(report_text({r}).find("CVE-2026-31431: not-applicable: "), std::string::npos);
}

}  // namespace
}  // namespace ks::profile
