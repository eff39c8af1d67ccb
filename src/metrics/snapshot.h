// Everything `killswitch metrics` exposes, read once from the system and
// the profile folders. What could not be read is kept as an error per
// source, so a scrape shows it instead of an empty or partial answer.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "profile/kernel_facts.h"
#include "profile/profile.h"
#include "system/backend.h"
#include "system/system.h"
#include "wire/engaged.h"

namespace ks::metrics {

// Where a read can fail, as the source label of killswitch_metrics_errors.
inline constexpr const char* kSources[] = {"catalog",   "engaged", "kernel", "kernel_taint",
                                           "persisted", "refused", "taint"};

struct ReadError {
  std::string source;  // one of kSources
  std::string message;
};

// Where profiles live (commands::ProfilePaths, without the commands layer).
struct ProfileDirs {
  std::filesystem::path persist_dir;
  std::vector<std::filesystem::path> catalog_dirs;
};

struct Snapshot {
  system::Backend backend = system::Backend::kNone;
  std::string release;                        // uname -r; empty when unreadable
  std::string debian_version;                 // empty on a kernel that is not Debian's
  std::optional<profile::KernelFacts> facts;  // what the need of a profile is decided on
  std::optional<unsigned long> kernel_taint;  // /proc/sys/kernel/tainted
  std::optional<bool> tainted;                // killswitch's taint file
  std::optional<unsigned long> refused;       // killswitch's refused file
  std::vector<wire::EngagedLine> engagements;
  size_t persisted_files = 0;  // *.toml in the persist folder, readable or not
  std::vector<profile::Profile> persisted;
  std::vector<profile::Profile> catalog;
  std::vector<ReadError> errors;
};

Snapshot read_snapshot(const system::System& sys, const ProfileDirs& dirs);

}  // namespace ks::metrics
