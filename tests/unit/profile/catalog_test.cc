#include "profile/catalog.h"

#include <gtest/gtest.h>

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
