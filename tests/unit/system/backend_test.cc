#include "system/backend.h"

#include <gtest/gtest.h>

#include "support/fake_system.h"

namespace ks::system {
namespace {

TEST(Backend, NoControlFileIsNone) {
  testing::FakeSystem sys;
  sys.present = false;
  EXPECT_EQ(detect_backend(sys), Backend::kNone);
}

TEST(Backend, KillswitchKoInProcModulesIsTheModule) {
  testing::FakeSystem sys;
  sys.modules_text = "killswitch 98304 0 - Live 0x0000000000000000 (OE)\n";
  sys.module_parameters = {"killswitch/max_engagements"};
  EXPECT_EQ(detect_backend(sys), Backend::kModule);
  EXPECT_TRUE(full_abi(Backend::kModule));
}

// The in-tree series: no module, but our parameters under /sys/module.
TEST(Backend, BuiltInWithOurParametersIsTheInTreeFormWithEveryFeature) {
  testing::FakeSystem sys;
  sys.module_parameters = {"killswitch/max_engagements"};
  EXPECT_EQ(detect_backend(sys), Backend::kInTree);
  EXPECT_EQ(backend_name(Backend::kInTree), "intree");
  EXPECT_TRUE(full_abi(Backend::kInTree));
  EXPECT_TRUE(missing_features(Backend::kInTree).empty());
}

TEST(Backend, AnotherBuiltInHasOnlyTheCompatibleCore) {
  testing::FakeSystem sys;
  EXPECT_EQ(detect_backend(sys), Backend::kBuiltin);
  EXPECT_FALSE(full_abi(Backend::kBuiltin));
  EXPECT_FALSE(missing_features(Backend::kBuiltin).empty());
}

}  // namespace
}  // namespace ks::system
