#include "wire/engaged.h"

#include <gtest/gtest.h>

namespace ks::wire {
namespace {

TEST(EngagedLine, ParsesCompatiblePrefix) {
  auto line = parse_engaged_line("af_alg_sendmsg retval=-1 hits=3");
  ASSERT_TRUE(line) << line.error().message();
  EXPECT_EQ(line->target, "af_alg_sendmsg");
  EXPECT_EQ(line->retval, -1);
  EXPECT_EQ(line->hits, 3u);
  EXPECT_TRUE(line->extra.empty());
  EXPECT_FALSE(line->state());
}

TEST(EngagedLine, KeepsUnknownExtensionKeys) {
  auto line = parse_engaged_line("f retval=0 hits=0 mode=monitor future_key=x");
  ASSERT_TRUE(line) << line.error().message();
  EXPECT_EQ(line->extra.at("mode"), "monitor");
  EXPECT_EQ(line->extra.at("future_key"), "x");
}

TEST(EngagedLine, ReadsTheModulesExtensions) {
  auto line = parse_engaged_line(
      "af_alg:af_alg_sendmsg retval=-1 hits=3 errno=-EPERM module=af_alg state=pending passes=7 if=uid!=0 "
      "timeout_left=9");
  ASSERT_TRUE(line) << line.error().message();
  EXPECT_EQ(line->state(), State::kPending);
  EXPECT_EQ(line->module(), "af_alg");
  EXPECT_EQ(line->condition(), "uid!=0");
  EXPECT_EQ(line->passes(), 7u);
  EXPECT_EQ(line->timeout_left(), 9u);
}

TEST(EngagedLine, UnknownStateIsNone) {
  auto line = parse_engaged_line("f retval=0 hits=0 state=sleeping");
  ASSERT_TRUE(line);
  EXPECT_FALSE(line->state());
}

TEST(EngagedLine, RejectsMissingOrMisorderedFields) {
  for (const char* bad : {"f", "f retval=1", "f hits=1 retval=1", "f retval=x hits=1", "f retval=1 hits=-1",
                          "f retval=1 hits=1 novalue", "f retval=1 hits=1 =v"}) {
    auto line = parse_engaged_line(bad);
    ASSERT_FALSE(line) << bad;
    EXPECT_EQ(line.error().errno_value(), EBADMSG) << bad;
  }
}

TEST(EngagedLine, ParsesWholeFileSkippingBlankLines) {
  auto lines = parse_engaged("a retval=1 hits=2\n\nb retval=-22 hits=0\n");
  ASSERT_TRUE(lines) << lines.error().message();
  ASSERT_EQ(lines->size(), 2u);
  EXPECT_EQ((*lines)[1].target, "b");
  EXPECT_EQ((*lines)[1].retval, -22);
  EXPECT_EQ(find_engaged(*lines, "b"), &(*lines)[1]);
  EXPECT_EQ(find_engaged(*lines, "c"), nullptr);
}

TEST(EngagedLine, AnyMalformedLineFailsTheFile) { EXPECT_FALSE(parse_engaged("a retval=1 hits=2\nb retval=1\n")); }

}  // namespace
}  // namespace ks::wire
