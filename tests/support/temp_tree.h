// A temporary folder tree for tests: a root for RealSystem, profile files,
// gzip files as distributions install them. Removed with the object.
#pragma once

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace ks::testing {

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

}  // namespace ks::testing
