// An in-memory System for unit tests of the commands. The kernel files are
// strings set by the test; the control file is a small model of the module
// (parsed with the module's own parser) that records every command and
// answers with the errno a test scripts for a target.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "system/system.h"

namespace ks::system {

class FakeSystem : public System {
 public:
  struct Engagement {
    std::string target;
    long retval = 0;
    unsigned long hits = 0;
    unsigned long passes = 0;
    std::string state;  // engaged, monitoring, probing
    std::string condition;
  };

  // Kernel files; an empty optional-like "missing" is modelled by the maps below.
  std::string kallsyms_text;
  std::string traceable_text;
  std::string blacklist_text;
  std::string modules_text;
  std::string lockdown_text = "[none] integrity confidentiality\n";
  std::string kernel_taint_text = "0\n";
  std::map<std::string, std::filesystem::path> btf_files;  // object -> file of raw BTF

  bool present = true;   // the securityfs directory exists
  bool builtin = false;  // behave as the upstream built-in (ABI section 1 only)
  bool tainted = false;
  std::map<std::string, int> refuse;  // target -> errno the "kernel" returns on engage
  int refuse_all_errno = 0;           // e.g. EPERM for lockdown
  std::vector<std::string> commands;  // every write to control, as written
  std::vector<Engagement> engagements;

  util::Result<std::string> kallsyms() const override;
  util::Result<std::string> traceable_functions() const override;
  util::Result<std::string> kprobe_blacklist() const override;
  util::Result<std::string> modules() const override;
  util::Result<std::filesystem::path> btf_file(std::string_view object) const override;
  util::Result<std::string> lockdown() const override;
  util::Result<std::string> kernel_taint() const override;
  bool killswitch_present() const override { return present; }
  util::Result<std::string> killswitch_read(std::string_view path) const override;
  std::error_code killswitch_write(std::string_view path, std::string_view text) override;
  std::string describe() const override { return "a fake system"; }

  Engagement* find(std::string_view target);
  const Engagement* find(std::string_view target) const;

 private:
  std::error_code control(std::string_view text);
};

}  // namespace ks::system
