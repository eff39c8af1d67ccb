// What killswitch exposes, from a snapshot made by hand: labels of
// engagements and whose profile they are, profile needs (never guessed),
// read errors, and no duplicate series.
#include "metrics/families.h"

#include <gtest/gtest.h>

#include <set>

#include "support/sample_profile.h"
#include "util/text.h"

namespace ks::metrics {
namespace {

profile::Profile make_profile(const std::string& id, const std::string& body) {
  return profile::parse_profile(testing::profile_with_targets(id, body), id + ".toml").value();
}

// Fixed in 6.1.170: needed on 6.1.129, not on 6.1.192.
const char* kFixedIn170 = "[fixed]\nupstream = [\"6.1.170\"]\n";

profile::KernelFacts facts(const std::string& debian) {
  profile::KernelFacts f;
  f.release = "6.1.0-31-amd64";
  f.debian_version = debian;
  f.upstream = *profile::parse_upstream_version(debian);
  return f;
}

std::string text(const Snapshot& s) { return render(families(s, "9.9.9")); }

bool has_line(const std::string& exposition, const std::string& line) {
  return exposition.find("\n" + line + "\n") != std::string::npos;
}

TEST(Families, WithoutKillswitchTheKernelAndTheProfilesAreStillThere) {
  Snapshot s;
  s.facts = facts("6.1.129-1");
  s.release = "6.1.0-31-amd64";
  s.debian_version = "6.1.129-1";
  s.kernel_taint = 4096;
  s.persisted_files = 1;
  s.persisted.push_back(make_profile(
      "CVE-2026-0001",
      std::string(kFixedIn170) + "[[target]]\nfunction = \"algif_aead:aead_recvmsg\"\nvalue = \"-EPERM\"\n"));
  auto t = text(s);
  EXPECT_TRUE(has_line(t, "killswitch_up 0")) << t;
  EXPECT_TRUE(has_line(t, R"(killswitch_info{version="9.9.9",backend="none"} 1)"));
  EXPECT_TRUE(has_line(t, R"(killswitch_kernel_info{release="6.1.0-31-amd64",debian_version="6.1.129-1"} 1)"));
  EXPECT_TRUE(has_line(t, "killswitch_kernel_taint 4096"));
  EXPECT_TRUE(has_line(t, "killswitch_persisted_profiles 1"));
  EXPECT_TRUE(has_line(t, R"(killswitch_profile_applied{profile="CVE-2026-0001"} 0)"));
  EXPECT_TRUE(has_line(t, R"(killswitch_profile_persisted{profile="CVE-2026-0001"} 1)"));
  EXPECT_TRUE(has_line(t, R"(killswitch_profile_need_known{profile="CVE-2026-0001"} 1)"));
  EXPECT_NE(
      t.find("killswitch_profile_needed{profile=\"CVE-2026-0001\",reason=\"the running kernel 6.1.0-31-amd64 (6.1.129, "
             "Debian 6.1.129-1) is before the fix (6.1.170)\"} 1"),
      std::string::npos)
      << t;
  EXPECT_EQ(t.find("\nkillswitch_tainted "), std::string::npos) << "no taint file to read: no sample, not a 0";
  EXPECT_EQ(t.find("\nkillswitch_refused_commands_total "), std::string::npos);
}

TEST(Families, NeedIsNeededNotNeededOrUnknownNeverAGuess) {
  Snapshot s;
  s.facts = facts("6.1.192-2");
  auto target = std::string("[[target]]\nfunction = \"algif_aead:aead_recvmsg\"\nvalue = \"-EPERM\"\n");
  s.persisted.push_back(make_profile("CVE-2026-0002", kFixedIn170 + target));
  s.persisted.push_back(make_profile("CVE-2026-0003", target));
  auto t = text(s);
  EXPECT_NE(
      t.find(R"(killswitch_profile_needed{profile="CVE-2026-0002",reason="the running kernel 6.1.192 is at or past )"
             R"(6.1.170, which fixes CVE-2026-0002"} 0)"),
      std::string::npos)
      << t;
  EXPECT_TRUE(has_line(t, R"(killswitch_profile_need_known{profile="CVE-2026-0002"} 1)"));
  EXPECT_NE(t.find(R"(killswitch_profile_needed{profile="CVE-2026-0003",reason="this profile does not record)"),
            std::string::npos);
  EXPECT_TRUE(has_line(t, R"(killswitch_profile_need_known{profile="CVE-2026-0003"} 0)"));

  s.facts.reset();  // the kernel could not be read: every need is unknown
  t = text(s);
  EXPECT_TRUE(has_line(t, R"(killswitch_profile_need_known{profile="CVE-2026-0002"} 0)")) << t;
  EXPECT_TRUE(has_line(
      t, R"(killswitch_profile_needed{profile="CVE-2026-0002",reason="the running kernel's version is unknown"} 0)"));
}

TEST(Families, EngagementsCarryTheirLabelsAndTheProfileThatEngagedThem) {
  Snapshot s;
  s.backend = system::Backend::kModule;
  s.tainted = true;
  s.refused = 3;
  s.engagements = *wire::parse_engaged(
      "af_alg:af_alg_sendmsg retval=-1 hits=7 errno=-EPERM module=af_alg state=engaged passes=0 engine=direct\n"
      "af_alg:af_alg_sendmsg.isra.0 retval=-1 hits=1 errno=-EPERM module=af_alg state=engaged passes=0 engine=ftrace\n"
      "__sock_create retval=-97 hits=2 errno=-EAFNOSUPPORT state=engaged passes=40 engine=ftrace if=arg2==38\n"
      "algif_aead:aead_recvmsg retval=-1 hits=0 errno=-EPERM module=algif_aead state=pending passes=0\n");
  // Engaged by the catalog's profile (applied, shown) and one of the same
  // function's value the engaged line does not have (not its).
  s.catalog.push_back(make_profile("CVE-2026-0004",
                                   "[[target]]\nfunction = \"af_alg:af_alg_sendmsg\"\nvalue = \"-EPERM\"\n"
                                   "[[target]]\nfunction = \"algif_aead:aead_recvmsg\"\nvalue = -1\n"));
  s.catalog.push_back(make_profile("CVE-2026-0005", "[[target]]\nfunction = \"__sock_create\"\nvalue = -97\n"));
  auto t = text(s);
  EXPECT_TRUE(has_line(t, "killswitch_up 1"));
  EXPECT_TRUE(has_line(t, "killswitch_tainted 1"));
  EXPECT_TRUE(has_line(t, "killswitch_refused_commands_total 3"));
  EXPECT_TRUE(has_line(t, R"(killswitch_engagement_info{function="af_alg:af_alg_sendmsg",value="-1",errno="-EPERM",)"
                          R"(state="engaged",engine="direct",condition="",profile="CVE-2026-0004"} 1)"))
      << t;
  EXPECT_TRUE(has_line(t, R"(killswitch_engagement_info{function="af_alg:af_alg_sendmsg.isra.0",value="-1",)"
                          R"(errno="-EPERM",state="engaged",engine="ftrace",condition="",profile="CVE-2026-0004"} 1)"))
      << "a clone apply engaged with its function is the profile's too";
  EXPECT_TRUE(has_line(t, R"(killswitch_engagement_info{function="__sock_create",value="-97",errno="-EAFNOSUPPORT",)"
                          R"(state="engaged",engine="ftrace",condition="arg2==38",profile=""} 1)"))
      << "the condition differs from CVE-2026-0005's: engaged by hand";
  EXPECT_TRUE(has_line(t, R"(killswitch_engagement_info{function="algif_aead:aead_recvmsg",value="-1",errno="-EPERM",)"
                          R"(state="pending",engine="",condition="",profile="CVE-2026-0004"} 1)"));
  EXPECT_TRUE(has_line(t, R"(killswitch_engagement_hits_total{function="af_alg:af_alg_sendmsg"} 7)"));
  EXPECT_TRUE(has_line(t, R"(killswitch_engagement_passes_total{function="__sock_create"} 40)"));
  EXPECT_TRUE(has_line(t, R"(killswitch_profile_applied{profile="CVE-2026-0004"} 1)"));
  EXPECT_TRUE(has_line(t, R"(killswitch_profile_persisted{profile="CVE-2026-0004"} 0)"));
  EXPECT_EQ(t.find("CVE-2026-0005"), std::string::npos) << "a catalog profile not applied is not shown";
}

TEST(Families, APersistedProfileAlsoInTheCatalogIsShownOnce) {
  Snapshot s;
  auto body = std::string("[[target]]\nfunction = \"algif_aead:aead_recvmsg\"\nvalue = \"-EPERM\"\n");
  s.persisted.push_back(make_profile("CVE-2026-0001", body));
  s.catalog.push_back(make_profile("CVE-2026-0001", body));
  s.engagements = *wire::parse_engaged("algif_aead:aead_recvmsg retval=-1 hits=0 state=engaged passes=0\n");
  auto t = text(s);
  EXPECT_TRUE(has_line(t, R"(killswitch_profile_persisted{profile="CVE-2026-0001"} 1)"));
  EXPECT_TRUE(has_line(t, R"(killswitch_profile_applied{profile="CVE-2026-0001"} 1)"));
  EXPECT_EQ(t.find(R"(killswitch_profile_persisted{profile="CVE-2026-0001"} 0)"), std::string::npos);
}

TEST(Families, EverySourceHasAnErrorCountAndNoSeriesIsTwice) {
  Snapshot s;
  s.errors = {{"engaged", "cannot read engaged (Permission denied)"},
              {"persisted", "a.toml:1:1: bad"},
              {"persisted", "b.toml:1:1: bad"}};
  s.engagements =
      *wire::parse_engaged("f retval=-1 hits=0 state=engaged passes=0\ng retval=-1 hits=0 state=engaged passes=0\n");
  auto t = text(s);
  EXPECT_TRUE(has_line(t, R"(killswitch_metrics_errors{source="engaged"} 1)")) << t;
  EXPECT_TRUE(has_line(t, R"(killswitch_metrics_errors{source="persisted"} 2)"));
  EXPECT_TRUE(has_line(t, R"(killswitch_metrics_errors{source="refused"} 0)"));
  std::set<std::string> series;
  util::for_each_line(t, [&](std::string_view line) {
    if (line.starts_with("#")) return;
    std::string key(line.substr(0, line.rfind(' ')));
    EXPECT_TRUE(series.insert(key).second) << "twice: " << key;
  });
}

}  // namespace
}  // namespace ks::metrics
