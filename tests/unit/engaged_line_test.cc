#include "sysfs/engaged_line.h"

#include <gtest/gtest.h>

namespace ks::sysfs {
namespace {

TEST(EngagedLine, ParsesCompatiblePrefix) {
  auto line = parse_engaged_line("af_alg_sendmsg retval=-1 hits=3");
  ASSERT_TRUE(line) << line.error();
  EXPECT_EQ(line->symbol, "af_alg_sendmsg");
  EXPECT_EQ(line->retval, -1);
  EXPECT_EQ(line->hits, 3u);
  EXPECT_TRUE(line->extra.empty());
}

TEST(EngagedLine, KeepsUnknownExtensionKeys) {
  auto line = parse_engaged_line("f retval=0 hits=0 mode=monitor future_key=x");
  ASSERT_TRUE(line) << line.error();
  EXPECT_EQ(line->extra.at("mode"), "monitor");
  EXPECT_EQ(line->extra.at("future_key"), "x");
}

TEST(EngagedLine, RejectsMissingOrMisorderedFields) {
  for (const char* bad : {"f", "f retval=1", "f hits=1 retval=1", "f retval=x hits=1", "f retval=1 hits=-1",
                          "f retval=1 hits=1 novalue", "f retval=1 hits=1 =v"}) {
    EXPECT_FALSE(parse_engaged_line(bad)) << bad;
  }
}

TEST(EngagedLine, ParsesWholeFileSkippingBlankLines) {
  auto lines = parse_engaged("a retval=1 hits=2\n\nb retval=-22 hits=0\n");
  ASSERT_TRUE(lines) << lines.error();
  ASSERT_EQ(lines->size(), 2u);
  EXPECT_EQ((*lines)[1].symbol, "b");
  EXPECT_EQ((*lines)[1].retval, -22);
}

}  // namespace
}  // namespace ks::sysfs
