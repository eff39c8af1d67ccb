// engage= at module load: good entries are engaged, bad ones logged and
// skipped, and the load itself never fails because of them.
#include "support/guest.h"

namespace ks::guest {
namespace {

class EngageParamTest : public KillswitchTest {};

TEST_F(EngageParamTest, EngagesGoodEntriesAndSkipsBadOnes) {
  KS_SKIP_IF_BUILTIN();
  unload_module("killswitch");
  load_module("killswitch",
              "engage=test_killswitch_int=-7,bad-entry,test_killswitch_long=-16,"
              "no_such_function_anywhere=1,test_killswitch_void,test_killswitch_int=5,=3,test_killswitch_args=1");
  auto lines = ks_.engaged();
  ASSERT_TRUE(lines);
  ASSERT_EQ(lines->size(), 2u) << engaged_text();
  EXPECT_EQ((*lines)[0].target, target::kInt);
  EXPECT_EQ((*lines)[0].retval, -7);
  EXPECT_EQ((*lines)[1].target, target::kLong);
  EXPECT_EQ((*lines)[1].retval, -16);
  EXPECT_EQ(target::call_int(), -7);
  EXPECT_EQ(target::call_long(), -16);
  EXPECT_EQ(ks_.tainted().value_or(false), true);

  auto log = kernel_log();
  EXPECT_NE(log.find("engage test_killswitch_int retval=-7 state=engaged by module parameter engage="),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("engage= entry 'bad-entry' is malformed"), std::string::npos);
  EXPECT_NE(log.find("engage= entry 'test_killswitch_void' is malformed"), std::string::npos);
  EXPECT_NE(log.find("engage= entry '=3' is malformed"), std::string::npos);
  EXPECT_NE(log.find("engage= entry no_such_function_anywhere=1 skipped (error -2)"), std::string::npos);
  EXPECT_NE(log.find("engage= entry test_killswitch_int=5 skipped (error -16)"), std::string::npos);
  // The module parameter runs every safety rule, as the control file does.
  EXPECT_NE(log.find("engage= entry test_killswitch_args=1 skipped (error -13)"), std::string::npos);
}

TEST_F(EngageParamTest, EmptyParameterEngagesNothing) {
  KS_SKIP_IF_BUILTIN();
  unload_module("killswitch");
  load_module("killswitch", "engage=");
  EXPECT_EQ(engaged_text(), "");
  EXPECT_EQ(ks_.tainted().value_or(true), false);
}

}  // namespace
}  // namespace ks::guest
