// The control-file parser of killswitch.ko (kmod/parse/command.c), built in
// user space. The kernel runs exactly this code on every write.
#include <gtest/gtest.h>

#include <climits>
#include <string>

extern "C" {
#include "command.h"
#include "killswitch.h"
}

namespace {

struct Parsed {
  int err;
  ks_command cmd;
  std::string target;
};

Parsed parse(std::string text) {
  Parsed out{};
  std::string buf = text;  // the parser cuts tokens in place
  out.err = ks_parse_command(buf.data(), text.size(), &out.cmd);
  if (out.err == 0 && out.cmd.target) out.target = out.cmd.target;
  return out;
}

TEST(ParseCommand, AcceptsEngageWithDecimalHexAndOctal) {
  auto p = parse("engage af_alg_sendmsg -1\n");
  ASSERT_EQ(p.err, 0);
  EXPECT_EQ(p.cmd.verb, KS_CMD_ENGAGE);
  EXPECT_EQ(p.target, "af_alg_sendmsg");
  EXPECT_EQ(p.cmd.retval, -1);
  EXPECT_EQ(parse("engage f 0x10").cmd.retval, 16);
  EXPECT_EQ(parse("engage f -0X1f").cmd.retval, -31);
  EXPECT_EQ(parse("engage f 010").cmd.retval, 8);
  EXPECT_EQ(parse("engage f 0").cmd.retval, 0);
  EXPECT_EQ(parse("engage f +22").cmd.retval, 22);
}

TEST(ParseCommand, AcceptsBlanksAndTabsBetweenTokens) {
  auto p = parse("  engage\tfoo.cold   -22  ");
  ASSERT_EQ(p.err, 0);
  EXPECT_EQ(p.target, "foo.cold");
  EXPECT_EQ(p.cmd.retval, -22);
}

TEST(ParseCommand, AcceptsDisengageAndDisengageAll) {
  auto p = parse("disengage af_alg_sendmsg");
  ASSERT_EQ(p.err, 0);
  EXPECT_EQ(p.cmd.verb, KS_CMD_DISENGAGE);
  EXPECT_EQ(p.target, "af_alg_sendmsg");
  auto all = parse("disengage_all\n");
  ASSERT_EQ(all.err, 0);
  EXPECT_EQ(all.cmd.verb, KS_CMD_DISENGAGE_ALL);
  EXPECT_EQ(all.cmd.target, nullptr);
}

TEST(ParseCommand, LongBoundsAreExact) {
  EXPECT_EQ(parse("engage f 9223372036854775807").cmd.retval, LONG_MAX);
  EXPECT_EQ(parse("engage f -9223372036854775808").cmd.retval, LONG_MIN);
  EXPECT_EQ(parse("engage f -0x8000000000000000").cmd.retval, LONG_MIN);
  EXPECT_EQ(parse("engage f 9223372036854775808").err, -EINVAL);
  EXPECT_EQ(parse("engage f 0x8000000000000000").err, -EINVAL);
  EXPECT_EQ(parse("engage f -9223372036854775809").err, -EINVAL);
  EXPECT_EQ(parse("engage f 99999999999999999999999").err, -EINVAL);
}

TEST(ParseCommand, RejectsMalformedLines) {
  const char* bad[] = {
      "",
      "\n",
      "   ",
      "engage",
      "engage f",
      "engage f 1 2",
      "engage f abc",
      "engage f 1x",
      "engage f 0x",
      "engage f 08",
      "engage f --1",
      "engage f -",
      "engage f 1.5",
      "engage bad/name 1",
      "engage bad-name 1",
      "engage mod:sym 1",
      "Engage f 1",
      "frobnicate f",
      "disengage",
      "disengage a b",
      "disengage_all now",
      "engage f 1\n\n",
      "engage f 1\nengage g 2",
      "engage f 1\r\n",
      "engage f\x01 1",
      "engage f \xff",
  };
  for (const char* line : bad) EXPECT_EQ(parse(line).err, -EINVAL) << "line: " << line;
}

TEST(ParseCommand, RejectsEmbeddedNul) {
  std::string text("engage f 1\0x", 12);
  std::string buf = text;
  ks_command cmd{};
  EXPECT_EQ(ks_parse_command(buf.data(), text.size(), &cmd), -EINVAL);
}

TEST(ParseCommand, LengthLimitIsTheWireLimit) {
  std::string line = "engage f 1";
  std::string at_limit = line + std::string(KS_CONTROL_MAX - line.size(), ' ');
  EXPECT_EQ(parse(at_limit).err, 0);
  EXPECT_EQ(parse(at_limit + " ").err, -EINVAL);
}

TEST(ParseCommand, SymbolLengthLimit) {
  std::string longest(KS_SYMBOL_MAX - 1, 'a');
  EXPECT_EQ(parse("engage " + longest + " 1").err, 0);
  EXPECT_EQ(parse("engage " + longest + "a 1").err, -EINVAL);
}

TEST(ParseParamEntry, AcceptsSymbolEqualsValue) {
  char entry[] = "af_alg_sendmsg=-1";
  ks_command cmd{};
  ASSERT_EQ(ks_parse_param_entry(entry, &cmd), 0);
  EXPECT_EQ(cmd.verb, KS_CMD_ENGAGE);
  EXPECT_STREQ(cmd.target, "af_alg_sendmsg");
  EXPECT_EQ(cmd.retval, -1);
}

TEST(ParseParamEntry, RejectsAndLeavesEntryIntact) {
  const char* bad[] = {"", "=", "f", "f=", "=1", "f=x", "f=1=2", "bad-name=1", "f= 1"};
  for (const char* text : bad) {
    std::string entry = text;
    ks_command cmd{};
    EXPECT_EQ(ks_parse_param_entry(entry.data(), &cmd), -EINVAL) << text;
    EXPECT_EQ(std::string(entry.c_str()), text) << "entry changed";
  }
}

TEST(ParseRetvalWrite, OneValueAndOptionalNewline) {
  long value = 0;
  std::string ok = "-13\n";
  ASSERT_EQ(ks_parse_retval_write(ok.data(), ok.size(), &value), 0);
  EXPECT_EQ(value, -13);
  for (std::string bad : {"", "\n", " 1", "1 ", "1\n\n", "x", "1 2"}) {
    std::string buf = bad;
    EXPECT_EQ(ks_parse_retval_write(buf.data(), bad.size(), &value), -EINVAL) << bad;
  }
}

}  // namespace
