// Profiles named on the command line: files, or folders of *.toml files
// (read in name order so a run is reproducible).
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "profile/profile.h"

namespace ks::profile {

struct Loaded {
  std::vector<Profile> profiles;
  std::vector<util::Error> errors;  // malformed ones, each with file and line
  // The files named themselves rather than found in a folder: the operator
  // chose these, so a profile whose need is unknown may still be applied.
  std::set<std::filesystem::path> named;
  bool is_named(const Profile& p) const { return named.count(p.source) != 0; }
};

Loaded load_profiles(const std::vector<std::filesystem::path>& paths);

// Profiles as the command line names them: files and folders as given; a
// word that is neither is a profile id, looked up in @catalogs. An id names
// its profile as a file does (Loaded::named).
Loaded load_named(const std::vector<std::string>& args, const std::vector<std::filesystem::path>& catalogs);

// A profile by id ("CVE-2026-31431") in @dirs, or by path.
util::Result<Profile> find_profile(const std::string& id_or_path, const std::vector<std::filesystem::path>& dirs);

// Whether an error of find_profile is a malformed profile (it names a line
// of the file) rather than one that does not exist.
inline bool is_malformed(const util::Error& error) { return error.where && error.where->line > 0; }

}  // namespace ks::profile
