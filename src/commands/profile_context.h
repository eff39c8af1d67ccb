// What the profile subcommands (apply, revert, profiles, persist) run with:
// the running kernel, the module's control file, where profiles live and
// where output goes. Each run_* takes it, so tests pass fixtures.
//
// Merging into the killswitch CLI (commands/context.h): build one of these
// from its Context (out/err; a profile::Host and profile::Control rooted at
// the same --root) and register setup_apply, setup_revert, setup_profiles,
// setup_persist and setup_unpersist in command_table().
#pragma once

#include <filesystem>
#include <iosfwd>
#include <vector>

#include "profile/control.h"
#include "profile/host.h"

namespace ks::commands {

// Where the Debian package puts things (packaging/).
inline constexpr const char* kCatalogDir = "/usr/share/killswitch/profiles";
inline constexpr const char* kPersistDir = "/etc/killswitch/profiles.d";

struct ProfileContext {
  const profile::Host& host;
  profile::Control& control;
  std::ostream& out;
  std::ostream& err;
  // Where `revert CVE-...`, `profiles list` and `persist CVE-...` look.
  std::vector<std::filesystem::path> catalog_dirs{kCatalogDir};
  std::filesystem::path persist_dir{kPersistDir};
};

// Exit codes, the same numbers as the CLI's commands/exit_codes.h.
inline constexpr int kProfileExitOk = 0;           // done: applied, already applied or not applicable
inline constexpr int kProfileExitUsage = 2;        // bad command line, or a malformed profile
inline constexpr int kProfileExitRefused = 4;      // a profile failed (the kernel refused; rolled back)
inline constexpr int kProfileExitNotFound = 5;     // no such profile, or not persisted
inline constexpr int kProfileExitUnavailable = 6;  // killswitch is not loaded
inline constexpr int kProfileExitSystem = 7;       // the kernel's facts or a file could not be read or written

}  // namespace ks::commands
