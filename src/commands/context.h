// What every subcommand runs with: the system, where profiles live, where
// output goes, and how to wait (monitor), so each run_* can be tested
// without a terminal, a clock or a real kernel.
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <vector>

#include "system/system.h"

namespace ks::commands {

// Where the Debian package puts things (packaging/).
inline constexpr const char* kCatalogDir = "/usr/share/killswitch/profiles";
inline constexpr const char* kPersistDir = "/etc/killswitch/profiles.d";

struct ProfilePaths {
  // Where `revert CVE-...`, `profiles list` and `persist CVE-...` look.
  std::vector<std::filesystem::path> catalog_dirs{kCatalogDir};
  std::filesystem::path persist_dir{kPersistDir};
  // The grub fragment `persist --boot` writes (profile/boot_cmdline.h).
  std::filesystem::path boot_cmdline_file{"/etc/default/grub.d/killswitch.cfg"};
  // Loads the module at boot while the command line engages anything: the
  // package itself never loads it (an unused module only taints the kernel).
  std::filesystem::path modules_load_file{"/etc/modules-load.d/killswitch.conf"};
};

struct Context {
  system::System& sys;
  std::ostream& out;
  std::ostream& err;
  bool tty = false;  // stdout is a terminal: progress lines
  bool root = true;  // running as uid 0, for error messages
  std::function<void(unsigned seconds)> sleep = [](unsigned) {};
  std::function<bool()> interrupted = [] { return false; };  // Ctrl-C during monitor
  ProfilePaths paths{};
};

}  // namespace ks::commands
