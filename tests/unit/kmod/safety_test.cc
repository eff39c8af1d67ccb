// The module's safety rules (kmod/safety.c), built in user space: the
// return type decides, the reviewed tables add what a type cannot tell.
#include <gtest/gtest.h>

#include <cerrno>
#include <string>

extern "C" {
#include "safety.h"
}

namespace {

constexpr ks_return_type kIntType{KS_RET_SIGNED, 4};
constexpr ks_return_type kLong{KS_RET_SIGNED, 8};
constexpr ks_return_type kBool{KS_RET_BOOL, 1};
constexpr ks_return_type kVoid{KS_RET_VOID, 0};
constexpr ks_return_type kPointer{KS_RET_POINTER, 8};
constexpr ks_return_type kUnsigned{KS_RET_UNSIGNED, 4};
constexpr ks_return_type kEnumType{KS_RET_ENUM, 4};
constexpr ks_return_type kStructType{KS_RET_OTHER, 0};
constexpr ks_return_type kUnknown{KS_RET_UNKNOWN, 0};

ks_rule rule(const char* symbol, long value, ks_return_type type = kIntType, bool short_circuits = true) {
  ks_verdict verdict{};
  int err = ks_check_safety(symbol, short_circuits, value, &type, &verdict);
  EXPECT_EQ(err, verdict.rule == KS_RULE_ACCEPTED ? 0 : -EACCES) << symbol;
  return verdict.rule;
}

TEST(Safety, ANegativeErrnoOnASignedReturnIsTheOrdinaryMitigation) {
  for (const char* fn : {"af_alg_sendmsg", "esp_input", "nf_tables_newrule", "vsock_create", "sctp_sendmsg",
                         "tipc_sk_create", "io_uring_setup", "smb2_write", "__sock_create", "security_socket_create"}) {
    EXPECT_EQ(rule(fn, -EPERM), KS_RULE_ACCEPTED) << fn;
    EXPECT_EQ(rule(fn, -1), KS_RULE_ACCEPTED) << fn;
    EXPECT_EQ(rule(fn, -4095, kLong), KS_RULE_ACCEPTED) << fn;
  }
}

TEST(Safety, SuccessOrAPositiveValueOnASignedReturnIsRefused) {
  // From the red team: each of these handed an unprivileged user something.
  for (const char* fn :
       {"in_group_p", "proc_sys_permission", "__secure_computing", "check_kill_permission",
        "restrict_link_by_builtin_secondary_and_machine", "debugfs_locked_down.isra.0", "af_alg_sendmsg"}) {
    EXPECT_EQ(rule(fn, 0), KS_RULE_GRANTS) << fn;
    EXPECT_EQ(rule(fn, 1), KS_RULE_GRANTS) << fn;
  }
  EXPECT_EQ(rule("af_alg_sendmsg", 4096, kLong), KS_RULE_GRANTS);
  EXPECT_EQ(rule("kernfs_iop_permission", 0), KS_RULE_VITAL) << "refused earlier: on the way back";
}

TEST(Safety, ANegativeValueMustBeAnErrnoThatFits) {
  EXPECT_EQ(rule("af_alg_sendmsg", -4096), KS_RULE_RANGE);
  EXPECT_EQ(rule("af_alg_sendmsg", -4096, kLong), KS_RULE_RANGE);
  ks_return_type small{KS_RET_SIGNED, 1};
  EXPECT_EQ(rule("f", -EPERM, small), KS_RULE_ACCEPTED);
  EXPECT_EQ(rule("f", -200, small), KS_RULE_RANGE) << "-200 does not fit a signed char";
}

TEST(Safety, TypesWithNoRefusingValueAreRefused) {
  EXPECT_EQ(rule("af_alg_pull_tsgl", 0, kVoid), KS_RULE_TYPE) << "skipping a void body oopses";
  EXPECT_EQ(rule("getname_flags", 1, kPointer), KS_RULE_TYPE) << "a bogus pointer";
  EXPECT_EQ(rule("landlock_find_rule", -1, kPointer), KS_RULE_TYPE) << "ERR_PTR where NULL is expected";
  EXPECT_EQ(rule("getname_flags", 0, kPointer), KS_RULE_TYPE);
  EXPECT_EQ(rule("f", 0, kUnsigned), KS_RULE_TYPE);
  EXPECT_EQ(rule("f", -EPERM, kUnsigned), KS_RULE_TYPE);
  EXPECT_EQ(rule("f", 0, kEnumType), KS_RULE_TYPE);
  EXPECT_EQ(rule("f", 0, kStructType), KS_RULE_TYPE);
}

TEST(Safety, ABoolTakesOnlyTheReviewedDenyingValue) {
  EXPECT_EQ(rule("may_setgroups", -1, kBool), KS_RULE_RANGE) << "-1 reads as true";
  EXPECT_EQ(rule("may_setgroups", 1, kBool), KS_RULE_TYPE);
  EXPECT_EQ(rule("may_setgroups", 0, kBool), KS_RULE_ACCEPTED);
  EXPECT_EQ(rule("ptrace_may_access", 0, kBool), KS_RULE_ACCEPTED);
  EXPECT_EQ(rule("ptrace_may_access", 0, kIntType), KS_RULE_GRANTS) << "a reviewed entry holds for its type only";
  EXPECT_EQ(rule("some_bool_function", 0, kBool), KS_RULE_TYPE) << "false may well grant elsewhere";
}

TEST(Safety, WithoutBtfNothingIsShortCircuitedButMonitoringIsFine) {
  EXPECT_EQ(rule("af_alg_sendmsg", -EPERM, kUnknown), KS_RULE_NO_BTF);
  EXPECT_EQ(rule("af_alg_sendmsg", 0, kUnknown, false), KS_RULE_ACCEPTED);
}

TEST(Safety, ClonesInheritEveryRuleOfTheirBase) {
  EXPECT_EQ(rule("vfs_write.constprop.0", -1), KS_RULE_VITAL);
  EXPECT_EQ(rule("do_seccomp.part.0", -EPERM), KS_RULE_PROTECTS);
  EXPECT_EQ(rule("kprobe_foo.cold", 0, kIntType, false), KS_RULE_MACHINERY);
  EXPECT_EQ(rule("may_setgroups.isra.0", 0, kBool), KS_RULE_ACCEPTED);
  EXPECT_EQ(ks_base_name_len("a.isra.0"), 1u);
  EXPECT_EQ(ks_base_name_len("plain"), 5u);
}

TEST(Safety, FailuresThatRemoveAProtectionAreRefusedEvenAsErrnos) {
  for (const char* fn : {"do_seccomp", "seccomp_set_mode_filter", "__do_sys_landlock_restrict_self",
                         "aa_replace_profiles", "keyctl_restrict_keyring", "restrict_link_by_signature", "__sys_setuid",
                         "__sys_setresgid", "__x64_sys_setgroups", "__x64_sys_capset", "__do_sys_prctl", "close_fd",
                         "__x64_sys_close_range", "commit_creds", "lockdown_write"}) {
    EXPECT_EQ(rule(fn, -EPERM), KS_RULE_PROTECTS) << fn;
  }
  EXPECT_EQ(rule("__secure_computing", -1), KS_RULE_ACCEPTED) << "failing the check denies the system call";
}

TEST(Safety, WhatCrashesHidesOrLocksOutIsNeverShortCircuited) {
  for (const char* fn : {"vfs_write",
                         "ksys_write",
                         "__x64_sys_write",
                         "__x64_sys_openat",
                         "security_file_open",
                         "apparmor_file_open",
                         "selinux_file_permission",
                         "security_capable",
                         "cap_capable",
                         "inode_permission",
                         "security_locked_down",
                         "vprintk_emit",
                         "_printk",
                         "audit_log_start",
                         "__audit_syscall_exit",
                         "mutex_lock_interruptible",
                         "down_interruptible",
                         "schedule_timeout",
                         "try_to_wake_up",
                         "__kmalloc",
                         "should_failslab",
                         "notify_die",
                         "blocking_notifier_call_chain",
                         "do_send_sig_info",
                         "mod_timer",
                         "rcu_barrier",
                         "check_stack_object",
                         "simple_unlink",
                         "__x64_sys_delete_module",
                         "bpf_lsm_file_open"}) {
    EXPECT_EQ(rule(fn, -EPERM), fn == std::string("simple_unlink") ? KS_RULE_MACHINERY : KS_RULE_VITAL) << fn;
    EXPECT_EQ(rule(fn, 0, kIntType, false), fn == std::string("simple_unlink") ? KS_RULE_MACHINERY : KS_RULE_ACCEPTED)
        << fn << ": monitoring never changes a call";
  }
}

TEST(Safety, TheMachineryIsNotEvenMonitored) {
  for (const char* fn : {"register_kprobe", "kprobe_ftrace_handler", "ftrace_ops_list_func", "text_poke_bp",
                         "securityfs_remove", "kallsyms_lookup_name", "synchronize_rcu"}) {
    EXPECT_EQ(rule(fn, -EPERM), KS_RULE_MACHINERY) << fn;
    EXPECT_EQ(rule(fn, 0, kIntType, false), KS_RULE_MACHINERY) << fn;
  }
}

TEST(Safety, AColdPartIsNeverShortCircuitedButMayBeMonitored) {
  EXPECT_EQ(rule("tcp_sendmsg.cold", -EPERM), KS_RULE_NOT_ENTRY);
  EXPECT_EQ(rule("f.part.0.cold", -EPERM), KS_RULE_NOT_ENTRY);
  EXPECT_EQ(rule("tcp_sendmsg.cold", 0, kIntType, false), KS_RULE_ACCEPTED);
  ks_verdict verdict{};
  EXPECT_EQ(ks_check_name("f.cold", true, &verdict), -EACCES) << "refused before any lookup";
}

TEST(Safety, TheNameRulesAloneServeFunctionsNotLoadedYet) {
  ks_verdict verdict{};
  EXPECT_EQ(ks_check_name("vfs_write", true, &verdict), -EACCES);
  EXPECT_EQ(verdict.rule, KS_RULE_VITAL);
  EXPECT_EQ(ks_check_name("af_alg_sendmsg", true, &verdict), 0);
  EXPECT_EQ(ks_check_name("do_seccomp", true, &verdict), 0) << "protects needs the value and type";
}

// The partner rule's verdict, given where the module found the function
// (kmod/partner.c searches kernel memory; here the slot is given).
TEST(Safety, AConstructorItsCallerDestroysAfterIsRefusedUnlessReviewed) {
  ks_verdict verdict{};
  EXPECT_EQ(ks_check_partner("cake_init", true, "Qdisc_ops.init of cake", &verdict), -EACCES);
  EXPECT_EQ(verdict.rule, KS_RULE_PARTNER);
  EXPECT_STREQ(verdict.entry, "Qdisc_ops.init of cake");
  EXPECT_EQ(ks_check_partner("cake_init", true, nullptr, &verdict), -EACCES) << "not searched: nothing shows it safe";
  EXPECT_EQ(verdict.rule, KS_RULE_PARTNER);
  EXPECT_EQ(ks_check_partner("netem_change", true, "", &verdict), 0) << "stored in no constructor slot";
  EXPECT_EQ(ks_check_partner("cake_init", false, "Qdisc_ops.init of cake", &verdict), 0) << "monitor";
  for (const char* fn : {"sctp_init_sock", "sctp_init_sock.isra.0"}) {
    EXPECT_EQ(ks_check_partner(fn, true, "proto.init of SCTP", &verdict), 0) << fn << ": its destroy copes";
    EXPECT_EQ(verdict.rule, KS_RULE_ACCEPTED);
  }
  EXPECT_EQ(ks_check_partner("sctp_init_sockx", true, "proto.init of X", &verdict), -EACCES);
}

TEST(Safety, EachRefusalHasASentence) {
  for (int r = KS_RULE_MACHINERY; r <= KS_RULE_PARTNER; r++) {
    ks_verdict verdict{static_cast<ks_rule>(r), nullptr};
    EXPECT_NE(std::string(ks_refusal_reason(&verdict)), "no rule refuses it") << r;
  }
}

}  // namespace
