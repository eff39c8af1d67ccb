#include "support/killswitch_fs.h"

#include <string>

#include "util/file_io.h"

extern "C" {
#include "uapi/killswitch.h"  // the wire format shared with the module (kmod/uapi/killswitch.h)
}

namespace ks::guest {
namespace {

std::error_code errno_of(const util::Result<void>& written) {
  return written ? std::error_code{} : written.error().code;
}

}  // namespace

KillswitchFs::KillswitchFs() : root_(KS_SECURITYFS_DIR) {}
KillswitchFs::KillswitchFs(std::filesystem::path root) : root_(std::move(root)) {}

bool KillswitchFs::present() const {
  std::error_code ec;
  return std::filesystem::exists(root_ / KS_CONTROL_FILE, ec);
}

std::error_code KillswitchFs::command(std::string_view text) const {
  return errno_of(util::write_once(root_ / KS_CONTROL_FILE, text));
}

std::error_code KillswitchFs::engage(std::string_view target, long retval) const {
  return send(wire::Command::engage(std::string(target), retval));
}

std::error_code KillswitchFs::disengage(std::string_view target) const {
  return send(wire::Command::disengage(std::string(target)));
}

std::error_code KillswitchFs::disengage_all() const { return send(wire::Command::disengage_all()); }

util::Result<std::string> KillswitchFs::engaged_text() const { return util::read_text(root_ / KS_ENGAGED_FILE); }

util::Result<std::vector<wire::EngagedLine>> KillswitchFs::engaged() const {
  KS_TRY_ASSIGN(std::string text, engaged_text());
  return wire::parse_engaged(text);
}

util::Result<bool> KillswitchFs::tainted() const {
  KS_TRY_ASSIGN(long value, util::read_long(root_ / KS_TAINT_FILE));
  return value != 0;
}

std::filesystem::path KillswitchFs::fn_dir(std::string_view target) const {
  return root_ / KS_FN_DIR / std::string(target);
}

util::Result<long> KillswitchFs::retval(std::string_view target) const {
  return util::read_long(fn_dir(target) / KS_FN_RETVAL_FILE);
}

std::error_code KillswitchFs::set_retval(std::string_view target, long retval) const {
  return errno_of(util::write_once(fn_dir(target) / KS_FN_RETVAL_FILE, std::to_string(retval) + "\n"));
}

util::Result<unsigned long> KillswitchFs::hits(std::string_view target) const {
  KS_TRY_ASSIGN(long value, util::read_long(fn_dir(target) / KS_FN_HITS_FILE));
  return static_cast<unsigned long>(value);
}

}  // namespace ks::guest
