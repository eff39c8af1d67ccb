#include "profile/applicability.h"

#include <gtest/gtest.h>

#include "support/sample_profile.h"

namespace ks::profile {
namespace {

Profile sample() { return *parse_profile(testing::kSampleProfile, "s.toml"); }

KernelFacts debian(const std::string& version) {
  KernelFacts f;
  f.release = "6.1.0-31-amd64";
  f.debian_version = version;
  f.upstream = *parse_upstream_version(version);
  return f;
}

KernelFacts plain(const std::string& release) {
  KernelFacts f;
  f.release = release;
  f.upstream = *parse_upstream_version(release);
  return f;
}

TEST(Applicability, DebianBeforeTheFixIsApplicable) {
  auto v = decide(sample(), debian("6.1.129-1"));
  EXPECT_EQ(v.need, Need::kNeeded);
  EXPECT_NE(v.reason.find("before the fix (Debian 6.1.170-1)"), std::string::npos) << v.reason;
}

TEST(Applicability, DebianAtOrPastTheFixIsNot) {
  auto v = decide(sample(), debian("6.1.170-1"));
  EXPECT_EQ(v.need, Need::kNotNeeded);
  EXPECT_NE(v.reason.find("at or past 6.1.170-1"), std::string::npos) << v.reason;
  EXPECT_EQ(decide(sample(), debian("6.1.192-2")).need, Need::kNotNeeded);
  // dpkg ordering, not text: a ~ backport sorts before the release.
  EXPECT_EQ(decide(sample(), debian("6.1.170-1~deb11u1")).need, Need::kNeeded);
}

TEST(Applicability, ChangelogListingTheCveWins) {
  auto f = debian("6.1.129-1");
  f.changelog_path = "/usr/share/doc/linux-image-6.1.0-31-amd64/changelog.Debian.gz";
  f.fixed_cves = {"CVE-2026-31431"};
  auto v = decide(sample(), f);
  EXPECT_EQ(v.need, Need::kNotNeeded);
  EXPECT_NE(v.reason.find("changelog"), std::string::npos) << v.reason;
}

TEST(Applicability, UpstreamStableVersionsPerSeries) {
  EXPECT_EQ(decide(sample(), plain("6.12.80")).need, Need::kNeeded);
  auto v = decide(sample(), plain("6.12.85"));
  EXPECT_EQ(v.need, Need::kNotNeeded);
  EXPECT_NE(v.reason.find("at or past 6.12.85"), std::string::npos) << v.reason;
  EXPECT_EQ(decide(sample(), plain("6.1.200")).need, Need::kNotNeeded);
}

TEST(Applicability, KernelsBeforeTheBugAreNotAffected) {
  auto v = decide(sample(), plain("4.9.337"));
  EXPECT_EQ(v.need, Need::kNotNeeded);
  EXPECT_NE(v.reason.find("predates 4.14"), std::string::npos) << v.reason;
}

TEST(Applicability, ASeriesTheProfileDoesNotKnowIsUnknownNeverAGuess) {
  auto v = decide(sample(), plain("6.6.50"));
  EXPECT_EQ(v.need, Need::kUnknown);
  EXPECT_NE(v.reason.find("does not record whether the 6.6 series has the fix"), std::string::npos) << v.reason;
}

TEST(Applicability, SeriesFromTheMainlineFixOnAreNotNeeded) {
  Profile p = sample();
  p.fixed_mainline = "6.15";
  auto v = decide(p, plain("6.18.44"));
  EXPECT_EQ(v.need, Need::kNotNeeded);
  EXPECT_NE(v.reason.find("came in mainline 6.15"), std::string::npos) << v.reason;
  EXPECT_EQ(decide(p, plain("6.15.2")).need, Need::kNotNeeded);
  EXPECT_EQ(decide(p, plain("6.6.50")).need, Need::kUnknown) << "older series: did a stable update get it?";
  EXPECT_EQ(decide(p, plain("6.1.100")).need, Need::kNeeded) << "a fix recorded for the series still decides";
}

}  // namespace
}  // namespace ks::profile
