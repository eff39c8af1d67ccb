#include "util/file_io.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>

namespace ks::util {

std::error_code last_error() { return {errno, std::generic_category()}; }

std::error_code write_once(const std::filesystem::path& path, std::string_view text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return last_error();
  ssize_t n = ::write(fd, text.data(), text.size());
  std::error_code err = n < 0 ? last_error() : std::error_code{};
  if (!err && static_cast<size_t>(n) != text.size()) err = std::make_error_code(std::errc::io_error);
  ::close(fd);
  return err;
}

tl::expected<std::string, std::error_code> read_text(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return tl::unexpected(last_error());
  std::string text;
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      auto err = last_error();
      ::close(fd);
      return tl::unexpected(err);
    }
    if (n == 0) break;
    text.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return text;
}

tl::expected<long, std::error_code> read_long(const std::filesystem::path& path) {
  auto text = read_text(path);
  if (!text) return tl::unexpected(text.error());
  long value = 0;
  const char* end = text->data() + text->size();
  auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc{} || (ptr != end && *ptr != '\n'))
    return tl::unexpected(std::make_error_code(std::errc::bad_message));
  return value;
}

}  // namespace ks::util
