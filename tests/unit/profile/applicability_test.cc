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
  EXPECT_TRUE(v.applicable);
  EXPECT_NE(v.reason.find("before the fix (Debian 6.1.170-1)"), std::string::npos) << v.reason;
}

TEST(Applicability, DebianAtOrPastTheFixIsNot) {
  auto v = decide(sample(), debian("6.1.170-1"));
  EXPECT_FALSE(v.applicable);
  EXPECT_NE(v.reason.find("at or past 6.1.170-1"), std::string::npos) << v.reason;
  EXPECT_FALSE(decide(sample(), debian("6.1.192-2")).applicable);
  // dpkg ordering, not text: a ~ backport sorts before the release.
  EXPECT_TRUE(decide(sample(), debian("6.1.170-1~deb11u1")).applicable);
}

TEST(Applicability, ChangelogListingTheCveWins) {
  auto f = debian("6.1.129-1");
  f.changelog_path = "/usr/share/doc/linux-image-6.1.0-31-amd64/changelog.Debian.gz";
  f.fixed_cves = {"CVE-2026-31431"};
  auto v = decide(sample(), f);
  EXPECT_FALSE(v.applicable);
  EXPECT_NE(v.reason.find("changelog"), std::string::npos) << v.reason;
}

TEST(Applicability, UpstreamStableVersionsPerSeries) {
  EXPECT_TRUE(decide(sample(), plain("6.12.80")).applicable);
  auto v = decide(sample(), plain("6.12.85"));
  EXPECT_FALSE(v.applicable);
  EXPECT_NE(v.reason.find("at or past 6.12.85"), std::string::npos) << v.reason;
  EXPECT_FALSE(decide(sample(), plain("6.1.200")).applicable);
}

TEST(Applicability, KernelsBeforeTheBugAreNotAffected) {
  auto v = decide(sample(), plain("4.9.337"));
  EXPECT_FALSE(v.applicable);
  EXPECT_NE(v.reason.find("predates 4.14"), std::string::npos) << v.reason;
}

TEST(Applicability, UnknownSeriesIsAssumedVulnerableAndSaysSo) {
  auto v = decide(sample(), plain("6.6.50"));
  EXPECT_TRUE(v.applicable);
  EXPECT_NE(v.reason.find("no fix for the 6.6 series is known"), std::string::npos) << v.reason;
}

}  // namespace
}  // namespace ks::profile
