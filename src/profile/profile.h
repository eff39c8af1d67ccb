// A mitigation profile: which kernel functions to turn off, with which
// value, for which CVE, on which kernels. Read from TOML (docs/profiles.md).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"
#include "wire/command.h"

namespace ks::profile {

struct Target {
  std::string function;             // "<symbol>" or "<module>:<symbol>", the engage target
  std::string value;                // as written: "-EPERM", "-1", "0"
  long retval = 0;                  // the value as the module parses it
  std::string condition;            // as written; empty without one
  std::string canonical_condition;  // as the module prints it in engaged's if=

  // The control command that engages it: engage <function> <retval>[ if <condition>].
  wire::Command command() const;
};

// A fixed version of one distribution package ("debian": "6.1.170-1").
struct PackageFix {
  std::string distribution;  // "debian"
  std::string version;
};

// How the catalog's own test proves a profile in the guest: the words of
// ks-trigger that reach its functions, the errno they fail with once it is
// applied, the modules a host that uses the feature has loaded, and what
// must keep working meanwhile (more ks-trigger words).
struct Proof {
  std::vector<std::string> trigger;             // {"socket", "tipc", "rdm"}
  std::string refused;                          // "EAFNOSUPPORT"
  int refused_errno = 0;                        // its value
  std::vector<std::string> modules;             // {"tipc"}
  std::vector<std::vector<std::string>> keeps;  // {{"socket", "inet", "stream"}}
};

struct Profile {
  std::filesystem::path source;  // where it was read from
  std::string id;                // "CVE-2026-31431"
  std::string title;
  std::string subsystem;  // where in the kernel tree: "net/tipc", "fs/hfsplus"; may be empty
  std::string summary;
  std::vector<std::string> references;
  std::string introduced;                   // upstream version the bug came in; may be empty
  std::string fixed_mainline;               // the mainline release with the fix: "6.15"; may be empty
  std::vector<std::string> fixed_upstream;  // one per stable series: "6.1.170", "6.12.85"
  std::vector<PackageFix> fixed_packages;   // "debian" -> "6.1.170-1"
  std::string fix_note;                     // what is not known about the fix, in words
  std::vector<Target> targets;
  std::string preserves;
  std::string breaks;
  std::optional<Proof> proof;  // every catalog profile has one; a team's own may not
};

// A malformed profile is an error with its file, line and column.
// Parses @text as the profile read from @source (used in error messages).
util::Result<Profile> parse_profile(std::string_view text, const std::filesystem::path& source);

util::Result<Profile> load_profile(const std::filesystem::path& path);

}  // namespace ks::profile
