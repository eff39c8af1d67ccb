// The two things the applier does with the module: write a command to the
// control file and read what is engaged. SysfsControl is the real one (the
// securityfs files through sysfs::KillswitchFs); unit tests use a fake that
// follows docs/abi.md, and the guest tests prove the real one.
#pragma once

#include <string_view>
#include <system_error>
#include <tl/expected.hpp>
#include <vector>

#include "sysfs/engaged_line.h"
#include "sysfs/killswitch_fs.h"

namespace ks::profile {

class Control {
 public:
  virtual ~Control() = default;
  virtual bool present() const = 0;
  // One command, one write; the kernel's errno on refusal.
  virtual std::error_code command(std::string_view text) = 0;
  virtual tl::expected<std::vector<sysfs::EngagedLine>, std::error_code> engaged() const = 0;
};

class SysfsControl : public Control {
 public:
  explicit SysfsControl(sysfs::KillswitchFs fs = {}) : fs_(std::move(fs)) {}
  bool present() const override { return fs_.present(); }
  std::error_code command(std::string_view text) override { return fs_.command(text); }
  tl::expected<std::vector<sysfs::EngagedLine>, std::error_code> engaged() const override { return fs_.engaged(); }

 private:
  sysfs::KillswitchFs fs_;
};

}  // namespace ks::profile
