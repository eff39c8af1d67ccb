#include "metrics/snapshot.h"

#include <cerrno>
#include <cstdlib>

#include "profile/catalog.h"
#include "wire/channel.h"

extern "C" {
#include "uapi/killswitch.h"
}

namespace ks::metrics {
namespace {

// A file that holds one unsigned number; nullopt for anything else.
std::optional<unsigned long> parse_count(const std::string& text) {
  char* end = nullptr;
  errno = 0;
  unsigned long value = std::strtoul(text.c_str(), &end, 10);
  if (end == text.c_str() || errno || text[0] == '-' || (*end && *end != '\n')) return std::nullopt;
  return value;
}

// A counter file under the killswitch directory, or an error for @source.
std::optional<unsigned long> read_count(const system::System& sys, const char* file, const char* source, Snapshot& s) {
  auto text = sys.killswitch_read(file);
  if (!text) {
    s.errors.push_back({source, text.error().message()});
    return std::nullopt;
  }
  auto value = parse_count(*text);
  if (!value) s.errors.push_back({source, std::string(file) + " does not hold a number: '" + *text + "'"});
  return value;
}

void read_kernel(const system::System& sys, Snapshot& s) {
  if (auto facts = profile::read_kernel_facts(sys)) {
    s.release = facts->release;
    s.debian_version = facts->debian_version;
    s.facts = std::move(*facts);
  } else {
    // The labels still say what is known; the need of profiles stays unknown.
    s.errors.push_back({"kernel", facts.error().message()});
    s.release = sys.kernel_release().value_or("");
    s.debian_version = profile::debian_version_from_proc(sys.proc_version().value_or(""));
  }
  auto taint = sys.kernel_taint();
  if (!taint)
    s.errors.push_back({"kernel_taint", taint.error().message()});
  else if (!(s.kernel_taint = parse_count(*taint)))
    s.errors.push_back({"kernel_taint", "/proc/sys/kernel/tainted does not hold a number: '" + *taint + "'"});
}

void read_killswitch(const system::System& sys, Snapshot& s) {
  s.backend = system::detect_backend(sys);
  if (s.backend == system::Backend::kNone) return;
  if (auto taint = read_count(sys, KS_TAINT_FILE, "taint", s)) s.tainted = *taint != 0;
  if (auto lines = wire::read_engaged(sys))
    s.engagements = std::move(*lines);
  else
    s.errors.push_back({"engaged", lines.error().message()});
  // The upstream proposal's built-in killswitch has no refused file.
  if (system::full_abi(s.backend)) s.refused = read_count(sys, KS_REFUSED_FILE, "refused", s);
}

// The profiles of @dir; a folder that is not there holds none.
std::vector<profile::Profile> read_profiles(const std::filesystem::path& dir, const char* source, Snapshot& s,
                                            size_t* files = nullptr) {
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) return {};
  if (files)
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
      *files += entry.path().extension() == ".toml";
  profile::Loaded loaded = profile::load_profiles({dir});
  for (const auto& e : loaded.errors) s.errors.push_back({source, e.message()});
  return std::move(loaded.profiles);
}

}  // namespace

Snapshot read_snapshot(const system::System& sys, const ProfileDirs& dirs) {
  Snapshot s;
  read_kernel(sys, s);
  read_killswitch(sys, s);
  s.persisted = read_profiles(dirs.persist_dir, "persisted", s, &s.persisted_files);
  for (const auto& dir : dirs.catalog_dirs)
    for (auto& p : read_profiles(dir, "catalog", s)) s.catalog.push_back(std::move(p));
  return s;
}

}  // namespace ks::metrics
