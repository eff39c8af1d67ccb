#include "support/profiles.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "profile/kernel_facts.h"
#include "profile/versions.h"
#include "system/real_system.h"

namespace ks::guest {

void ProfileTest::SetUp() {
  KillswitchTest::SetUp();
  auto facts = profile::read_kernel_facts(system_);
  ASSERT_TRUE(facts) << facts.error().message();
  facts_ = *facts;
}

profile::Profile ProfileTest::load(const std::string& id) {
  auto p = profile::load_profile(std::string(kCatalogDir) + "/" + id + ".toml");
  if (!p) ADD_FAILURE() << p.error().message();
  return p ? *p : profile::Profile{};
}

profile::ProfileResult ProfileTest::apply(const profile::Profile& p, bool ignore_version, kernel::KernelInfo* info) {
  kernel::KernelInfo fresh(system_);
  return profile::apply_profile(p, facts_, system_, info ? *info : fresh, {.ignore_version = ignore_version});
}

profile::ProfileResult ProfileTest::revert(const profile::Profile& p) { return profile::revert_profile(p, system_); }

void ProfileTest::expect_not_applicable_here(const profile::Profile& p) {
  std::string before = engaged_text();
  auto r = apply(p, false);
  EXPECT_EQ(r.outcome, profile::Outcome::kNotApplicable) << r.reason;
  // Debian's kernels are judged by their package version; the in-tree one,
  // built from Debian's source but not packaged, by its upstream version.
  const bool debian = !facts_.debian_version.empty();
  std::string running =
      debian ? "the running Debian kernel " + facts_.debian_version : "the running kernel " + facts_.upstream.str();
  EXPECT_NE(r.reason.find(running + " is at or past"), std::string::npos) << r.reason;
  // The fix recorded for the series the guest runs (6.1 or 6.12).
  std::string fix;
  std::vector<std::string> fixes = p.fixed_upstream;
  if (debian) {
    fixes.clear();
    for (const auto& f : p.fixed_packages) fixes.push_back(f.version);
  }
  for (const auto& version : fixes) {
    auto up = profile::parse_upstream_version(version);
    if (up && up->series() == facts_.upstream.series()) fix = version;
  }
  ASSERT_FALSE(fix.empty()) << p.id << " records no fix for the " << facts_.upstream.series() << " series";
  EXPECT_NE(r.reason.find(fix), std::string::npos) << r.reason;
  EXPECT_EQ(engaged_text(), before);
}

int socket_errno(int family, int type, int protocol) {
  int fd = ::socket(family, type, protocol);
  if (fd < 0) return errno;
  ::close(fd);
  return 0;
}

}  // namespace ks::guest
