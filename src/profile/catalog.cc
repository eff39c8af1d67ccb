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

Loaded load_named(const std::vector<std::string>& args, const std::vector<std::filesystem::path>& catalogs) {
  std::vector<std::filesystem::path> paths;
  std::vector<std::string> ids;
  for (const auto& arg : args) {
    std::error_code ec;
    bool is_id = !std::filesystem::exists(arg, ec) && arg.find('/') == std::string::npos && !arg.ends_with(".toml");
    if (is_id)
      ids.push_back(arg);
    else
      paths.emplace_back(arg);
  }
  Loaded loaded = load_profiles(paths);
  for (const auto& id : ids) {
    auto found = find_profile(id, catalogs);
    if (!found) {
      loaded.errors.push_back(found.error());
      continue;
    }
    loaded.named.insert(found->source);
    loaded.profiles.push_back(std::move(*found));
  }
  return loaded;
}

}  // namespace ks::profile
