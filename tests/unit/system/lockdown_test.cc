#include "system/lockdown.h"

#include <gtest/gtest.h>

namespace ks::system {
namespace {

TEST(Lockdown, ReadsTheBracketedLevel) {
  EXPECT_EQ(parse_lockdown("[none] integrity confidentiality\n"), Lockdown::kNone);
  EXPECT_EQ(parse_lockdown("none [integrity] confidentiality\n"), Lockdown::kIntegrity);
  EXPECT_EQ(parse_lockdown("none integrity [confidentiality]\n"), Lockdown::kConfidentiality);
  EXPECT_EQ(parse_lockdown(""), Lockdown::kNone);
  EXPECT_EQ(lockdown_name(Lockdown::kIntegrity), "integrity");
  EXPECT_TRUE(refuses_changes(Lockdown::kIntegrity));
  EXPECT_FALSE(refuses_changes(Lockdown::kNone));
}

}  // namespace
}  // namespace ks::system
