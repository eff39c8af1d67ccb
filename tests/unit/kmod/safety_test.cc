// The module's safety rules (kmod/safety.c), built in user space.
#include <gtest/gtest.h>

#include <cerrno>
#include <string>

extern "C" {
#include "safety.h"
}

namespace {

int check(const char* symbol, bool short_circuits, long retval) {
  ks_verdict verdict{};
  return ks_check_safety(symbol, short_circuits, retval, &verdict);
}

TEST(Safety, OrdinaryFunctionsTakeAnyValue) {
  EXPECT_EQ(check("af_alg_sendmsg", true, 0), 0);
  EXPECT_EQ(check("af_alg_sendmsg", true, 1), 0);
  EXPECT_EQ(check("esp_input", true, -EPERM), 0);
}

TEST(Safety, AccessHooksOnlyTakeDenyingErrnos) {
  for (const char* fn : {"security_file_open", "apparmor_file_open", "selinux_inode_permission", "cap_capable",
                         "inode_permission", "may_open", "mod_verify_sig", "lockdown_is_locked_down"}) {
    EXPECT_EQ(check(fn, true, 0), -EACCES) << fn;
    EXPECT_EQ(check(fn, true, 1), -EACCES) << fn;
    EXPECT_EQ(check(fn, true, -4096), -EACCES) << fn << ": not an errno";
    EXPECT_EQ(check(fn, true, -EACCES), 0) << fn;
    EXPECT_EQ(check(fn, true, -4095), 0) << fn;
    EXPECT_EQ(check(fn, false, 0), 0) << fn << ": monitor is fine";
  }
}

TEST(Safety, CapabilityChecksOnlyTakeFalse) {
  for (const char* fn : {"capable", "ns_capable", "file_ns_capable", "has_capability_noaudit"}) {
    EXPECT_EQ(check(fn, true, 1), -EACCES) << fn;
    EXPECT_EQ(check(fn, true, -1), -EACCES) << fn;
    EXPECT_EQ(check(fn, true, 0), 0) << fn;
  }
}

TEST(Safety, AuditIsNeverShortCircuited) {
  EXPECT_EQ(check("audit_log_start", true, 0), -EACCES);
  EXPECT_EQ(check("__audit_syscall_exit", true, -EPERM), -EACCES);
  EXPECT_EQ(check("audit_log_start", false, 0), 0);
}

TEST(Safety, MachineryIsRefusedEvenToMonitor) {
  for (const char* fn : {"register_kprobe", "kprobe_ftrace_handler", "arch_ftrace_update_code", "ftrace_ops_list_func",
                         "text_poke_bp", "securityfs_create_file", "kallsyms_lookup_name"}) {
    EXPECT_EQ(check(fn, true, -1), -EACCES) << fn;
    EXPECT_EQ(check(fn, false, 0), -EACCES) << fn;
  }
}

TEST(Safety, RefusalsSayWhy) {
  ks_verdict verdict = ks_classify("security_file_open");
  EXPECT_EQ(verdict.category, KS_CAT_ACCESS_ERRNO);
  EXPECT_STREQ(verdict.rule, "security_*");
  EXPECT_NE(std::string(ks_refusal_reason(&verdict)).find("negative errno"), std::string::npos);
}

}  // namespace
