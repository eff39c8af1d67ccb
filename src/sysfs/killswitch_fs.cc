#include "sysfs/killswitch_fs.h"

#include <string>

#include "uapi/killswitch.h"  // the wire format shared with the module (kmod/uapi)
#include "util/file_io.h"

namespace ks::sysfs {

KillswitchFs::KillswitchFs() : root_(KS_SECURITYFS_DIR) {}
KillswitchFs::KillswitchFs(std::filesystem::path root) : root_(std::move(root)) {}

bool KillswitchFs::present() const {
  std::error_code ec;
  return std::filesystem::exists(root_ / KS_CONTROL_FILE, ec);
}

std::error_code KillswitchFs::command(std::string_view text) const {
  return util::write_once(root_ / KS_CONTROL_FILE, text);
}

std::error_code KillswitchFs::engage(std::string_view symbol, long retval) const {
  return command(std::string(KS_VERB_ENGAGE) + " " + std::string(symbol) + " " + std::to_string(retval) + "\n");
}

std::error_code KillswitchFs::disengage(std::string_view symbol) const {
  return command(std::string(KS_VERB_DISENGAGE) + " " + std::string(symbol) + "\n");
}

std::error_code KillswitchFs::disengage_all() const { return command(std::string(KS_VERB_DISENGAGE_ALL) + "\n"); }

tl::expected<std::string, std::error_code> KillswitchFs::engaged_text() const {
  return util::read_text(root_ / KS_ENGAGED_FILE);
}

tl::expected<std::vector<EngagedLine>, std::error_code> KillswitchFs::engaged() const {
  auto text = engaged_text();
  if (!text) return tl::unexpected(text.error());
  auto lines = parse_engaged(*text);
  if (!lines) return tl::unexpected(std::make_error_code(std::errc::bad_message));
  return *lines;
}

tl::expected<bool, std::error_code> KillswitchFs::tainted() const {
  auto value = util::read_long(root_ / KS_TAINT_FILE);
  if (!value) return tl::unexpected(value.error());
  return *value != 0;
}

std::filesystem::path KillswitchFs::fn_dir(std::string_view symbol) const {
  return root_ / KS_FN_DIR / std::string(symbol);
}

tl::expected<long, std::error_code> KillswitchFs::retval(std::string_view symbol) const {
  return util::read_long(fn_dir(symbol) / KS_FN_RETVAL_FILE);
}

std::error_code KillswitchFs::set_retval(std::string_view symbol, long retval) const {
  return util::write_once(fn_dir(symbol) / KS_FN_RETVAL_FILE, std::to_string(retval) + "\n");
}

tl::expected<unsigned long, std::error_code> KillswitchFs::hits(std::string_view symbol) const {
  auto value = util::read_long(fn_dir(symbol) / KS_FN_HITS_FILE);
  if (!value) return tl::unexpected(value.error());
  return static_cast<unsigned long>(*value);
}

}  // namespace ks::sysfs
