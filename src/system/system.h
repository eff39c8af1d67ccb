// The one interface through which the tool sees the running system: the
// symbol table, what ftrace and kprobes accept, BTF, loaded modules,
// lockdown, the running kernel's release and distribution changelog, and
// the killswitch securityfs files. RealSystem reads them under a root path
// (a fixture tree in tests); the unit tests' FakeSystem (tests/support)
// keeps them in memory and models the control file.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "util/error.h"

namespace ks::system {

// A distribution's kernel changelog, decompressed, and where it was found.
struct Changelog {
  std::string path;
  std::string text;
};

class System {
 public:
  virtual ~System() = default;

  // /proc/kallsyms
  virtual util::Result<std::string> kallsyms() const = 0;
  // ftrace's available_filter_functions: what can be traced
  virtual util::Result<std::string> traceable_functions() const = 0;
  // debugfs kprobes/blacklist: what kprobes refuse
  virtual util::Result<std::string> kprobe_blacklist() const = 0;
  // /proc/modules
  virtual util::Result<std::string> modules() const = 0;
  // The file holding the raw BTF of "vmlinux" or of a loaded module
  // (/sys/kernel/btf/<object>); libbpf reads split BTF only from a file.
  virtual util::Result<std::filesystem::path> btf_file(std::string_view object) const = 0;
  // /sys/kernel/security/lockdown, e.g. "[none] integrity confidentiality"
  virtual util::Result<std::string> lockdown() const = 0;
  // /proc/sys/kernel/tainted
  virtual util::Result<std::string> kernel_taint() const = 0;
  // The firmware's SecureBoot variable as efivarfs gives it (4 bytes of
  // attributes, then the value); an error where there is no UEFI.
  virtual util::Result<std::string> secure_boot_variable() const = 0;
  // /sys/module/<module>/version: the loaded module's MODULE_VERSION.
  virtual util::Result<std::string> module_version(std::string_view module) const = 0;
  // The file modprobe loads for @module, per modules.dep of the running release.
  virtual util::Result<std::filesystem::path> module_file(std::string_view module) const = 0;

  // The kernel release as uname -r prints it (/proc/sys/kernel/osrelease).
  virtual util::Result<std::string> kernel_release() const = 0;
  // /proc/version, which on Debian names the package version.
  virtual util::Result<std::string> proc_version() const = 0;
  // The distribution's changelog of the kernel package of @release; nullopt
  // when the package installed none.
  virtual util::Result<std::optional<Changelog>> kernel_changelog(std::string_view release) const = 0;

  // The killswitch securityfs directory exists (module or built-in).
  virtual bool killswitch_present() const = 0;
  // /sys/module/<module>/parameters/<parameter> exists: a parameter of a
  // loaded module, or of code built into the kernel under that name.
  virtual bool module_parameter_exists(std::string_view module, std::string_view parameter) const = 0;
  // A file under it by relative path: "engaged", "fn/<target>/hits".
  virtual util::Result<std::string> killswitch_read(std::string_view path) const = 0;
  // One write() to a file under it ("control", "fn/<target>/retval"); the
  // error carries the kernel's errno on refusal.
  virtual util::Result<void> killswitch_write(std::string_view path, std::string_view text) = 0;

  // Where the files come from, for status and messages.
  virtual std::string describe() const = 0;
};

}  // namespace ks::system
