// What the profile guest tests share: the catalog as the guest sees it, the
// running kernel's facts, and applying a profile through the library the
// way `killswitch apply` does.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "profile/applier.h"
#include "profile/profile.h"
#include "support/guest.h"
#include "system/real_system.h"

namespace ks::guest {

// The catalog (profiles/) copied next to the guest tests at build time.
inline constexpr const char* kCatalogDir = "/opt/killswitch/profiles";

class ProfileTest : public KillswitchTest {
 protected:
  void SetUp() override;

  profile::Profile load(const std::string& id);
  // apply_profile with the real kernel facts and control file; @info, when
  // given, is what the kernel was read as before (kallsyms, BTF), reused
  // while no module comes or goes.
  profile::ProfileResult apply(const profile::Profile& p, bool ignore_version, kernel::KernelInfo* info = nullptr);
  profile::ProfileResult revert(const profile::Profile& p);
  // A plain apply on this kernel (Debian's current one) must say "not
  // applicable" with the version that fixed it, and engage nothing.
  void expect_not_applicable_here(const profile::Profile& p);

  profile::KernelFacts facts_;
  system::RealSystem system_;  // the guest itself, as the tool sees it
};

// errno of socket(@family, @type, @protocol), 0 when it worked (and closed).
int socket_errno(int family, int type, int protocol);

}  // namespace ks::guest
