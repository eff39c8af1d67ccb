// Test helpers: a temporary folder tree (a fake root for HostFs, profile
// files), a gzip writer, and a fake control file that follows docs/abi.md.
#pragma once

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "profile/control.h"

namespace ks::profile::testing {

class TempTree {
 public:
  TempTree() {
    char tmpl[] = "/tmp/ks-profile-test-XXXXXX";
    root_ = mkdtemp(tmpl);
  }
  ~TempTree() { std::filesystem::remove_all(root_); }
  const std::filesystem::path& root() const { return root_; }

  std::filesystem::path write(const std::string& rel, const std::string& text) const {
    auto path = root_ / rel;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  std::filesystem::path write_gzip(const std::string& rel, const std::string& text) const {
    auto path = root_ / rel;
    std::filesystem::create_directories(path.parent_path());
    gzFile f = gzopen(path.c_str(), "wb");
    gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
    gzclose(f);
    return path;
  }

 private:
  std::filesystem::path root_;
};

// Keeps engagements in memory with the module's answers: EBUSY for a
// target already engaged, ENOENT for an unknown function or a disengage of
// something not engaged.
class FakeControl : public Control {
 public:
  std::set<std::string> unknown;  // functions the "kernel" does not have
  std::vector<std::string> log;   // every command, in order
  bool loaded = true;

  bool present() const override { return loaded; }
  std::error_code command(std::string_view text) override;
  tl::expected<std::vector<sysfs::EngagedLine>, std::error_code> engaged() const override;

  void engage_raw(const std::string& target, long retval, const std::string& cond = "") {
    table_[target] = {retval, cond};
  }

 private:
  struct Entry {
    long retval;
    std::string cond;
  };
  std::map<std::string, Entry> table_;
};

}  // namespace ks::profile::testing
