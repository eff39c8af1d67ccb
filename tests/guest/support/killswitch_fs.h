// The killswitch securityfs files as the guest tests and the benchmark use
// them: raw writes (a test of the kernel interface sends malformed text on
// purpose) answered with the kernel's errno, and typed commands and engaged
// lines from the tool's wire module. Rooted at a path; by default the real one.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "util/error.h"
#include "wire/command.h"
#include "wire/engaged.h"

namespace ks::guest {

class KillswitchFs {
 public:
  KillswitchFs();
  explicit KillswitchFs(std::filesystem::path root);

  const std::filesystem::path& root() const { return root_; }
  // The control file is there: the module is loaded (or the kernel has one built in).
  bool present() const;

  // One write of @text to control, exactly as given; the kernel's errno on refusal.
  std::error_code command(std::string_view text) const;
  std::error_code send(const wire::Command& command) const { return this->command(command.text()); }
  std::error_code engage(std::string_view target, long retval) const;
  std::error_code disengage(std::string_view target) const;
  std::error_code disengage_all() const;

  util::Result<std::vector<wire::EngagedLine>> engaged() const;
  // The engaged file, verbatim.
  util::Result<std::string> engaged_text() const;
  util::Result<bool> tainted() const;

  std::filesystem::path fn_dir(std::string_view target) const;
  util::Result<long> retval(std::string_view target) const;
  std::error_code set_retval(std::string_view target, long retval) const;
  util::Result<unsigned long> hits(std::string_view target) const;

 private:
  std::filesystem::path root_;
};

}  // namespace ks::guest
