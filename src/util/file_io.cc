#include "util/file_io.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <charconv>

namespace ks::util {
Result<void> write_once(const std::filesystem::path& path, std::string_view text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return fail("cannot open " + path.string(), last_error());
  ssize_t n = ::write(fd, text.data(), text.size());
  std::error_code err = n < 0 ? last_error() : std::error_code{};
  if (!err && static_cast<size_t>(n) != text.size()) err = std::make_error_code(std::errc::io_error);
  ::close(fd);
  if (err) return fail("cannot write " + path.string(), err);
  return {};
}

Result<std::string> read_text(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail("cannot read " + path.string(), last_error());
  std::string text;
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      auto err = last_error();
      ::close(fd);
      return fail("cannot read " + path.string(), err);
    }
    if (n == 0) break;
    text.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return text;
}

Result<long> read_long(const std::filesystem::path& path) {
  KS_TRY_ASSIGN(std::string text, read_text(path));
  long value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || (ptr != end && *ptr != '\n'))
    return fail(path.string() + " does not hold a number", std::make_error_code(std::errc::bad_message));
  return value;
}

Result<std::string> read_gzip(const std::filesystem::path& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return fail("cannot read " + path.string(), last_error());
  std::string out;
  char buf[65536];
  int n;
  while ((n = gzread(f, buf, sizeof(buf))) > 0) out.append(buf, n);
  // A truncated file reads short without n < 0: gzerror tells.
  int err = Z_OK;
  const char* msg = gzerror(f, &err);
  std::string what = msg ? msg : "";
  gzclose(f);
  if (n < 0 || err != Z_OK) return fail(path.string() + ": not a readable gzip file: " + what);
  return out;
}

}  // namespace ks::util
