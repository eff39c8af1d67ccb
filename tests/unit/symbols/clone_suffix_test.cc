#include "symbols/clone_suffix.h"

#include <gtest/gtest.h>

namespace ks::symbols {
namespace {

TEST(CloneSuffix, RecognisesGccClones) {
  auto isra = parse_clone_name("tcp_sendmsg.isra.0");
  ASSERT_TRUE(isra);
  EXPECT_EQ(isra->base, "tcp_sendmsg");
  EXPECT_TRUE(isra->entry);
  EXPECT_TRUE(isra->signature_changed);

  auto part = parse_clone_name("foo.part.12");
  ASSERT_TRUE(part);
  EXPECT_TRUE(part->entry);
  EXPECT_FALSE(part->signature_changed);

  auto both = parse_clone_name("foo.constprop.0.isra.1");
  ASSERT_TRUE(both);
  EXPECT_EQ(both->base, "foo");
  EXPECT_TRUE(both->signature_changed);
}

TEST(CloneSuffix, ColdBlocksAreNotEntries) {
  for (const char* name : {"foo.cold", "foo.cold.3", "foo.isra.0.cold", "foo.part.0.cold"}) {
    auto cold = parse_clone_name(name);
    ASSERT_TRUE(cold) << name;
    EXPECT_EQ(cold->base, "foo");
    EXPECT_FALSE(cold->entry) << name;
  }
}

TEST(CloneSuffix, LtoRenamesAreEntries) {
  auto llvm = parse_clone_name("foo.llvm.123456");
  ASSERT_TRUE(llvm);
  EXPECT_TRUE(llvm->entry);
  EXPECT_FALSE(llvm->signature_changed);
  EXPECT_TRUE(parse_clone_name("foo.lto_priv.0"));
}

TEST(CloneSuffix, RejectsWhatIsNotAClone) {
  for (const char* name : {"foo", "foo.isra", "foo.part.x", "foo.bar.1", "__func__.1", ".isra.0", "foo.isra.0.bar"})
    EXPECT_FALSE(parse_clone_name(name)) << name;
}

}  // namespace
}  // namespace ks::symbols
