// killswitch metrics on the fake kernel: with and without killswitch, as
// root and not, after apply and a refused command, and --output's atomic
// replacement.
#include "commands/metrics.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>

#include "commands/apply.h"
#include "commands/exit_codes.h"
#include "commands/persist.h"
#include "support/fixture.h"
#include "support/sample_profile.h"
#include "support/temp_tree.h"
#include "util/file_io.h"

namespace ks::commands {
namespace {

class MetricsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sys_.release_text = "6.1.0-31-amd64";
    sys_.proc_version_text = "Linux version 6.1.0-31-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.129-1 (2026-01-01)";
    tree_.write("catalog/CVE-2026-31431.toml", testing::kSampleProfile);
    ctx_.paths.catalog_dirs = {tree_.root() / "catalog"};
    ctx_.paths.persist_dir = tree_.root() / "persist";
  }
  bool has_line(const std::string& line) const {
    return ("\n" + out_.str()).find("\n" + line + "\n") != std::string::npos;
  }

  testing::TempTree tree_;
  testing::FakeSystem sys_ = testing::fixture_fake();
  std::ostringstream out_, err_;
  Context ctx_{sys_, out_, err_};
};

TEST_F(MetricsTest, WithoutKillswitchTheKernelAndPersistedNeedsAreStillThere) {
  sys_.present = false;
  ASSERT_EQ(run_persist({{"CVE-2026-31431"}}, ctx_), kExitOk) << err_.str();
  out_.str("");
  EXPECT_EQ(run_metrics({}, ctx_), kExitOk) << err_.str();
  EXPECT_TRUE(has_line("killswitch_up 0")) << out_.str();
  EXPECT_TRUE(has_line(R"(killswitch_info{version=")" KS_VERSION R"(",backend="none"} 1)"));
  EXPECT_TRUE(has_line(R"(killswitch_kernel_info{release="6.1.0-31-amd64",debian_version="6.1.129-1"} 1)"));
  EXPECT_TRUE(has_line("killswitch_persisted_profiles 1"));
  EXPECT_TRUE(has_line(R"(killswitch_profile_applied{profile="CVE-2026-31431"} 0)"));
  EXPECT_TRUE(has_line(R"(killswitch_profile_need_known{profile="CVE-2026-31431"} 1)"));
  EXPECT_NE(out_.str().find(R"(killswitch_profile_needed{profile="CVE-2026-31431",reason=")"), std::string::npos);
  EXPECT_TRUE(has_line(R"(killswitch_metrics_errors{source="engaged"} 0)")) << "not loaded is no read error";
}

TEST_F(MetricsTest, AfterApplyAndARefusedCommandEverythingIsCounted) {
  ASSERT_EQ(run_apply({{"CVE-2026-31431"}}, ctx_), kExitOk) << err_.str();
  sys_.refuse["vfs_read"] = EACCES;
  EXPECT_FALSE(sys_.killswitch_write("control", "engage vfs_read -1\n"));
  sys_.find("algif_aead:aead_recvmsg")->hits = 5;
  out_.str("");
  EXPECT_EQ(run_metrics({}, ctx_), kExitOk) << err_.str();
  EXPECT_TRUE(has_line("killswitch_up 1"));
  EXPECT_TRUE(has_line("killswitch_tainted 1"));
  EXPECT_TRUE(has_line("killswitch_refused_commands_total 1"));
  EXPECT_TRUE(has_line(R"(killswitch_engagement_info{function="algif_aead:aead_recvmsg",value="-1",errno="",)"
                       R"(state="engaged",engine="",condition="",profile="CVE-2026-31431"} 1)"))
      << out_.str();
  EXPECT_TRUE(has_line(R"(killswitch_engagement_hits_total{function="algif_aead:aead_recvmsg"} 5)"));
  EXPECT_TRUE(has_line(R"(killswitch_profile_applied{profile="CVE-2026-31431"} 1)"));
  EXPECT_TRUE(has_line(R"(killswitch_profile_persisted{profile="CVE-2026-31431"} 0)"));
}

TEST_F(MetricsTest, NotRootTheUnreadableFilesShowAsErrorsAndExitSeven) {
  sys_.unreadable = {"engaged", "taint", "refused"};
  EXPECT_EQ(run_metrics({}, ctx_), kExitSystem);
  EXPECT_TRUE(has_line("killswitch_up 1"));
  EXPECT_TRUE(has_line(R"(killswitch_metrics_errors{source="engaged"} 1)")) << out_.str();
  EXPECT_TRUE(has_line(R"(killswitch_metrics_errors{source="refused"} 1)"));
  EXPECT_TRUE(has_line(R"(killswitch_metrics_errors{source="taint"} 1)"));
  EXPECT_NE(err_.str().find("killswitch metrics: engaged: "), std::string::npos) << err_.str();
}

TEST_F(MetricsTest, AMalformedPersistedProfileIsAnErrorNotASilentGap) {
  tree_.write("persist/broken.toml", "id = \n");
  EXPECT_EQ(run_metrics({}, ctx_), kExitSystem);
  EXPECT_TRUE(has_line("killswitch_persisted_profiles 1"));
  EXPECT_TRUE(has_line(R"(killswitch_metrics_errors{source="persisted"} 1)")) << out_.str();
  EXPECT_NE(err_.str().find("broken.toml"), std::string::npos);
}

TEST_F(MetricsTest, OutputReplacesTheFileWithWhatStdoutWouldShow) {
  ASSERT_EQ(run_metrics({}, ctx_), kExitOk);
  auto file = tree_.write("textfile/killswitch.prom", "old\n");
  std::string printed = out_.str();
  out_.str("");
  EXPECT_EQ(run_metrics({file.string()}, ctx_), kExitOk) << err_.str();
  EXPECT_EQ(out_.str(), "") << "nothing on stdout with --output";
  EXPECT_EQ(util::read_text(file).value(), printed);
}

TEST_F(MetricsTest, AFailedOutputExitsSevenAndKeepsTheOldFile) {
  auto file = tree_.write("textfile/killswitch.prom", "old\n");
  struct rlimit saved {};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit tiny = saved;
  tiny.rlim_cur = 16;  // as a full disk would: the write stops part-way
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &tiny), 0);
  int code = run_metrics({file.string()}, ctx_);
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, old_handler);
  EXPECT_EQ(code, kExitSystem);
  EXPECT_EQ(util::read_text(file).value(), "old\n");
  EXPECT_NE(err_.str().find("the old file is unchanged"), std::string::npos) << err_.str();
  EXPECT_EQ(run_metrics({(tree_.root() / "no-such-folder/killswitch.prom").string()}, ctx_), kExitSystem);
}

}  // namespace
}  // namespace ks::commands
