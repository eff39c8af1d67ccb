#include "system/boot_security.h"

#include <gtest/gtest.h>

#include "support/fake_system.h"

namespace ks::system {
namespace {

TEST(BootSecurity, ReadsTheSecureBootVariable) {
  EXPECT_EQ(parse_secure_boot(std::string("\x06\0\0\0\x01", 5)), true);
  EXPECT_EQ(parse_secure_boot(std::string("\x06\0\0\0\x00", 5)), false);
  EXPECT_EQ(parse_secure_boot("short"), false);
  EXPECT_EQ(parse_secure_boot(""), std::nullopt);
  EXPECT_EQ(parse_secure_boot("\x06\0\0\0"), std::nullopt);
}

TEST(BootSecurity, SaysWhichRouteWorks) {
  testing::FakeSystem sys;
  sys.secure_boot_bytes = std::string("\x06\0\0\0\x01", 5);
  sys.module_files["killswitch"] = KS_UNSIGNED_MODULE;
  auto s = read_boot_security(sys);
  EXPECT_EQ(s.secure_boot, true);
  ASSERT_TRUE(s.module);
  EXPECT_FALSE(s.module->is_signed);
  EXPECT_NE(engage_route(s, Backend::kNone).find("mokutil --import"), std::string::npos);

  sys.module_files["killswitch"] = KS_SIGNED_MODULE;
  sys.lockdown_text = "none [integrity] confidentiality\n";
  s = read_boot_security(sys);
  EXPECT_EQ(s.module->signer, "killswitch test signing key");
  EXPECT_NE(engage_route(s, Backend::kModule).find("persist --boot"), std::string::npos);

  testing::FakeSystem plain;
  s = read_boot_security(plain);
  EXPECT_EQ(s.secure_boot, std::nullopt);
  EXPECT_FALSE(s.module);
  EXPECT_EQ(engage_route(s, Backend::kModule), "engage works at run time");
}

}  // namespace
}  // namespace ks::system
