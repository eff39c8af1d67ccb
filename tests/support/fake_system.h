// The one fake of the kernel: an in-memory System for unit tests. The
// kernel's files are strings set by the test; the control file is a small
// model of the module (commands parsed by the module's own parser through
// wire/) that records every write and answers with the errno a test
// scripts for a target.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "system/system.h"
#include "wire/engaged.h"

namespace ks::testing {

class FakeSystem : public system::System {
 public:
  struct Engagement {
    std::string target;
    long retval = 0;
    unsigned long hits = 0;
    unsigned long passes = 0;
    wire::State state = wire::State::kEngaged;
    std::string condition;
  };

  // Kernel files; an empty string reads as a missing file.
  std::string kallsyms_text;
  std::string traceable_text;
  std::string blacklist_text;
  std::string modules_text;
  std::string lockdown_text = "[none] integrity confidentiality\n";
  std::string kernel_taint_text = "0\n";
  std::string secure_boot_bytes;                              // efivarfs SecureBoot; empty: no UEFI
  std::map<std::string, std::filesystem::path> module_files;  // module -> its .ko
  std::string module_version_text;                            // /sys/module/killswitch/version
  std::set<std::string> module_parameters;                    // "<module>/<parameter>" under /sys/module
  std::map<std::string, std::filesystem::path> btf_files;     // object -> file of raw BTF
  std::string release_text;                                   // osrelease
  std::string proc_version_text;
  std::optional<system::Changelog> changelog;  // of the running release
  std::optional<util::Error> changelog_error;  // a changelog that cannot be read

  bool present = true;   // the securityfs directory exists
  bool builtin = false;  // behave as the upstream built-in (ABI section 1 only)
  bool tainted = false;
  std::map<std::string, int> refuse;  // target -> errno the "kernel" returns on engage
  int refuse_all_errno = 0;           // e.g. EPERM for lockdown
  std::vector<std::string> commands;  // every write to control, as written
  unsigned long refused_writes = 0;   // the refused file: control writes that failed
  std::set<std::string> unreadable;   // files under killswitch that answer EACCES (not root)
  std::vector<Engagement> engagements;

  util::Result<std::string> kallsyms() const override;
  util::Result<std::string> traceable_functions() const override;
  util::Result<std::string> kprobe_blacklist() const override;
  util::Result<std::string> modules() const override;
  util::Result<std::filesystem::path> btf_file(std::string_view object) const override;
  util::Result<std::string> lockdown() const override;
  util::Result<std::string> kernel_taint() const override;
  util::Result<std::string> secure_boot_variable() const override;
  util::Result<std::filesystem::path> module_file(std::string_view module) const override;
  util::Result<std::string> module_version(std::string_view module) const override;
  util::Result<std::string> kernel_release() const override;
  util::Result<std::string> proc_version() const override;
  util::Result<std::optional<system::Changelog>> kernel_changelog(std::string_view release) const override;
  bool killswitch_present() const override { return present; }
  bool module_parameter_exists(std::string_view module, std::string_view parameter) const override {
    return module_parameters.count(std::string(module) + "/" + std::string(parameter)) > 0;
  }
  util::Result<std::string> killswitch_read(std::string_view path) const override;
  util::Result<void> killswitch_write(std::string_view path, std::string_view text) override;
  std::string describe() const override { return "a fake system"; }

  Engagement* find(std::string_view target);
  const Engagement* find(std::string_view target) const;

 private:
  util::Result<void> control(std::string_view text);
  util::Result<void> apply(std::string_view text);  // one command
  std::string engaged_text() const;
  util::Result<std::string> fn_file(std::string_view path) const;
};

}  // namespace ks::testing
