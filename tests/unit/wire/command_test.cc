#include "wire/command.h"

#include <gtest/gtest.h>

#include "wire/target.h"

namespace ks::wire {
namespace {

TEST(WireCommand, WritesEachVerbAsTheModuleReadsIt) {
  EXPECT_EQ(Command::engage("f", -1).text(), "engage f -1\n");
  EXPECT_EQ(Command::engage("m:f", -13, "uid!=0").text(), "engage m:f -13 if uid!=0\n");
  EXPECT_EQ(Command::tryengage("f", -1, 30).text(), "tryengage f -1 30\n");
  EXPECT_EQ(Command::monitor("f.isra.0").text(), "monitor f.isra.0\n");
  EXPECT_EQ(Command::disengage("m:f").text(), "disengage m:f\n");
  EXPECT_EQ(Command::disengage_all().text(), "disengage_all\n");
  EXPECT_EQ(Command::engage("f", -1, std::nullopt, 30).text(), "engage f -1 expire=30\n");
  EXPECT_EQ(Command::engage("f", -1, "uid!=0", 5).text(), "engage f -1 expire=5 if uid!=0\n");
  EXPECT_EQ(Command::confirm("m:f").text(), "confirm m:f\n");
}

TEST(WireCommand, WritesWhereTheFunctionStartsForTheVerbsThatEngage) {
  Command e = Command::engage("f", -1, "uid!=0", 5);
  e.at = 0xffffffffc0123450;
  EXPECT_EQ(e.text(), "engage f -1 expire=5 at=0xffffffffc0123450 if uid!=0\n");
  Command m = Command::monitor("m:f");
  m.at = 0x10;
  EXPECT_EQ(m.text(), "monitor m:f at=0x10\n");
  Command d = Command::disengage("f");
  d.at = 0x10;
  EXPECT_EQ(d.text(), "disengage f\n") << "only for the verbs that engage";
  auto back = parse_command(e.text());
  ASSERT_TRUE(back) << back.error().message();
  EXPECT_EQ(back->at, 0xffffffffc0123450u);
  EXPECT_EQ(back->text(), e.text());
}

TEST(WireCommand, EveryTextItWritesParsesBackToItself) {
  for (const Command& c : {Command::engage("f", -1), Command::engage("af_alg:f", 0, "arg2==38&&uid!=0"),
                           Command::tryengage("f", -22, 5), Command::monitor("m:g"), Command::disengage("f"),
                           Command::disengage_all(), Command::engage("f", -1, "uid!=0", 9), Command::confirm("f")}) {
    auto back = parse_command(c.text());
    ASSERT_TRUE(back) << c.text() << back.error().message();
    EXPECT_EQ(back->text(), c.text());
  }
}

TEST(WireCommand, ParsesAsTheModuleDoes) {
  auto c = parse_command("engage algif-aead:aead_recvmsg -EPERM if uid != 0");
  ASSERT_TRUE(c) << c.error().message();
  EXPECT_EQ(c->verb, Verb::kEngage);
  EXPECT_EQ(c->target, "algif_aead:aead_recvmsg");
  EXPECT_EQ(c->value, -1);
  EXPECT_EQ(c->condition, "uid!=0");
  auto bad = parse_command("engage f");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().errno_value(), EINVAL);
}

TEST(WireCommand, ValuesAndConditionsAsTheModuleReadsThem) {
  EXPECT_EQ(parse_retval("-EACCES").value(), -13);
  EXPECT_EQ(parse_retval("0x10").value(), 16);
  EXPECT_FALSE(parse_retval("EPERMX"));
  EXPECT_EQ(canonical_condition("uid != 0 && arg1 == 2").value(), "uid!=0&&arg1==2");
  EXPECT_FALSE(canonical_condition("uid ~ 0"));
}

TEST(WireTarget, NormalisesModuleNamesAsTheKernelDoes) {
  auto t = parse_target("algif-aead:aead_sendmsg");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->module, "algif_aead");
  EXPECT_EQ(t->symbol, "aead_sendmsg");
  EXPECT_EQ(t->text(), "algif_aead:aead_sendmsg");
  EXPECT_EQ(parse_target("vfs_read")->text(), "vfs_read");
  for (const char* bad : {"", ":f", "m:", "f g", "m:f:g", "a/b"}) EXPECT_FALSE(parse_target(bad)) << bad;
}

}  // namespace
}  // namespace ks::wire
