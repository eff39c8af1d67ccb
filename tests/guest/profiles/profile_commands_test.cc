// The profile subcommands of killswitch, the program, in the guest: what an operator or a fleet tool
// sees on Debian's current kernel, which fixes every profile of the catalog.
#include <sys/wait.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "profile/catalog.h"
#include "support/profiles.h"
#include "trigger/af_alg_aead.h"

namespace ks::guest {
namespace {

struct Run {
  int status = -1;
  std::string out;
};

Run run(const std::string& args) {
  Run r;
  std::string cmd = "/opt/killswitch/bin/killswitch --catalog " + std::string(kCatalogDir) + " " + args;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = ::fread(buf, 1, sizeof(buf), p)) > 0) r.out.append(buf, n);
  int st = ::pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

using ProfileCommandsTest = ProfileTest;

TEST_F(ProfileCommandsTest, CatalogIsNotApplicableHereAndSaysWhyInJson) {
  auto r = run(std::string("apply --json ") + kCatalogDir);
  ASSERT_EQ(r.status, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["kernel"]["debian_version"], facts_.debian_version);
  EXPECT_EQ(j["changed"], false);
  // Every profile of the catalog: Debian's current kernel has every fix.
  ASSERT_EQ(j["results"].size(), profile::load_profiles({kCatalogDir}).profiles.size());
  EXPECT_GE(j["results"].size(), 60u);
  for (const auto& res : j["results"]) {
    EXPECT_EQ(res["outcome"], "not-applicable") << res.dump();
    EXPECT_NE(res["reason"].get<std::string>().find("is at or past"), std::string::npos) << res.dump();
  }
  EXPECT_EQ(engaged_text(), "");
}

TEST_F(ProfileCommandsTest, IgnoreVersionAppliesAndRevertUndoes) {
  auto r = run("apply --ignore-version /opt/killswitch/profiles/CVE-2026-31431.toml");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("CVE-2026-31431: applied: applied regardless of version (--ignore-version)"), std::string::npos)
      << r.out;
  EXPECT_FALSE(trigger::af_alg_aead_round_trip().has_value());
  r = run("apply --ignore-version --json /opt/killswitch/profiles/CVE-2026-31431.toml");
  EXPECT_EQ(nlohmann::json::parse(r.out)["results"][0]["outcome"], "already-applied") << r.out;
  r = run("revert CVE-2026-31431");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(engaged_text(), "");
  EXPECT_TRUE(trigger::af_alg_aead_round_trip().has_value());
}

TEST_F(ProfileCommandsTest, KernelRefusalExitsFourAndLeavesNothing) {
  // Someone engaged one target differently: the profile fails as a whole.
  ASSERT_FALSE(ks_.command("engage algif_aead:aead_recvmsg -EACCES"));
  std::string before = engaged_text();
  auto r = run("apply --ignore-version /opt/killswitch/profiles/CVE-2026-31431.toml");
  EXPECT_EQ(r.status, 4) << r.out;
  EXPECT_EQ(engaged_text(), before);
}

}  // namespace
}  // namespace ks::guest
