// A mitigation profile: which kernel functions to turn off, with which
// value, for which CVE, on which kernels. Read from TOML (docs/profiles.md).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace ks::profile {

struct Target {
  std::string function;             // "<symbol>" or "<module>:<symbol>", the engage target
  std::string value;                // as written: "-EPERM", "-1", "0"
  long retval = 0;                  // the value as the module parses it
  std::string condition;            // as written; empty without one
  std::string canonical_condition;  // as the module prints it in engaged's if=

  // "engage <function> <value>[ if <condition>]": the control command.
  std::string engage_command() const;
};

// A fixed version of one distribution package ("debian": "6.1.170-1").
struct PackageFix {
  std::string distribution;  // "debian"
  std::string version;
};

struct Profile {
  std::filesystem::path source;  // where it was read from
  std::string id;                // "CVE-2026-31431"
  std::string title;
  std::string summary;
  std::vector<std::string> references;
  std::string introduced;                   // upstream version the bug came in; may be empty
  std::vector<std::string> fixed_upstream;  // one per stable series: "6.1.170", "6.12.85"
  std::vector<PackageFix> fixed_packages;   // "debian" -> "6.1.170-1"
  std::string fix_note;                     // what is not known about the fix, in words
  std::vector<Target> targets;
  std::string preserves;
  std::string breaks;
};

// A malformed profile: where and what.
struct ProfileError {
  std::string file;
  long line = 0;  // 0 when the error is about the file as a whole
  long column = 0;
  std::string what;

  std::string message() const;  // "file:line:column: what"
};

// Parses @text as the profile read from @source (used in error messages).
tl::expected<Profile, ProfileError> parse_profile(std::string_view text, const std::filesystem::path& source);

tl::expected<Profile, ProfileError> load_profile(const std::filesystem::path& path);

}  // namespace ks::profile
