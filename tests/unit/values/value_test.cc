#include "values/value.h"

#include <gtest/gtest.h>

#include <cerrno>

namespace ks::values {
namespace {

TEST(Values, AcceptsNumbersAndNames) {
  EXPECT_EQ(parse_value("-1").value(), -1);
  EXPECT_EQ(parse_value("0x10").value(), 16);
  EXPECT_EQ(parse_value("-EPERM").value(), -EPERM);
  EXPECT_EQ(parse_value("EPERM").value(), -EPERM) << "a bare errno name means the error";
  EXPECT_EQ(parse_value("-EOPNOTSUPP").value(), -EOPNOTSUPP);
  EXPECT_EQ(parse_value("NULL").value(), 0);
  EXPECT_EQ(parse_value("false").value(), 0);
  EXPECT_EQ(parse_value("true").value(), 1);
  EXPECT_EQ(parse_value("ERR_PTR(-ENOMEM)").value(), -ENOMEM);
}

TEST(Values, RejectsGarbageWithAHint) {
  for (const char* bad : {"", "EFOO", "-", "1x", "ERR_PTR(x)", "maybe"}) {
    auto v = parse_value(bad);
    ASSERT_FALSE(v) << bad;
    EXPECT_NE(v.error().message().find("errno name"), std::string::npos);
  }
}

TEST(Values, DescribesAValueForItsType) {
  EXPECT_EQ(describe_value(-1), "-1 (-EPERM)");
  EXPECT_EQ(describe_value(0, btf::TypeKind::kPointer), "0 (NULL)");
  EXPECT_EQ(describe_value(-12, btf::TypeKind::kPointer), "-12 (ERR_PTR(-ENOMEM))");
  EXPECT_EQ(describe_value(0, btf::TypeKind::kBool), "0 (false)");
  EXPECT_EQ(describe_value(42), "42");
  EXPECT_EQ(describe_value(-5000), "-5000");
}

}  // namespace
}  // namespace ks::values
