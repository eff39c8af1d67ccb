// killswitch metrics on the real module: hits counted as the calls are
// made, each refused write counted once, profiles applied and needed on
// this kernel, written atomically for node_exporter's textfile collector;
// and the same without killswitch loaded, and not as root.
#include <fcntl.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <optional>
#include <string>

#include "support/guest.h"
#include "support/tool.h"
#include "util/file_io.h"

namespace ks::guest {
namespace {

constexpr const char* kDir = "/tmp/ks-metrics";
constexpr const char* kOutput = "/tmp/ks-metrics/textfile/killswitch.prom";

// Needed on every kernel the suite runs: fixed only in stable releases far ahead.
constexpr const char* kNeeded = R"(id = "CVE-2026-90001"
title = "metrics test: needed"
summary = "the test target's int function"
[fixed]
upstream = ["6.1.9999", "6.12.9999"]
[[target]]
function = "test_killswitch:test_killswitch_int"
value = "-EPERM"
[behaviour]
preserves = "everything else"
breaks = "test_killswitch_int"
)";

// Not needed anywhere: the bug would come in with a kernel far ahead.
constexpr const char* kNotNeeded = R"(id = "CVE-2026-90002"
title = "metrics test: not needed"
summary = "the test target's long function"
[affected]
introduced = "99.0"
[[target]]
function = "test_killswitch:test_killswitch_long"
value = "-EPERM"
[behaviour]
preserves = "everything else"
breaks = "test_killswitch_long"
)";

class MetricsTest : public KillswitchTest {
 protected:
  void SetUp() override {
    KillswitchTest::SetUp();
    ASSERT_EQ(sh(std::string("rm -rf ") + kDir + " && mkdir -p " + kDir + "/persist " + kDir + "/catalog " + kDir +
                 "/textfile"),
              0);
    ASSERT_TRUE(write(std::string(kDir) + "/persist/CVE-2026-90001.toml", kNeeded));
    ASSERT_TRUE(write(std::string(kDir) + "/persist/CVE-2026-90002.toml", kNotNeeded));
  }
  static bool write(const std::string& path, const std::string& text) {
    return sh("cat >" + path + " <<'EOF'\n" + text + "EOF") == 0;
  }
  // The tool with this test's persist folder and an empty catalog.
  static ToolRun ks(const std::string& args) {
    return tool(std::string("--persist-dir ") + kDir + "/persist --catalog " + kDir + "/catalog " + args);
  }
  // The value of one series ("name" or "name{labels}"), if the text has it.
  static std::optional<unsigned long> value(const std::string& text, const std::string& series) {
    auto at = ("\n" + text).find("\n" + series + " ");
    if (at == std::string::npos) return std::nullopt;
    return std::strtoul(text.c_str() + at + series.size() + 1, nullptr, 10);
  }
  static std::string release() {
    struct utsname u {};
    ::uname(&u);
    return u.release;
  }
};

TEST_F(MetricsTest, HitsRefusalsAndProfilesAreCountedAsTheyHappen) {
  auto before = ks("metrics");
  ASSERT_EQ(before.status, 0) << before.err;
  auto refused_before = value(before.out, "killswitch_refused_commands_total");
  ASSERT_TRUE(refused_before) << before.out;

  auto applied = ks(std::string("apply ") + kDir + "/persist");
  ASSERT_EQ(applied.status, 0) << applied.out << applied.err;
  for (int i = 0; i < 3; ++i) EXPECT_EQ(target::call_int(), -EPERM);
  EXPECT_TRUE(ks_.command("engage no_such_function_anywhere 1"));

  auto run = ks(std::string("metrics --output ") + kOutput);
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, "") << "--output prints nothing";
  std::string text = util::read_text(kOutput).value_or("");
  const std::string fn = "test_killswitch:test_killswitch_int";
  EXPECT_EQ(value(text, "killswitch_up"), 1u) << text;
  EXPECT_EQ(value(text, "killswitch_tainted"), 1u);
  EXPECT_EQ(value(text, "killswitch_refused_commands_total"), *refused_before + 1);
  EXPECT_EQ(value(text, R"(killswitch_engagement_hits_total{function=")" + fn + R"("})"), 3u);
  EXPECT_EQ(value(text, R"(killswitch_engagement_passes_total{function=")" + fn + R"("})"), 0u);
  auto info = text.find(R"(killswitch_engagement_info{function=")" + fn +
                        R"(",value="-1",errno="-EPERM",)"
                        R"(state="engaged",engine=")");
  ASSERT_NE(info, std::string::npos) << text;
  auto rest = text.find("condition=", info);
  EXPECT_EQ(text.substr(rest, text.find('\n', rest) - rest), R"(condition="",profile="CVE-2026-90001"} 1)");
  EXPECT_NE(text.find(R"(killswitch_kernel_info{release=")" + release() + R"(",debian_version=")"), std::string::npos);
  EXPECT_EQ(value(text, "killswitch_persisted_profiles"), 2u);
  EXPECT_EQ(value(text, R"(killswitch_profile_applied{profile="CVE-2026-90001"})"), 1u);
  EXPECT_EQ(value(text, R"(killswitch_profile_applied{profile="CVE-2026-90002"})"), 0u);
  EXPECT_EQ(value(text, R"(killswitch_profile_need_known{profile="CVE-2026-90001"})"), 1u);
  EXPECT_EQ(value(text, R"(killswitch_profile_need_known{profile="CVE-2026-90002"})"), 1u);
  EXPECT_NE(text.find(R"(killswitch_profile_needed{profile="CVE-2026-90001",reason="the running kernel )"),
            std::string::npos);
  EXPECT_NE(text.find(R"(killswitch_profile_needed{profile="CVE-2026-90002",reason="the running kernel )"),
            std::string::npos);
  EXPECT_NE(text.find("is before the fix (6.1"), std::string::npos);
  EXPECT_NE(text.find(R"(predates 99.0, where the bug came in"} 0)"), std::string::npos) << text;
  for (const char* source : {"catalog", "engaged", "kernel", "kernel_taint", "persisted", "refused", "taint"})
    EXPECT_EQ(value(text, std::string(R"(killswitch_metrics_errors{source=")") + source + R"("})"), 0u) << source;

  // Each refused write counts once more; accepted ones do not.
  EXPECT_TRUE(ks_.command("engage x"));
  EXPECT_TRUE(ks_.command(std::string("engage ") + target::kVoid + " -1"));
  EXPECT_FALSE(ks_.engage(target::kLong, -1));
  auto after = ks("metrics");
  EXPECT_EQ(value(after.out, "killswitch_refused_commands_total"), *refused_before + 3);
}

TEST_F(MetricsTest, WithoutKillswitchTheKernelAndTheNeedsAreStillThere) {
  KS_SKIP_IF_BUILTIN();
  unload_module("killswitch");
  auto run = ks("metrics");
  load_module("killswitch");
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(value(run.out, "killswitch_up"), 0u) << run.out;
  EXPECT_NE(run.out.find(R"(killswitch_info{version=")"), std::string::npos);
  EXPECT_NE(run.out.find(R"(",backend="none"} 1)"), std::string::npos);
  EXPECT_NE(run.out.find(R"(killswitch_kernel_info{release=")" + release() + "\""), std::string::npos);
  EXPECT_EQ(value(run.out, R"(killswitch_profile_applied{profile="CVE-2026-90001"})"), 0u);
  EXPECT_EQ(value(run.out, R"(killswitch_profile_need_known{profile="CVE-2026-90001"})"), 1u);
  EXPECT_EQ(run.out.find("\nkillswitch_refused_commands_total "), std::string::npos) << "nothing to count";
}

// Not root: killswitch's files are root's alone, and the scrape says so.
TEST_F(MetricsTest, NotRootTheUnreadableFilesAreErrorsNotAnEmptyAnswer) {
  std::string out = std::string(kDir) + "/textfile/nobody.prom";
  // The guest's initramfs root is 0700: let nobody through to the tool and /tmp.
  ASSERT_EQ(sh("chmod 755 /"), 0);
  int status = in_child([&] {
    int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || ::dup2(fd, 1) < 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0) return 100;
    std::string persist = std::string(kDir) + "/persist";
    ::execl(kTool, kTool, "--persist-dir", persist.c_str(), "metrics", static_cast<char*>(nullptr));
    return 101;
  });
  sh("chmod 700 /");
  EXPECT_EQ(status, 7) << "100: setup failed, 101: exec failed";
  std::string text = util::read_text(out).value_or("");
  EXPECT_EQ(value(text, "killswitch_up"), 1u) << text;
  EXPECT_EQ(value(text, R"(killswitch_metrics_errors{source="engaged"})"), 1u);
  EXPECT_EQ(value(text, R"(killswitch_metrics_errors{source="taint"})"), 1u);
  EXPECT_EQ(value(text, R"(killswitch_metrics_errors{source="refused"})"), 1u);
  EXPECT_EQ(value(text, R"(killswitch_metrics_errors{source="kernel"})"), 0u);
  EXPECT_EQ(value(text, R"(killswitch_profile_need_known{profile="CVE-2026-90001"})"), 1u);
}

}  // namespace
}  // namespace ks::guest
