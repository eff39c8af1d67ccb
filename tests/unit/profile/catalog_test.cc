#include "profile/catalog.h"

#include <gtest/gtest.h>

#include <string>

#include "profile/applicability.h"
#include "profile/kernel_facts.h"
#include "profile/versions.h"
#include "support/sample_profile.h"
#include "support/temp_tree.h"

namespace ks::profile {
namespace {

TEST(Catalog, EveryShippedProfileIsValid) {
  Loaded all = load_profiles({KS_CATALOG_DIR});
  for (const auto& e : all.errors) ADD_FAILURE() << e.message();
  EXPECT_GE(all.profiles.size(), 5u);
  std::set<std::string> ids;
  for (const auto& p : all.profiles) {
    EXPECT_TRUE(ids.insert(p.id).second) << "two profiles for " << p.id;
    EXPECT_EQ(p.source.filename().string(), p.id + ".toml") << "name the file after the id";
    EXPECT_FALSE(p.references.empty()) << p.id;
  }
}

TEST(Catalog, FolderIsReadInNameOrderAndBadFilesAreReported) {
  testing::TempTree t;
  std::string second = testing::kSampleProfile;
  second.replace(second.find("CVE-2026-31431"), 14, "CVE-2026-43284");
  t.write("d/b.toml", testing::kSampleProfile);
  t.write("d/a.toml", second);
  t.write("d/c.toml", "id = ");
  t.write("d/notes.txt", "ignored");
  Loaded all = load_profiles({t.root() / "d"});
  ASSERT_EQ(all.profiles.size(), 2u);
  EXPECT_EQ(all.profiles[0].id, "CVE-2026-43284");
  ASSERT_EQ(all.errors.size(), 1u);
  EXPECT_NE(all.errors[0].where->file.find("c.toml"), std::string::npos);
  EXPECT_EQ(all.errors[0].where->line, 1);
}

TEST(Catalog, FindsAProfileByIdOrPath) {
  testing::TempTree t;
  auto path = t.write("d/copy-fail.toml", testing::kSampleProfile);
  auto p = find_profile("CVE-2026-31431", {t.root() / "d"});
  ASSERT_TRUE(p) << p.error().message();
  EXPECT_EQ(p->source, path);
  EXPECT_TRUE(find_profile(path.string(), {}));
  EXPECT_FALSE(find_profile("CVE-2000-0001", {t.root() / "d"}));
}

}  // namespace
}  // namespace ks::profile

namespace ks::profile {
namespace {

// Debian 12 ships two kernel series, 6.1 and 6.12: every shipped profile
// records a Debian fix for each, and judges a Debian kernel of that series
// by it: at the fix not needed, one stable update before it needed. A
// backports build of the same upload (~bpo12) sorts before bookworm's
// (~deb12u1): judged needed, the safe side.
KernelFacts debian_kernel(const std::string& version) {
  KernelFacts f;
  f.release = "test";
  f.debian_version = version;
  f.upstream = *parse_upstream_version(version);
  return f;
}

TEST(Catalog, EveryProfileKnowsBothDebian12Series) {
  Loaded all = load_profiles({KS_CATALOG_DIR});
  ASSERT_GE(all.profiles.size(), 5u);
  for (const auto& p : all.profiles) {
    for (const std::string series : {"6.1", "6.12"}) {
      SCOPED_TRACE(p.id + " on " + series);
      std::string fix;
      for (const auto& f : p.fixed_packages) {
        auto up = parse_upstream_version(f.version);
        if (f.distribution == "debian" && up && up->series() == series) fix = f.version;
      }
      // A series that never had the bug: fixed in mainline at or before it.
      if (fix.empty() && !p.fixed_mainline.empty() &&
          compare_upstream(*parse_upstream_version(p.fixed_mainline), *parse_upstream_version(series)) <= 0) {
        EXPECT_EQ(decide(p, debian_kernel(series + ".1-1~deb12u1")).need, Need::kNotNeeded);
        continue;
      }
      ASSERT_FALSE(fix.empty()) << "no Debian fix recorded for the " << series << " series";
      EXPECT_EQ(decide(p, debian_kernel(fix)).need, Need::kNotNeeded);
      // "6.12.85-1~deb12u1" -> "6.12.84-1~deb12u1"
      size_t patch_at = series.size() + 1, patch_end = fix.find('-');
      int patch = std::stoi(fix.substr(patch_at, patch_end - patch_at));
      std::string before = series + "." + std::to_string(patch - 1) + fix.substr(patch_end);
      EXPECT_EQ(decide(p, debian_kernel(before)).need, Need::kNeeded) << before;
      // A fix first built for bookworm as a backport (~bpo12+1) is judged by that build.
      if (series == "6.12" && fix.find("~deb12u1") != std::string::npos) {
        std::string bpo = fix.substr(0, fix.find('~')) + "~bpo12+1";
        EXPECT_EQ(decide(p, debian_kernel(bpo)).need, Need::kNeeded) << bpo;
      }
    }
  }
}

// The catalog's guest test (tests/guest/profiles/catalog_proof_test.cc)
// proves every profile by its [proof]; these few have a guest suite of
// their own instead.
TEST(Catalog, EveryProfileCarriesItsProof) {
  const std::set<std::string> own_suite = {
      "CVE-2026-43284",  // DirtyFragProfileTest: IPsec SAs between two namespaces
  };
  Loaded all = load_profiles({KS_CATALOG_DIR});
  EXPECT_GE(all.profiles.size(), 60u);
  for (const auto& p : all.profiles) {
    if (own_suite.count(p.id)) continue;
    EXPECT_TRUE(p.proof) << p.id << " has no [proof]";
  }
}

}  // namespace
}  // namespace ks::profile
