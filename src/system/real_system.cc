#include "system/real_system.h"

#include <string>

#include "util/file_io.h"
#include "util/text.h"

extern "C" {
#include "uapi/killswitch.h"  // the wire format shared with the module (kmod/uapi/killswitch.h)
}

namespace ks::system {
namespace {

std::string trim_newline(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

RealSystem::RealSystem(std::filesystem::path root) : root_(std::move(root)) {}

std::filesystem::path RealSystem::under_root(std::string_view path) const {
  return root_ / std::filesystem::path(path).relative_path();
}

util::Result<std::string> RealSystem::read(std::string_view path) const { return util::read_text(under_root(path)); }

util::Result<std::string> RealSystem::kallsyms() const { return read("/proc/kallsyms"); }

util::Result<std::string> RealSystem::traceable_functions() const {
  // tracefs is mounted on its own on newer systems, under debugfs on older ones.
  auto text = read("/sys/kernel/tracing/available_filter_functions");
  if (text) return text;
  return read("/sys/kernel/debug/tracing/available_filter_functions");
}

util::Result<std::string> RealSystem::kprobe_blacklist() const { return read("/sys/kernel/debug/kprobes/blacklist"); }

util::Result<std::string> RealSystem::modules() const { return read("/proc/modules"); }

util::Result<std::filesystem::path> RealSystem::btf_file(std::string_view object) const {
  auto path = under_root("/sys/kernel/btf/" + std::string(object));
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    return util::fail("no BTF at " + path.string(),
                      ec ? ec : std::make_error_code(std::errc::no_such_file_or_directory));
  return path;
}

util::Result<std::string> RealSystem::lockdown() const { return read("/sys/kernel/security/lockdown"); }

util::Result<std::string> RealSystem::kernel_taint() const { return read("/proc/sys/kernel/tainted"); }

util::Result<std::string> RealSystem::secure_boot_variable() const {
  // EFI_GLOBAL_VARIABLE's GUID.
  return read("/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c");
}

util::Result<std::string> RealSystem::module_version(std::string_view module) const {
  KS_TRY_ASSIGN(std::string text, read("/sys/module/" + std::string(module) + "/version"));
  return trim_newline(text);
}

util::Result<std::filesystem::path> RealSystem::module_file(std::string_view module) const {
  KS_TRY_ASSIGN(std::string release, kernel_release());
  std::string dir = "/lib/modules/" + release + "/";
  KS_TRY_ASSIGN(std::string dep, read(dir + "modules.dep"));
  // "updates/dkms/killswitch.ko: ...": depmod lists the file modprobe picks.
  const std::string name = std::string(module) + ".ko";
  std::optional<std::string> found;
  util::for_each_line(dep, [&](std::string_view line) {
    std::string_view file = line.substr(0, line.find(':'));
    std::string_view base = file.substr(file.rfind('/') + 1);
    if (!found && (base == name || base.starts_with(name + "."))) found = std::string(file);
  });
  if (found) return under_root(dir + *found);
  return util::fail("no " + std::string(module) + " in " + dir + "modules.dep",
                    std::make_error_code(std::errc::no_such_file_or_directory));
}

util::Result<std::string> RealSystem::kernel_release() const {
  KS_TRY_ASSIGN(std::string text, read("/proc/sys/kernel/osrelease"));
  return trim_newline(text);
}

util::Result<std::string> RealSystem::proc_version() const {
  KS_TRY_ASSIGN(std::string text, read("/proc/version"));
  return trim_newline(text);
}

util::Result<std::optional<Changelog>> RealSystem::kernel_changelog(std::string_view release) const {
  // Debian installs changelog.Debian.gz; the signed image package of some
  // releases ships it as changelog.gz.
  std::string doc = "/usr/share/doc/linux-image-" + std::string(release) + "/";
  for (const char* name : {"changelog.Debian.gz", "changelog.gz"}) {
    auto path = under_root(doc + name);
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) continue;
    KS_TRY_ASSIGN(std::string text, util::read_gzip(path));
    // The path as seen on the host, not under the fixture root.
    return Changelog{doc + name, std::move(text)};
  }
  return std::optional<Changelog>();
}

bool RealSystem::killswitch_present() const {
  std::error_code ec;
  return std::filesystem::exists(under_root(KS_SECURITYFS_DIR) / KS_CONTROL_FILE, ec);
}

bool RealSystem::module_parameter_exists(std::string_view module, std::string_view parameter) const {
  std::error_code ec;
  return std::filesystem::exists(
      under_root("/sys/module/" + std::string(module) + "/parameters/" + std::string(parameter)), ec);
}

util::Result<std::string> RealSystem::killswitch_read(std::string_view path) const {
  return read(std::string(KS_SECURITYFS_DIR) + "/" + std::string(path));
}

util::Result<void> RealSystem::killswitch_write(std::string_view path, std::string_view text) {
  return util::write_once(under_root(KS_SECURITYFS_DIR) / std::string(path), text);
}

std::string RealSystem::describe() const { return root_ == "/" ? "this system" : "the tree at " + root_.string(); }

}  // namespace ks::system
