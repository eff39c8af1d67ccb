#include "system/boot_security.h"

#include "util/file_io.h"

namespace ks::system {

std::optional<bool> parse_secure_boot(std::string_view variable) {
  if (variable.size() != 5) return std::nullopt;
  return variable[4] == 1;
}

BootSecurity read_boot_security(const System& sys) {
  BootSecurity s;
  if (auto raw = sys.secure_boot_variable()) s.secure_boot = parse_secure_boot(*raw);
  s.lockdown = parse_lockdown(sys.lockdown().value_or(""));
  auto file = sys.module_file("killswitch");
  if (!file) {
    s.module_error = file.error().message();
    return s;
  }
  s.module_file = file->string();
  auto bytes = util::read_text(*file);
  if (!bytes) {
    s.module_error = bytes.error().message();
    return s;
  }
  if (auto sig = read_module_signature(*bytes))
    s.module = *sig;
  else
    s.module_error = sig.error().message();
  return s;
}

std::string engage_route(const BootSecurity& s, Backend backend) {
  const bool unsigned_module = s.module && !s.module->is_signed;
  if (backend == Backend::kNone && s.secure_boot.value_or(false) && unsigned_module)
    return "Secure Boot refuses the unsigned module: sign it (DKMS signs with /var/lib/dkms/mok.key), enroll "
           "the key (mokutil --import /var/lib/dkms/mok.pub, reboot, confirm in MokManager), then modprobe "
           "killswitch";
  if (refuses_changes(s.lockdown))
    return "the kernel is locked down, so it refuses every change at run time: engage through the kernel "
           "command line instead (killswitch persist --boot <profile>, update-grub, reboot)";
  if (backend == Backend::kNone) return "load the module (modprobe killswitch), then engage";
  return "engage works at run time";
}

}  // namespace ks::system
