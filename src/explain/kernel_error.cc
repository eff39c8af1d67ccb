#include "explain/kernel_error.h"

#include <cerrno>

extern "C" {
#include "uapi/killswitch.h"
}

namespace ks::explain {

std::string kernel_error(const Attempt& a, std::error_code error) {
  const std::string& t = a.command.target;
  const std::string verb(wire::verb_name(a.command.verb));
  const std::string fn_retval = std::string(KS_FN_DIR) + "/" + t + "/" + KS_FN_RETVAL_FILE;
  switch (error.value()) {
    case EPERM:
      if (system::refuses_changes(a.lockdown))
        return "the kernel is locked down (" + std::string(system::lockdown_name(a.lockdown)) +
               "), so killswitch refuses every change at run time; set engagements at boot with "
               "killswitch.engage=<function>=<value> on the kernel command line";
      return "permission denied: changing killswitch needs CAP_SYS_ADMIN; run the tool as root";
    case EACCES:
      if (!a.root) return "permission denied: the killswitch files belong to root; run the tool as root";
      return "the module's safety rules refuse " + verb + " of " + t +
             ": functions that decide access only take denying values, audit functions are never silenced, and "
             "killswitch's own machinery is never touched (see the kernel log and docs/safety.md)";
    case EBUSY:
      if (a.current_retval)
        return t + " is already engaged (retval " + std::to_string(*a.current_retval) +
               "); disengage it first or change " + fn_retval;
      return "the kernel says " + t +
             " is busy: the same function is engaged under another name (bare or module:name), or another "
             "ftrace user such as a livepatch modifies it; run 'killswitch status' and check the kernel log";
    case ENOENT:
      if (a.command.verb == wire::Verb::kDisengage) return t + " is not engaged; 'killswitch status' lists what is";
      return "the kernel has no function " + t + " loaded; check the name with 'killswitch check " + t +
             "', or name its module as <module>:" + t;
    case EINVAL:
      if (a.command.engages())
        return "the kernel refused to " + verb + " " + t +
               ": the command was malformed for this kernel (an older or built-in killswitch lacks this feature), "
               "or kprobes cannot probe that address (blacklisted, not a function entry); see the kernel log";
      return "the kernel refused the command as malformed";
    case EILSEQ:
      return "kprobes refuse " + t + ": its address is not at an instruction boundary";
    case ENOSYS:
    case EOPNOTSUPP:
      return "this kernel cannot " + verb + " " + t + " (" + error.message() + ")";
    case EIDRM:
      return t + " was disengaged while the tool read its files; run the command again";
    case EEXIST:
      return "kprobes already have a conflicting probe on " + t + "; see the kernel log";
    default:
      return "the kernel refused to " + verb + (t.empty() ? "" : " " + t) + ": " + error.message() +
             "; see the kernel log (dmesg | grep killswitch)";
  }
}

}  // namespace ks::explain
