#include "profile/versions.h"

#include <gtest/gtest.h>

namespace ks::profile {
namespace {

TEST(UpstreamVersion, ReadsTheLeadingNumbersOfAReleaseOrPackageVersion) {
  EXPECT_EQ(parse_upstream_version("6.1.0-56-amd64")->str(), "6.1.0");
  EXPECT_EQ(parse_upstream_version("6.1.192-2")->str(), "6.1.192");
  EXPECT_EQ(parse_upstream_version("6.12.3-arch1-1")->series(), "6.12");
  EXPECT_FALSE(parse_upstream_version("six"));
  EXPECT_FALSE(parse_upstream_version("6"));
}

TEST(UpstreamVersion, ComparesNumericallyNotAsText) {
  auto v = [](const char* s) { return *parse_upstream_version(s); };
  EXPECT_LT(compare_upstream(v("6.1.99"), v("6.1.170")), 0);
  EXPECT_GT(compare_upstream(v("6.10.1"), v("6.9.12")), 0);
  EXPECT_EQ(compare_upstream(v("6.1"), v("6.1.0")), 0);
}

TEST(DebianVersion, UsesDpkgOrdering) {
  EXPECT_LT(*compare_debian("6.1.129-1", "6.1.170-1"), 0);
  EXPECT_LT(*compare_debian("6.1.170-1", "6.1.170-2"), 0);
  EXPECT_LT(*compare_debian("6.1.170-1~deb12u1", "6.1.170-1"), 0);  // '~' sorts before everything
  EXPECT_GT(*compare_debian("1:5.10-1", "6.1.192-2"), 0);           // the epoch wins
  EXPECT_EQ(*compare_debian("6.1.192-2", "6.1.192-2"), 0);
}

TEST(DebianVersion, RejectsMalformedVersions) {
  EXPECT_FALSE(check_debian_version("6.1 170"));
  EXPECT_FALSE(check_debian_version("abc-1"));
  EXPECT_FALSE(compare_debian("", "6.1.170-1"));
  EXPECT_TRUE(check_debian_version("6.1.170-1"));
}

}  // namespace
}  // namespace ks::profile
