// The killswitch securityfs files, as a C++ interface. Rooted at a path so
// tests can point it at a fixture tree; by default the real one.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <tl/expected.hpp>
#include <vector>

#include "sysfs/engaged_line.h"

namespace ks::sysfs {

class KillswitchFs {
 public:
  KillswitchFs();
  explicit KillswitchFs(std::filesystem::path root);

  const std::filesystem::path& root() const { return root_; }
  // The control file is there: the module is loaded (or the kernel has one built in).
  bool present() const;

  // One write of @text to control, exactly as given; the kernel's errno on refusal.
  std::error_code command(std::string_view text) const;
  std::error_code engage(std::string_view symbol, long retval) const;
  std::error_code disengage(std::string_view symbol) const;
  std::error_code disengage_all() const;

  // The engaged file, parsed. A malformed line is reported as bad_message.
  tl::expected<std::vector<EngagedLine>, std::error_code> engaged() const;
  // The engaged file, verbatim.
  tl::expected<std::string, std::error_code> engaged_text() const;
  tl::expected<bool, std::error_code> tainted() const;

  std::filesystem::path fn_dir(std::string_view symbol) const;
  tl::expected<long, std::error_code> retval(std::string_view symbol) const;
  std::error_code set_retval(std::string_view symbol, long retval) const;
  tl::expected<unsigned long, std::error_code> hits(std::string_view symbol) const;

 private:
  std::filesystem::path root_;
};

}  // namespace ks::sysfs
