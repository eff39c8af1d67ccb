#include "profile/kernel_facts.h"

#include <gtest/gtest.h>

#include "support/temp_tree.h"
#include "system/real_system.h"
#include "util/file_io.h"

namespace ks::profile {
namespace {

using testing::TempTree;

constexpr const char* kChangelog = R"(linux-signed-amd64 (6.1.129+1) bookworm-security; urgency=high

  * Sign kernel from linux 6.1.129-1
  * something (CVE-2099-0001)

 -- Someone <a@b>  Mon, 16 Nov 2026 11:17:40 +0100

linux (6.1.170-1) bookworm-security; urgency=high

  * crypto: algif_aead - Revert to operating out-of-place (CVE-2026-31431)

 -- Someone <a@b>  Mon, 16 Nov 2026 11:17:40 +0100

linux (6.1.129-1) bookworm-security; urgency=high

  * fix a (CVE-2025-21972)
  * fix b (CVE-2025-22109) and
    more (CVE-2025-38524)

 -- Someone <a@b>  Mon, 16 Nov 2026 11:17:40 +0100
)";

TEST(KernelFacts, DebianVersionComesFromProcVersion) {
  EXPECT_EQ(debian_version_from_proc("Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org) "
                                     "(gcc-12) #1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)"),
            "6.1.192-2");
  // As the guest's kernel prints it: the compiler's Debian version comes first.
  EXPECT_EQ(debian_version_from_proc("Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian "
                                     "12.2.0-14+deb12u1) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP "
                                     "PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)"),
            "6.1.192-2");
  EXPECT_EQ(debian_version_from_proc("Linux version 6.12.3-arch1-1 (linux@archlinux) #1 SMP"), "");
  // Built on Debian from its source, not packaged by it (make intree).
  EXPECT_EQ(debian_version_from_proc("Linux version 6.1.192-killswitch (root@vm) (gcc (Debian 12.2.0-14+deb12u1) "
                                     "12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP Sat Dec  5 18:10:31 UTC "
                                     "2026"),
            "");
}

TEST(KernelFacts, ChangelogCvesCountOnlyUpToTheRunningVersion) {
  auto cves = cves_fixed_up_to(kChangelog, "6.1.129-1");
  ASSERT_TRUE(cves) << cves.error().message();
  EXPECT_EQ(*cves, (std::set<std::string>{"CVE-2025-21972", "CVE-2025-22109", "CVE-2025-38524", "CVE-2099-0001"}));
  cves = cves_fixed_up_to(kChangelog, "6.1.170-1");
  EXPECT_TRUE(cves->count("CVE-2026-31431"));
}

TEST(KernelFacts, ReadsADebianHostUnderARoot) {
  TempTree t;
  t.write("proc/sys/kernel/osrelease", "6.1.0-31-amd64\n");
  t.write("proc/version", "Linux version 6.1.0-31-amd64 (x) #1 SMP PREEMPT_DYNAMIC Debian 6.1.129-1 (2025-03-06)\n");
  t.write_gzip("usr/share/doc/linux-image-6.1.0-31-amd64/changelog.Debian.gz", kChangelog);
  system::RealSystem host(t.root());
  auto f = read_kernel_facts(host);
  ASSERT_TRUE(f) << f.error().message();
  EXPECT_EQ(f->release, "6.1.0-31-amd64");
  EXPECT_EQ(f->upstream.str(), "6.1.129");
  EXPECT_EQ(f->debian_version, "6.1.129-1");
  EXPECT_EQ(f->changelog_path, "/usr/share/doc/linux-image-6.1.0-31-amd64/changelog.Debian.gz");
  EXPECT_TRUE(f->fixed_cves.count("CVE-2025-22109"));
  EXPECT_FALSE(f->fixed_cves.count("CVE-2026-31431"));
}

TEST(KernelFacts, WithoutChangelogOrDebianTheReleaseDecides) {
  TempTree t;
  t.write("proc/sys/kernel/osrelease", "6.12.3-arch1-1\n");
  t.write("proc/version", "Linux version 6.12.3-arch1-1 (linux@archlinux) #1 SMP\n");
  auto f = read_kernel_facts(system::RealSystem(t.root()));
  ASSERT_TRUE(f) << f.error().message();
  EXPECT_EQ(f->upstream.str(), "6.12.3");
  EXPECT_EQ(f->debian_version, "");
  EXPECT_EQ(f->changelog_path, "");
}

TEST(KernelFacts, CorruptChangelogIsAnError) {
  TempTree t;
  t.write("proc/sys/kernel/osrelease", "6.1.0-31-amd64\n");
  t.write("proc/version", "Linux version 6.1.0-31-amd64 #1 SMP Debian 6.1.129-1 (2025-03-06)\n");
  std::string truncated;
  {
    TempTree g;
    auto p = g.write_gzip("c.gz", kChangelog);
    std::ifstream in(p, std::ios::binary);
    truncated.assign(std::istreambuf_iterator<char>(in), {});
  }
  t.write("usr/share/doc/linux-image-6.1.0-31-amd64/changelog.gz", truncated.substr(0, 40));
  auto f = read_kernel_facts(system::RealSystem(t.root()));
  EXPECT_FALSE(f);
}

TEST(KernelFacts, MissingReleaseIsAnError) {
  TempTree t;
  EXPECT_FALSE(read_kernel_facts(system::RealSystem(t.root())));
}

}  // namespace
}  // namespace ks::profile

namespace ks::profile {
namespace {

// The changelog of the default guest's real Debian 6.1 kernel (make
// vm-image fetches it; the other kernels' trees are next to it).
TEST(KernelFacts, RealDebianChangelogListsCatalogCvesByVersion) {
  std::filesystem::path found;
  std::error_code ec;
  for (const auto& e : std::filesystem::recursive_directory_iterator(KS_SOURCE_DIR "/build/vm/kernel", ec))
    if ((e.path().filename() == "changelog.gz" || e.path().filename() == "changelog.Debian.gz") &&
        e.path().string().find("/6.1.0-") != std::string::npos &&
        e.path().string().find("-amd64/") != std::string::npos)
      found = e.path();
  if (found.empty()) GTEST_SKIP() << "no guest kernel fetched (make vm-image)";
  auto text = util::read_gzip(found);
  ASSERT_TRUE(text) << text.error().message();
  auto at_fix = cves_fixed_up_to(*text, "6.1.170-1");
  ASSERT_TRUE(at_fix) << at_fix.error().message();
  EXPECT_TRUE(at_fix->count("CVE-2026-31431"));
  EXPECT_TRUE(at_fix->count("CVE-2026-23086"));
  EXPECT_FALSE(at_fix->count("CVE-2025-38524"));  // only in 6.1.192-1
  auto before = cves_fixed_up_to(*text, "6.1.169-1");
  EXPECT_FALSE(before->count("CVE-2026-31431"));
  auto latest = cves_fixed_up_to(*text, "6.1.192-2");
  EXPECT_TRUE(latest->count("CVE-2025-38524"));
  EXPECT_TRUE(latest->count("CVE-2025-22109"));
}

}  // namespace
}  // namespace ks::profile
