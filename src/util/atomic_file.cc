#include "util/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>

namespace ks::util {
namespace {

// Writes all of @text, resuming short writes.
std::error_code write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return last_error();
    text.remove_prefix(static_cast<size_t>(n));
  }
  return {};
}

}  // namespace

Result<void> replace_atomically(const std::filesystem::path& path, std::string_view text, mode_t mode) {
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  // In the same directory: rename() is atomic only within one file system.
  std::string tmp = (dir / ("." + path.filename().string() + ".XXXXXX")).string();
  int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) return fail("cannot create a file in " + dir.string(), last_error());
  std::error_code err = ::fchmod(fd, mode) != 0 ? last_error() : write_all(fd, text);
  // The data is on disk before the name points at it: no empty file after a crash.
  if (!err && ::fsync(fd) != 0) err = last_error();
  if (::close(fd) != 0 && !err) err = last_error();
  if (!err && ::rename(tmp.c_str(), path.c_str()) != 0) err = last_error();
  if (err) {
    ::unlink(tmp.c_str());
    return fail("cannot write " + path.string(), err);
  }
  // The rename itself, made durable; a failure here changes nothing already done.
  if (int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return {};
}

}  // namespace ks::util
