// Private, bounded and visible (docs/safety.md): what an unprivileged user
// can learn about the engagements, how many may exist at once, and the
// kernel's own taint flag.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <string>
#include <vector>

#include "support/guest.h"
#include "support/module_functions.h"
#include "util/file_io.h"

extern "C" {
#include "uapi/killswitch.h"
}

namespace ks::guest {
namespace {

using PrivateTest = KillswitchTest;

// 0 when @path cannot be opened for reading, and fails with EACCES.
int refused_to_read(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::close(fd);
    return 1;
  }
  return errno == EACCES ? 0 : 2;
}

// The list of engagements tells an attacker which holes this host has not
// patched: nobody but root may read it, list fn/ or look up a guessed name.
TEST_F(PrivateTest, AnUnprivilegedUserCannotLearnWhatIsEngaged) {
  ASSERT_FALSE(ks_.engage(target::kInt, -1));
  const std::string root = ks_.root().string();
  int status = in_child([&] {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) return 100;
    if (refused_to_read(root + "/engaged")) return 1;
    if (refused_to_read(root + "/taint")) return 2;
    DIR* fn = ::opendir((root + "/fn").c_str());
    if (fn) {
      ::closedir(fn);
      return 3;
    }
    if (errno != EACCES) return 4;
    struct stat st;
    if (::stat((root + "/fn/" + target::kInt + "/state").c_str(), &st) == 0 || errno != EACCES) return 5;
    return 0;
  });
  EXPECT_EQ(status, 0) << "100: could not drop to uid 65534; 1-5: a file or fn/ was readable to uid 65534";
  // Root still reads everything.
  auto lines = ks_.engaged();
  ASSERT_TRUE(lines);
  EXPECT_EQ(lines->size(), 1u);
  EXPECT_EQ(util::read_text(ks_.fn_dir(target::kInt) / "state").value_or(""), "engaged\n");
}

using LimitTest = KillswitchTest;

TEST_F(LimitTest, EngagementsBeyondTheLimitAreEnospcAndChangeNothing) {
  KS_SKIP_IF_BUILTIN();
  unload_module("killswitch");
  load_module("killswitch", "max_engagements=2");
  ASSERT_FALSE(ks_.engage(target::kInt, -1));
  ASSERT_FALSE(ks_.command(std::string("monitor ") + target::kLong));
  std::string before = engaged_text();
  EXPECT_EQ(ks_.engage(target::kArgs, -1).value(), ENOSPC);
  EXPECT_EQ(ks_.command(std::string("tryengage ") + target::kArgs + " -1 5").value(), ENOSPC);
  EXPECT_EQ(ks_.command("engage test_killswitch:test_killswitch_args -1").value(), ENOSPC);
  EXPECT_EQ(engaged_text(), before);
  EXPECT_NE(kernel_log().find("engage test_killswitch_args refused: the limit of engagements is reached"),
            std::string::npos);
  // Room again once one is gone.
  ASSERT_FALSE(ks_.disengage(target::kInt));
  EXPECT_FALSE(ks_.engage(target::kArgs, -1));
}

TEST_F(LimitTest, TheLimitCannotBeRaisedAboveTheDocumentedMaximum) {
  KS_SKIP_IF_BUILTIN();
  unload_module("killswitch");
  EXPECT_NE(sh("modprobe killswitch max_engagements=1025"), 0);
  EXPECT_FALSE(module_loaded("killswitch"));
  load_module("killswitch", "max_engagements=1024");
  EXPECT_EQ(util::read_text("/sys/module/killswitch/parameters/max_engagements").value_or(""), "1024\n");
}

// The maximum, then disengage_all: every probe is taken out under one RCU
// grace period, so ks_lock is held for seconds, far from the hung-task
// timeout (120 s); the harness fails the run on any warning or stall.
TEST_F(LimitTest, TheMaximumIsReachedAndTakenDownWithoutAWarning) {
  load_module("xfs");
  mount_tracefs();
  std::vector<std::string> functions;
  for (const auto& name : module_functions("xfs", KS_MAX_ENGAGEMENTS + 1)) functions.push_back("xfs:" + name);
  ASSERT_EQ(functions.size(), static_cast<size_t>(KS_MAX_ENGAGEMENTS) + 1) << "xfs has enough functions";
  for (int i = 0; i < KS_MAX_ENGAGEMENTS; ++i) ASSERT_FALSE(ks_.command("monitor " + functions[i])) << functions[i];
  EXPECT_EQ(ks_.command("monitor " + functions[KS_MAX_ENGAGEMENTS]).value(), ENOSPC);
  auto lines = ks_.engaged();
  ASSERT_TRUE(lines);
  EXPECT_EQ(lines->size(), static_cast<size_t>(KS_MAX_ENGAGEMENTS));
  auto start = std::chrono::steady_clock::now();
  ASSERT_FALSE(ks_.disengage_all());
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(engaged_text(), "");
  EXPECT_LT(seconds, 60) << "disengage_all of the maximum held ks_lock too long";
  RecordProperty("disengage_all_seconds", static_cast<int>(seconds));
}

using KernelTaintTest = KillswitchTest;

long kernel_taint() { return util::read_long("/proc/sys/kernel/tainted").value_or(-1); }

// Killswitch's bit of /proc/sys/kernel/tainted ('K' for the module, 'Z' built in).
TEST_F(KernelTaintTest, TheFirstEngagementTaintsTheKernelForGood) {
  const long bit = kernel_ids().taint_bit;
  ASSERT_EQ(kernel_taint() & bit, 0) << "tainted " << kernel_ids().taint_letter << " before anything was engaged";
  ASSERT_FALSE(ks_.command(std::string("monitor ") + target::kInt));
  EXPECT_EQ(kernel_taint() & bit, bit);
  ASSERT_FALSE(ks_.disengage_all());
  EXPECT_EQ(kernel_taint() & bit, bit) << "the kernel forgot";
  if (killswitch_builtin()) return;
  unload_module("killswitch");
  EXPECT_EQ(kernel_taint() & bit, bit) << "the kernel forgot";
  load_module("killswitch");
}

}  // namespace
}  // namespace ks::guest
