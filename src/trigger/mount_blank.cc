#include "trigger/mount_blank.h"

#include <fcntl.h>
#include <linux/loop.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/syscall.h>

#include <cstdlib>

namespace ks::trigger {
namespace {

constexpr off_t kBlankSize = 16 << 20;

struct LoopDevice {
  int fd;
  std::string path;  // /dev/loopN
};

// A read-only loop device over a zero-filled memory file; it goes away with
// its last descriptor (autoclear).
util::Result<LoopDevice> blank_loop_device() {
  Fd backing(::memfd_create("ks-trigger-blank", MFD_CLOEXEC));
  if (backing.get() < 0) return failed("memfd_create");
  if (::ftruncate(backing.get(), kBlankSize) != 0) return failed("ftruncate");
  Fd control(::open("/dev/loop-control", O_RDWR | O_CLOEXEC));
  if (control.get() < 0) return failed("open(/dev/loop-control)");
  int n = ::ioctl(control.get(), LOOP_CTL_GET_FREE);
  if (n < 0) return failed("ioctl(LOOP_CTL_GET_FREE)");
  std::string path = "/dev/loop" + std::to_string(n);
  int loop = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (loop < 0) return failed("open(" + path + ")");
  loop_config config{};
  config.fd = static_cast<__u32>(backing.get());
  config.info.lo_flags = LO_FLAGS_READ_ONLY | LO_FLAGS_AUTOCLEAR;
  if (::ioctl(loop, LOOP_CONFIGURE, &config) != 0) {
    int saved = errno;
    ::close(loop);
    errno = saved;
    return failed("ioctl(LOOP_CONFIGURE)");
  }
  return LoopDevice{loop, path};
}

}  // namespace

Trip fs_open(const std::string& fstype) {
  Fd fd(static_cast<int>(::syscall(SYS_fsopen, fstype.c_str(), 0)));
  if (fd.get() < 0) return failed("fsopen(" + fstype + ")");
  return {};
}

Trip mount_blank(const std::string& fstype) {
  auto device = blank_loop_device();
  if (!device) return util::fail(device.error());
  Fd loop(device->fd);
  char dir[] = "/tmp/ks-trigger.XXXXXX";
  if (!::mkdtemp(dir)) return failed("mkdtemp");
  Trip trip = {};
  if (::mount(device->path.c_str(), dir, fstype.c_str(), MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) != 0)
    trip = failed("mount(" + fstype + ")");
  else
    ::umount2(dir, MNT_DETACH);
  ::rmdir(dir);
  return trip;
}

util::Result<Trip> fs_open_from_words(const std::vector<std::string>& words) {
  if (words.size() != 1) return util::fail("fsopen takes <fstype>");
  return fs_open(words[0]);
}

util::Result<Trip> mount_blank_from_words(const std::vector<std::string>& words) {
  if (words.size() != 1) return util::fail("mount takes <fstype>");
  return mount_blank(words[0]);
}

}  // namespace ks::trigger
