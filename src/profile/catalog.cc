#include "profile/catalog.h"

#include <algorithm>

namespace ks::profile {

namespace {

void load_one(const std::filesystem::path& path, Loaded& out) {
  auto p = load_profile(path);
  if (p)
    out.profiles.push_back(std::move(*p));
  else
    out.errors.push_back(std::move(p.error()));
}

}  // namespace

Loaded load_profiles(const std::vector<std::filesystem::path>& paths) {
  Loaded out;
  for (const auto& path : paths) {
    std::error_code ec;
    if (!std::filesystem::is_directory(path, ec)) {
      load_one(path, out);
      out.named.insert(path);
      continue;
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(path, ec))
      if (entry.path().extension() == ".toml") files.push_back(entry.path());
    if (ec)
      out.errors.push_back(util::Error{"cannot be listed: " + ec.message(), {}, util::Location{path.string(), 0, 0}});
    std::sort(files.begin(), files.end());
    for (const auto& f : files) load_one(f, out);
  }
  return out;
}

util::Result<Profile> find_profile(const std::string& id_or_path, const std::vector<std::filesystem::path>& dirs) {
  std::error_code ec;
  if (id_or_path.find('/') != std::string::npos || id_or_path.ends_with(".toml")) return load_profile(id_or_path);
  for (const auto& dir : dirs) {
    auto direct = dir / (id_or_path + ".toml");
    if (std::filesystem::exists(direct, ec)) return load_profile(direct);
  }
  // Not named after its id: look inside.
  for (const auto& dir : dirs) {
    Loaded all = load_profiles({dir});
    for (auto& p : all.profiles)
      if (p.id == id_or_path) return std::move(p);
  }
  std::string where;
  for (const auto& d : dirs) where += (where.empty() ? "" : ", ") + d.string();
  return util::fail_at({id_or_path, 0, 0}, "no such profile in " + where);
}

}  // namespace ks::profile
