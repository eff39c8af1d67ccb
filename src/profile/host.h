// What the profiles need to know about the running kernel, read through one
// interface. HostFs reads the real files under a root path ("/" on a real
// system, a fixture tree in tests).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace ks::profile {

class Host {
 public:
  virtual ~Host() = default;
  // The kernel release, as uname -r prints it: /proc/sys/kernel/osrelease.
  virtual tl::expected<std::string, std::string> release() const = 0;
  // /proc/version, which on Debian names the package version.
  virtual tl::expected<std::string, std::string> proc_version() const = 0;
  // The distribution's kernel changelog for @release, decompressed, and the
  // path it came from; nullopt when the package installed none.
  struct Changelog {
    std::string path;
    std::string text;
  };
  virtual tl::expected<std::optional<Changelog>, std::string> kernel_changelog(std::string_view release) const = 0;
};

class HostFs : public Host {
 public:
  explicit HostFs(std::filesystem::path root = "/") : root_(std::move(root)) {}

  tl::expected<std::string, std::string> release() const override;
  tl::expected<std::string, std::string> proc_version() const override;
  tl::expected<std::optional<Changelog>, std::string> kernel_changelog(std::string_view release) const override;

 private:
  std::filesystem::path root_;
};

// Reads a gzip file whole (zlib); an error names the file.
tl::expected<std::string, std::string> read_gzip(const std::filesystem::path& path);

}  // namespace ks::profile
