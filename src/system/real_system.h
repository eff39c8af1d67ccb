// The system as files under a root: "/" on a real machine, a fixture tree in tests.
#pragma once

#include <filesystem>

#include "system/system.h"

namespace ks::system {

class RealSystem : public System {
 public:
  explicit RealSystem(std::filesystem::path root = "/");

  util::Result<std::string> kallsyms() const override;
  util::Result<std::string> traceable_functions() const override;
  util::Result<std::string> kprobe_blacklist() const override;
  util::Result<std::string> modules() const override;
  util::Result<std::filesystem::path> btf_file(std::string_view object) const override;
  util::Result<std::string> lockdown() const override;
  util::Result<std::string> kernel_taint() const override;
  util::Result<std::string> secure_boot_variable() const override;
  util::Result<std::filesystem::path> module_file(std::string_view module) const override;
  util::Result<std::string> module_version(std::string_view module) const override;
  util::Result<std::string> kernel_release() const override;
  util::Result<std::string> proc_version() const override;
  util::Result<std::optional<Changelog>> kernel_changelog(std::string_view release) const override;
  bool killswitch_present() const override;
  bool module_parameter_exists(std::string_view module, std::string_view parameter) const override;
  util::Result<std::string> killswitch_read(std::string_view path) const override;
  util::Result<void> killswitch_write(std::string_view path, std::string_view text) override;
  std::string describe() const override;

  // @path as on a real system ("/etc/killswitch"), under the root.
  std::filesystem::path under_root(std::string_view path) const;

 private:
  // @path is absolute as on a real system ("/proc/kallsyms"); read under root_.
  util::Result<std::string> read(std::string_view path) const;

  std::filesystem::path root_;
};

}  // namespace ks::system
