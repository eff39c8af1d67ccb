#include "profile/versions.h"

#include <cctype>
#include <charconv>

extern "C" {
#define LIBDPKG_VOLATILE_API 1
#include <dpkg/dpkg-db.h>
#include <dpkg/version.h>
}

namespace ks::profile {

std::string UpstreamVersion::str() const {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += '.';
    out += std::to_string(parts[i]);
  }
  return out;
}

std::string UpstreamVersion::series() const {
  UpstreamVersion two{{parts.begin(), parts.begin() + std::min<size_t>(2, parts.size())}};
  return two.str();
}

util::Result<UpstreamVersion> parse_upstream_version(std::string_view text) {
  UpstreamVersion v;
  size_t i = 0;
  while (true) {
    size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (i == start) break;
    long n = 0;
    auto [ptr, ec] = std::from_chars(text.data() + start, text.data() + i, n);
    if (ec != std::errc()) return util::fail("number out of range in \"" + std::string(text) + "\"");
    v.parts.push_back(n);
    if (i < text.size() && text[i] == '.' && i + 1 < text.size() &&
        std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
      ++i;
      continue;
    }
    break;
  }
  if (v.parts.size() < 2) return util::fail("\"" + std::string(text) + "\" is not a kernel version like 6.1.170");
  return v;
}

int compare_upstream(const UpstreamVersion& a, const UpstreamVersion& b) {
  size_t n = std::max(a.parts.size(), b.parts.size());
  for (size_t i = 0; i < n; ++i) {
    long x = i < a.parts.size() ? a.parts[i] : 0;
    long y = i < b.parts.size() ? b.parts[i] : 0;
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

namespace {

// libdpkg reports errors through a struct that owns a malloc'd string.
util::Result<dpkg_version> parse_debian(std::string_view text) {
  std::string copy(text);
  dpkg_version v{};
  dpkg_error err{};
  if (parseversion(&v, copy.c_str(), &err) < 0 || err.type == DPKG_MSG_WARN) {
    std::string what = err.str ? err.str : "malformed";
    dpkg_error_destroy(&err);
    return util::fail("\"" + copy + "\" is not a Debian version: " + what);
  }
  return v;
}

}  // namespace

util::Result<void> check_debian_version(std::string_view text) {
  auto v = parse_debian(text);
  if (!v) return util::fail(v.error());
  return {};
}

util::Result<int> compare_debian(std::string_view a, std::string_view b) {
  auto va = parse_debian(a);
  if (!va) return util::fail(va.error());
  auto vb = parse_debian(b);
  if (!vb) return util::fail(vb.error());
  int r = dpkg_version_compare(&*va, &*vb);
  return r < 0 ? -1 : (r > 0 ? 1 : 0);
}

}  // namespace ks::profile
