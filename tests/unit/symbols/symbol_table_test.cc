#include "symbols/symbol_table.h"

#include <gtest/gtest.h>

#include "support/fixture.h"
#include "util/file_io.h"

namespace ks::symbols {
namespace {

SymbolTable fixture_table() {
  return SymbolTable::parse(util::read_text(testing::fixture_root() / "proc/kallsyms").value());
}

TEST(Kallsyms, KeepsTextSymbolsWithTheirModule) {
  auto table = fixture_table();
  ASSERT_EQ(table.find("af_alg_sendmsg").size(), 1u);
  EXPECT_EQ(table.find("af_alg_sendmsg")[0].module, "af_alg");
  ASSERT_EQ(table.find("vfs_read").size(), 1u);
  EXPECT_EQ(table.find("vfs_read")[0].module, "");
  EXPECT_EQ(table.find("vfs_read")[0].type, 'T');
  EXPECT_TRUE(table.find("vfs_read_data").empty()) << "data symbols are not functions";
  EXPECT_TRUE(table.find("__func__.1").empty());
}

TEST(Kallsyms, KnowsWhereAFunctionStartsWhenItIsTheOnlyOneOfItsName) {
  auto table = fixture_table();
  EXPECT_EQ(table.address_of("vfs_read"), 0xffffffff81100100u);
  EXPECT_EQ(table.address_of("af_alg:af_alg_sendmsg"), table.find("af_alg_sendmsg")[0].address);
  EXPECT_NE(table.address_of("af_alg_sendmsg"), 0u);
  EXPECT_EQ(table.address_of("other:af_alg_sendmsg"), 0u) << "not in that module";
  EXPECT_EQ(table.address_of("dup_name"), 0u) << "two of that name: the module looks it up";
  EXPECT_EQ(table.address_of("mod_a:dup_mod"), table.find("dup_mod")[0].address);
  EXPECT_EQ(table.address_of("no_such_function"), 0u);
  auto hidden = SymbolTable::parse("0000000000000000 T vfs_read\n");
  EXPECT_EQ(hidden.address_of("vfs_read"), 0u) << "kptr_restrict hides it";
}

TEST(Kallsyms, ListsEveryStaticOfTheSameName) {
  auto table = fixture_table();
  EXPECT_EQ(table.find("dup_name").size(), 2u);
  auto dup = table.find("dup_mod");
  ASSERT_EQ(dup.size(), 2u);
  EXPECT_EQ(dup[0].module, "mod_a");
  EXPECT_EQ(dup[1].module, "mod_b");
}

TEST(Kallsyms, FindsCompilerClonesOfAFunction) {
  auto table = fixture_table();
  std::vector<std::string> names;
  for (const auto& s : table.clones_of("fixture_clone")) names.push_back(s.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"fixture_clone.constprop.0", "fixture_clone.part.0", "fixture_clone.cold"}));
  EXPECT_EQ(table.clones_of("inlined_away").size(), 1u);
  EXPECT_TRUE(table.clones_of("vfs_read").empty());
}

TEST(Kallsyms, IgnoresMalformedLines) {
  auto table = SymbolTable::parse("garbage\nffff T\n\nffffffff81000000 T good\nffff tt bad\n");
  EXPECT_EQ(table.size(), 1u);
  EXPECT_EQ(table.find("good").size(), 1u);
}

TEST(TraceLists, ParsesTraceableFunctionsWithModules) {
  auto names = parse_traceable("vfs_read\naf_alg_sendmsg [af_alg]\ndup [a]\ndup [b]\n");
  EXPECT_EQ(names.count("vfs_read"), 1u);
  EXPECT_EQ(names["af_alg_sendmsg"], std::vector<std::string>{"af_alg"});
  EXPECT_EQ(names["dup"].size(), 2u);
}

TEST(TraceLists, ParsesTheKprobeBlacklist) {
  auto names = parse_blacklist("0xffffffff81000000-0xffffffff81000010\tdo_int3\n0x0-0x0\tnmi_handle\n");
  EXPECT_EQ(names.count("do_int3"), 1u);
  EXPECT_EQ(names.count("nmi_handle"), 1u);
  EXPECT_EQ(names.count("vfs_read"), 0u);
}

}  // namespace
}  // namespace ks::symbols
