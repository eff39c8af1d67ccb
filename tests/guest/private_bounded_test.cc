// Private, bounded and visible (docs/safety.md): what an unprivileged user
// can learn about the engagements, how many may exist at once, and the
// kernel's own taint flag.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "support/guest.h"
#include "util/file_io.h"

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
  unload_module("killswitch");
  load_module("killswitch", "max_engagements=2");
  ASSERT_FALSE(ks_.engage(target::kInt, -1));
  ASSERT_FALSE(ks_.command(std::string("monitor ") + target::kLong));
  std::string before = engaged_text();
  EXPECT_EQ(ks_.engage(target::kArgs, -1).value(), ENOSPC);
  EXPECT_EQ(ks_.command(std::string("tryengage ") + target::kArgs + " -1 5").value(), ENOSPC);
  EXPECT_EQ(ks_.command("engage killswitch_test:killswitch_test_args -1").value(), ENOSPC);
  EXPECT_EQ(engaged_text(), before);
  EXPECT_NE(kernel_log().find("engage killswitch_test_args refused: the limit of engagements is reached"),
            std::string::npos);
  // Room again once one is gone.
  ASSERT_FALSE(ks_.disengage(target::kInt));
  EXPECT_FALSE(ks_.engage(target::kArgs, -1));
}

TEST_F(LimitTest, TheLimitCannotBeRaisedAboveTheDocumentedMaximum) {
  unload_module("killswitch");
  EXPECT_NE(sh("modprobe killswitch max_engagements=1025"), 0);
  EXPECT_FALSE(module_loaded("killswitch"));
  load_module("killswitch", "max_engagements=1024");
  EXPECT_EQ(util::read_text("/sys/module/killswitch/parameters/max_engagements").value_or(""), "1024\n");
}

using KernelTaintTest = KillswitchTest;

// Bit 15 of /proc/sys/kernel/tainted, 'K' on the Tainted: line of an oops.
constexpr long kTaintRuntimeChanged = 1L << 15;

long kernel_taint() { return util::read_long("/proc/sys/kernel/tainted").value_or(-1); }

TEST_F(KernelTaintTest, TheFirstEngagementTaintsTheKernelForGood) {
  ASSERT_EQ(kernel_taint() & kTaintRuntimeChanged, 0) << "tainted K before anything was engaged";
  ASSERT_FALSE(ks_.command(std::string("monitor ") + target::kInt));
  EXPECT_EQ(kernel_taint() & kTaintRuntimeChanged, kTaintRuntimeChanged);
  ASSERT_FALSE(ks_.disengage_all());
  unload_module("killswitch");
  EXPECT_EQ(kernel_taint() & kTaintRuntimeChanged, kTaintRuntimeChanged) << "the kernel forgot";
  load_module("killswitch");
}

}  // namespace
}  // namespace ks::guest
