#include "profile/host.h"

#include <zlib.h>

#include <cerrno>
#include <cstring>

#include "util/file_io.h"

namespace ks::profile {

namespace {

tl::expected<std::string, std::string> read_file(const std::filesystem::path& path) {
  auto text = util::read_text(path);
  if (!text) return tl::unexpected(path.string() + ": " + text.error().message());
  return *text;
}

std::string trim_newline(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

tl::expected<std::string, std::string> read_gzip(const std::filesystem::path& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return tl::unexpected(path.string() + ": " + std::strerror(errno));
  std::string out;
  char buf[65536];
  int n;
  while ((n = gzread(f, buf, sizeof(buf))) > 0) out.append(buf, n);
  // A truncated file reads short without n < 0: gzerror tells.
  int err = Z_OK;
  const char* msg = gzerror(f, &err);
  std::string what = msg ? msg : "";
  gzclose(f);
  if (n < 0 || err != Z_OK) return tl::unexpected(path.string() + ": not a readable gzip file: " + what);
  return out;
}

tl::expected<std::string, std::string> HostFs::release() const {
  auto text = read_file(root_ / "proc/sys/kernel/osrelease");
  if (!text) return text;
  return trim_newline(*text);
}

tl::expected<std::string, std::string> HostFs::proc_version() const {
  auto text = read_file(root_ / "proc/version");
  if (!text) return text;
  return trim_newline(*text);
}

tl::expected<std::optional<Host::Changelog>, std::string> HostFs::kernel_changelog(std::string_view release) const {
  // Debian installs changelog.Debian.gz; the signed image package of some
  // releases ships it as changelog.gz.
  auto doc = root_ / "usr/share/doc" / ("linux-image-" + std::string(release));
  for (const char* name : {"changelog.Debian.gz", "changelog.gz"}) {
    auto path = doc / name;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) continue;
    auto text = read_gzip(path);
    if (!text) return tl::unexpected(text.error());
    // Report the path as seen on the host, not under the fixture root.
    return Changelog{"/" + std::filesystem::relative(path, root_).string(), std::move(*text)};
  }
  return std::optional<Changelog>();
}

}  // namespace ks::profile
