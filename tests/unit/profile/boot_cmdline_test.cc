#include "profile/boot_cmdline.h"

#include <gtest/gtest.h>

namespace ks::profile {
namespace {

TEST(BootCmdline, RendersAndReadsBackEveryProfile) {
  BootProfiles profiles{{"CVE-2026-31431", {{"algif_aead:aead_sendmsg", -1}, {"algif_aead:aead_recvmsg", -1}}},
                        {"CVE-2025-22109", {{"ax25:ax25_create", -97}}}};
  std::string text = render_boot_file(profiles);
  EXPECT_NE(text.find("GRUB_CMDLINE_LINUX=\"$GRUB_CMDLINE_LINUX killswitch.engage=ax25:ax25_create=-97,"
                      "algif_aead:aead_sendmsg=-1,algif_aead:aead_recvmsg=-1\"\n"),
            std::string::npos)
      << text;
  auto back = parse_boot_file(text);
  ASSERT_TRUE(back) << back.error().message();
  EXPECT_EQ(*back, profiles);
  EXPECT_EQ(render_boot_file({}), "");
  EXPECT_EQ(engage_parameter({}), "");
}

TEST(BootCmdline, ABadLineIsAnErrorWithItsNumber) {
  auto r = parse_boot_file("# comment\n# profile CVE-1: f=-1,g\n");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("killswitch.cfg:2: bad entry 'g'"), std::string::npos) << r.error().message();
  EXPECT_FALSE(parse_boot_file("# profile CVE-1 f=-1\n"));
  EXPECT_FALSE(parse_boot_file("# profile CVE-1: =-1\n"));
  EXPECT_FALSE(parse_boot_file("# profile CVE-1: f=EPERMX\n"));
  EXPECT_TRUE(parse_boot_file("GRUB_TIMEOUT=5\n"));
}

}  // namespace
}  // namespace ks::profile
