// SPDX-License-Identifier: GPL-2.0
/*
 * The rules of safety.h: the return type decides, a few reviewed tables
 * add what a type cannot tell. docs/safety.md has the why of each entry.
 */
#include "safety.h"
#include "uapi/killswitch.h"

/* A name, or a glob with '*' ("prefix*", "*infix*"), without clone suffix. */
struct ks_name_rule {
	const char *pattern;
	enum ks_rule rule;
};

/*
 * Refused by name, before the type is looked at. The first match wins.
 * KS_RULE_MACHINERY refuses monitor too; the others refuse a short circuit.
 */
static const struct ks_name_rule ks_name_rules[] = {
	/* What killswitch runs on: the probe, text patching, its files. */
	{ "kprobe*", KS_RULE_MACHINERY },
	{ "*kprobe*", KS_RULE_MACHINERY },
	{ "ftrace*", KS_RULE_MACHINERY },
	{ "*ftrace*", KS_RULE_MACHINERY },
	{ "text_poke*", KS_RULE_MACHINERY },
	{ "kallsyms*", KS_RULE_MACHINERY },
	{ "synchronize_rcu*", KS_RULE_MACHINERY },
	{ "register_module_notifier", KS_RULE_MACHINERY },
	{ "unregister_module_notifier", KS_RULE_MACHINERY },
	{ "sprint_symbol*", KS_RULE_MACHINERY },
	{ "securityfs_*", KS_RULE_MACHINERY },
	{ "simple_*", KS_RULE_MACHINERY },	/* libfs, under securityfs */
	{ "insn_*", KS_RULE_MACHINERY },	/* decodes the probed instruction */
	{ "copy_from_kernel_nofault*", KS_RULE_MACHINERY },
	{ "kernel_text_address", KS_RULE_MACHINERY },
	{ "__traceiter_*", KS_RULE_MACHINERY },
	/* An ftrace update patches text and frees trampolines: page attributes. */
	{ "*change_page_attr*", KS_RULE_MACHINERY },
	{ "set_memory_*", KS_RULE_MACHINERY },
	{ "set_direct_map_*", KS_RULE_MACHINERY },
	{ "pmd_clear_huge", KS_RULE_MACHINERY },
	{ "pud_clear_huge", KS_RULE_MACHINERY },
	/* Audit: no value of theirs refuses anything, it only hides. */
	{ "audit*", KS_RULE_VITAL },
	{ "__audit*", KS_RULE_VITAL },
	{ "kauditd*", KS_RULE_VITAL },
	/* The log: silencing it hides every later record, ours too. */
	{ "*printk*", KS_RULE_VITAL },
	{ "console_*", KS_RULE_VITAL },
	{ "*console_write*", KS_RULE_VITAL },
	{ "log_store", KS_RULE_VITAL },
	{ "prb_*", KS_RULE_VITAL },
	{ "desc_*", KS_RULE_VITAL },
	/* Lockdown: failing these reads as "locked down" to killswitch too. */
	{ "security_locked_down", KS_RULE_VITAL },
	{ "lockdown_is_locked_down", KS_RULE_VITAL },
	/*
	 * The way back: what a root shell's `echo disengage_all > control`
	 * runs (system call, path walk, open with O_TRUNC, write, close, the
	 * LSM hooks on them, capability checks), and rmmod's system call.
	 * From a function_graph trace of exactly that; the guest test
	 * WayBackTest re-traces it and fails on any function accepted here.
	 */
	{ "*sys_open*", KS_RULE_VITAL },
	{ "*sys_read", KS_RULE_VITAL },
	{ "*sys_write", KS_RULE_VITAL },
	{ "*sys_dup*", KS_RULE_VITAL },
	{ "*sys_fcntl", KS_RULE_VITAL },
	{ "*sys_delete_module", KS_RULE_VITAL },
	{ "x64_sys_call", KS_RULE_VITAL },
	{ "do_syscall_*", KS_RULE_VITAL },
	{ "ksys_read", KS_RULE_VITAL },
	{ "ksys_write", KS_RULE_VITAL },
	{ "ksys_dup3", KS_RULE_VITAL },
	{ "vfs_read", KS_RULE_VITAL },
	{ "vfs_write", KS_RULE_VITAL },
	{ "vfs_open", KS_RULE_VITAL },
	{ "rw_verify_area", KS_RULE_VITAL },
	{ "do_sys_open*", KS_RULE_VITAL },
	{ "do_filp_open", KS_RULE_VITAL },
	{ "path_openat", KS_RULE_VITAL },
	{ "do_dentry_open", KS_RULE_VITAL },
	{ "may_open", KS_RULE_VITAL },
	{ "may_lookup", KS_RULE_VITAL },
	{ "inode_permission", KS_RULE_VITAL },
	{ "generic_permission", KS_RULE_VITAL },
	{ "complete_walk", KS_RULE_VITAL },
	{ "link_path_walk", KS_RULE_VITAL },
	{ "walk_component", KS_RULE_VITAL },
	{ "lookup_fast", KS_RULE_VITAL },
	{ "set_root", KS_RULE_VITAL },
	{ "nd_jump_root", KS_RULE_VITAL },
	{ "do_truncate", KS_RULE_VITAL },
	{ "notify_change", KS_RULE_VITAL },
	{ "setattr_prepare", KS_RULE_VITAL },
	{ "may_setattr", KS_RULE_VITAL },
	{ "inode_newsize_ok", KS_RULE_VITAL },
	{ "simple_setattr", KS_RULE_VITAL },
	{ "*mnt_want_write*", KS_RULE_VITAL },
	{ "alloc_fd", KS_RULE_VITAL },
	{ "get_unused_fd_flags", KS_RULE_VITAL },
	{ "expand_files", KS_RULE_VITAL },
	{ "alloc_empty_file", KS_RULE_VITAL },
	{ "do_dup2", KS_RULE_VITAL },
	{ "f_dupfd", KS_RULE_VITAL },
	{ "do_fcntl", KS_RULE_VITAL },
	{ "seq_*", KS_RULE_VITAL },
	{ "single_*", KS_RULE_VITAL },
	{ "kernfs_iop_permission", KS_RULE_VITAL },
	{ "kernfs_dop_revalidate", KS_RULE_VITAL },
	{ "capable", KS_RULE_VITAL },
	{ "ns_capable*", KS_RULE_VITAL },
	{ "file_ns_capable", KS_RULE_VITAL },
	{ "has_*capability*", KS_RULE_VITAL },
	{ "security_file_alloc", KS_RULE_VITAL },
	{ "security_file_open", KS_RULE_VITAL },
	{ "apparmor_file_open", KS_RULE_VITAL },
	{ "selinux_file_open", KS_RULE_VITAL },
	{ "smack_file_open", KS_RULE_VITAL },
	{ "tomoyo_file_open", KS_RULE_VITAL },
	{ "security_file_permission", KS_RULE_VITAL },
	{ "apparmor_file_permission", KS_RULE_VITAL },
	{ "selinux_file_permission", KS_RULE_VITAL },
	{ "smack_file_permission", KS_RULE_VITAL },
	{ "apparmor_file_alloc_security", KS_RULE_VITAL },
	{ "selinux_file_alloc_security", KS_RULE_VITAL },
	{ "smack_file_alloc_security", KS_RULE_VITAL },
	{ "security_file_fcntl", KS_RULE_VITAL },
	{ "selinux_file_fcntl", KS_RULE_VITAL },
	{ "smack_file_fcntl", KS_RULE_VITAL },
	{ "tomoyo_file_fcntl", KS_RULE_VITAL },
	{ "security_inode_permission", KS_RULE_VITAL },
	{ "selinux_inode_permission", KS_RULE_VITAL },
	{ "smack_inode_permission", KS_RULE_VITAL },
	{ "security_inode_setattr", KS_RULE_VITAL },
	{ "selinux_inode_setattr", KS_RULE_VITAL },
	{ "smack_inode_setattr", KS_RULE_VITAL },
	{ "evm_inode_setattr", KS_RULE_VITAL },
	{ "security_inode_need_killpriv", KS_RULE_VITAL },
	{ "cap_inode_need_killpriv", KS_RULE_VITAL },
	{ "security_path_truncate", KS_RULE_VITAL },
	{ "apparmor_path_truncate", KS_RULE_VITAL },
	{ "tomoyo_path_truncate", KS_RULE_VITAL },
	{ "security_capable", KS_RULE_VITAL },
	{ "cap_capable", KS_RULE_VITAL },
	{ "apparmor_capable", KS_RULE_VITAL },
	{ "selinux_capable", KS_RULE_VITAL },
	{ "bpf_lsm_*", KS_RULE_VITAL },
	{ "aa_file_perm", KS_RULE_VITAL },
	{ "common_perm_cond", KS_RULE_VITAL },
	{ "hook_file_open", KS_RULE_VITAL },
	{ "tomoyo_check_open_permission", KS_RULE_VITAL },
	{ "tomoyo_path_perm", KS_RULE_VITAL },
	{ "tomoyo_init_request_info", KS_RULE_VITAL },
	{ "ima_file_check", KS_RULE_VITAL },
	{ "process_measurement", KS_RULE_VITAL },
	{ "avc_has_perm*", KS_RULE_VITAL },
	{ "*sys_poll", KS_RULE_VITAL },
	{ "do_sys_poll", KS_RULE_VITAL },
	{ "filp_close", KS_RULE_VITAL },
	{ "__legitimize_mnt", KS_RULE_VITAL },
	{ "__traverse_mounts", KS_RULE_VITAL },
	{ "mnt_get_count", KS_RULE_VITAL },
	{ "dentry_needs_remove_privs", KS_RULE_VITAL },
	{ "__vfs_getxattr", KS_RULE_VITAL },
	{ "inode_has_buffers", KS_RULE_VITAL },
	/*
	 * The operator's shell faults its own memory in on the way: page
	 * faults, page tables, memory cgroup charges, copies from and to user
	 * space, and its I/O priority.
	 */
	{ "Page*", KS_RULE_VITAL },
	{ "*_fault", KS_RULE_VITAL },
	{ "do_fault*", KS_RULE_VITAL },
	{ "*handle_mm_fault*", KS_RULE_VITAL },
	{ "__pte_alloc", KS_RULE_VITAL },
	{ "__pmd_alloc", KS_RULE_VITAL },
	{ "__pud_alloc", KS_RULE_VITAL },
	{ "__p4d_alloc", KS_RULE_VITAL },
	{ "*anon_vma*", KS_RULE_VITAL },
	{ "expand_stack*", KS_RULE_VITAL },
	{ "*mem_cgroup*", KS_RULE_VITAL },
	{ "*memcg*", KS_RULE_VITAL },
	{ "*_from_user*", KS_RULE_VITAL },
	{ "*_to_user*", KS_RULE_VITAL },
	{ "*copy_user*", KS_RULE_VITAL },
	{ "*user_pages*", KS_RULE_VITAL },
	{ "in_gate_area*", KS_RULE_VITAL },
	{ "*get_task_ioprio", KS_RULE_VITAL },
	{ "policy_node*", KS_RULE_VITAL },
	/* Hardened usercopy: its negative answers BUG() the kernel. */
	{ "check_*object*", KS_RULE_VITAL },
	{ "__check_object_size", KS_RULE_VITAL },
	{ "*usercopy*", KS_RULE_VITAL },
	/* The scheduler, wake-ups, waits and timers: a refusal here hangs. */
	{ "schedule*", KS_RULE_VITAL },
	{ "__schedule*", KS_RULE_VITAL },
	{ "sched_*", KS_RULE_VITAL },
	{ "*wake_up*", KS_RULE_VITAL },
	{ "*wake_function", KS_RULE_VITAL },
	{ "ttwu_*", KS_RULE_VITAL },
	{ "select_task_rq*", KS_RULE_VITAL },
	{ "can_migrate_task", KS_RULE_VITAL },
	{ "load_balance", KS_RULE_VITAL },
	{ "*idle_cpu", KS_RULE_VITAL },
	{ "cpu_stop*", KS_RULE_VITAL },
	{ "stop_*cpu*", KS_RULE_VITAL },
	{ "stop_machine*", KS_RULE_VITAL },
	{ "prepare_to_*wait*", KS_RULE_VITAL },
	{ "*swait*", KS_RULE_VITAL },
	{ "wait_for_completion*", KS_RULE_VITAL },
	{ "*hrtimer*", KS_RULE_VITAL },
	{ "timer_*", KS_RULE_VITAL },
	{ "*_timer", KS_RULE_VITAL },
	{ "__mod_timer", KS_RULE_VITAL },
	{ "__timer_delete*", KS_RULE_VITAL },
	{ "get_nohz_timer_target", KS_RULE_VITAL },
	{ "lock_timer_base", KS_RULE_VITAL },
	{ "try_to_del_timer_sync", KS_RULE_VITAL },
	{ "call_timer_fn", KS_RULE_VITAL },
	{ "tick_*", KS_RULE_VITAL },
	{ "clockevents_*", KS_RULE_VITAL },
	{ "ktime_*", KS_RULE_VITAL },
	{ "timekeeping_*", KS_RULE_VITAL },
	{ "*softirq*", KS_RULE_VITAL },
	{ "*cond_resched*", KS_RULE_VITAL },
	{ "balance_*", KS_RULE_VITAL },
	{ "*load_balance*", KS_RULE_VITAL },
	{ "*load_avg*", KS_RULE_VITAL },
	{ "need_active_balance", KS_RULE_VITAL },
	{ "group_balance_cpu", KS_RULE_VITAL },
	{ "calc_wheel_index", KS_RULE_VITAL },
	{ "detach_if_pending", KS_RULE_VITAL },
	{ "lapic_*", KS_RULE_VITAL },
	{ "ntp_*", KS_RULE_VITAL },
	{ "dyntick_*", KS_RULE_VITAL },
	{ "*lockup*", KS_RULE_VITAL },
	{ "watchdog*", KS_RULE_VITAL },
	/* Locking and RCU: a refused lock or grace period hangs or corrupts. */
	{ "mutex_*", KS_RULE_VITAL },
	{ "__mutex_*", KS_RULE_VITAL },
	{ "*_trylock*", KS_RULE_VITAL },
	{ "down", KS_RULE_VITAL },
	{ "down_*", KS_RULE_VITAL },
	{ "*rwsem*", KS_RULE_VITAL },
	{ "rt_mutex*", KS_RULE_VITAL },
	{ "ww_mutex*", KS_RULE_VITAL },
	{ "_raw_*", KS_RULE_VITAL },
	{ "rcu_*", KS_RULE_VITAL },
	{ "__rcu_*", KS_RULE_VITAL },
	{ "*srcu*", KS_RULE_VITAL },
	{ "call_rcu*", KS_RULE_VITAL },
	/* Work items and kernel threads. */
	{ "*queue_work*", KS_RULE_VITAL },
	{ "*queue_delayed_work*", KS_RULE_VITAL },
	{ "process_one_work", KS_RULE_VITAL },
	{ "worker_*", KS_RULE_VITAL },
	{ "try_to_grab_pending", KS_RULE_VITAL },
	{ "task_work_*", KS_RULE_VITAL },
	{ "kthread*", KS_RULE_VITAL },
	/*
	 * The allocator core (fail_function's should_failslab included), and
	 * page reclaim and compaction, which an allocation may enter.
	 */
	{ "kmalloc*", KS_RULE_VITAL },
	{ "__kmalloc*", KS_RULE_VITAL },
	{ "kmem_cache_*", KS_RULE_VITAL },
	{ "__kmem_cache_*", KS_RULE_VITAL },
	{ "*alloc_pages*", KS_RULE_VITAL },
	{ "get_page_from_freelist", KS_RULE_VITAL },
	{ "*vmalloc*", KS_RULE_VITAL },
	{ "kvmalloc*", KS_RULE_VITAL },
	{ "*slab*", KS_RULE_VITAL },
	{ "pcpu_*", KS_RULE_VITAL },
	{ "should_fail*", KS_RULE_VITAL },
	{ "rmqueue*", KS_RULE_VITAL },
	{ "__rmqueue*", KS_RULE_VITAL },
	{ "*free_pages*", KS_RULE_VITAL },
	{ "*pcp*", KS_RULE_VITAL },
	{ "*zone_watermark*", KS_RULE_VITAL },
	{ "*reclaim*", KS_RULE_VITAL },
	{ "*shrink*", KS_RULE_VITAL },
	{ "*compact*", KS_RULE_VITAL },
	{ "*lru*", KS_RULE_VITAL },
	/* Notifier chains, exit and signal delivery. */
	{ "*notifier*", KS_RULE_VITAL },
	{ "notify_die", KS_RULE_VITAL },
	{ "do_exit", KS_RULE_VITAL },
	{ "do_group_exit", KS_RULE_VITAL },
	{ "release_task", KS_RULE_VITAL },
	{ "exit_*", KS_RULE_VITAL },
	{ "*send_sig*", KS_RULE_VITAL },
	{ "*send_signal*", KS_RULE_VITAL },
	{ "*kill_pid*", KS_RULE_VITAL },
	{ "*kill_pgrp*", KS_RULE_VITAL },
	{ "get_signal", KS_RULE_VITAL },
	{ "force_sig*", KS_RULE_VITAL },
	{ "*signal_wake_up*", KS_RULE_VITAL },
	/* Code patching other than ours: static calls and jump labels. */
	{ "*static_call*", KS_RULE_VITAL },
	{ "*jump_label*", KS_RULE_VITAL },
	{ "tracepoint_*", KS_RULE_VITAL },
	/* Failure removes a protection: no negative errno either. */
	{ "*seccomp*", KS_RULE_PROTECTS },
	{ "*landlock*", KS_RULE_PROTECTS },
	{ "lockdown_*", KS_RULE_PROTECTS },
	{ "lock_kernel_down", KS_RULE_PROTECTS },
	{ "aa_replace_profiles", KS_RULE_PROTECTS },
	{ "aa_change_*", KS_RULE_PROTECTS },
	{ "*setprocattr*", KS_RULE_PROTECTS },
	{ "sel_write_load", KS_RULE_PROTECTS },
	{ "security_load_policy", KS_RULE_PROTECTS },
	{ "restrict_link_*", KS_RULE_PROTECTS },
	{ "*keyctl_restrict*", KS_RULE_PROTECTS },
	{ "keyring_restrict", KS_RULE_PROTECTS },
	{ "*set*uid*", KS_RULE_PROTECTS },
	{ "*set*gid*", KS_RULE_PROTECTS },
	{ "*setgroups*", KS_RULE_PROTECTS },
	{ "*capset*", KS_RULE_PROTECTS },
	{ "*prctl*", KS_RULE_PROTECTS },
	{ "*no_new_privs*", KS_RULE_PROTECTS },
	{ "commit_creds", KS_RULE_PROTECTS },
	{ "*close_fd*", KS_RULE_PROTECTS },
	{ "*sys_close*", KS_RULE_PROTECTS },
	{ "*close_range*", KS_RULE_PROTECTS },
};

/*
 * Reviewed values a type alone would refuse: the one value that makes
 * this function refuse, and only that value.
 */
struct ks_denying_value {
	const char *name;
	enum ks_return_kind kind;
	long value;
};

static const struct ks_denying_value ks_denying_values[] = {
	/* false: setgroups() in a user namespace is refused (EPERM). */
	{ "may_setgroups", KS_RET_BOOL, 0 },
	/* false: ptrace, /proc/<pid> files and process_vm_* are refused. */
	{ "ptrace_may_access", KS_RET_BOOL, 0 },
};

/*
 * Reviewed constructors whose destructor copes with a skipped body (so
 * the partner rule does not refuse them).
 */
static const char *const ks_partner_copes[] = {
	/* sctp_destroy_sock() returns at once while sp->ep is still NULL. */
	"sctp_init_sock",
};

/* Glob with '*' only, over the first @len bytes of @name. */
static bool ks_glob(const char *pattern, const char *name, size_t len)
{
	if (*pattern == '\0')
		return len == 0;
	if (*pattern == '*') {
		for (;; name++, len--) {
			if (ks_glob(pattern + 1, name, len))
				return true;
			if (len == 0)
				return false;
		}
	}
	return len > 0 && *pattern == *name && ks_glob(pattern + 1, name + 1, len - 1);
}

static const struct ks_name_rule *ks_rule_by_name(const char *symbol)
{
	size_t len = ks_base_name_len(symbol);
	size_t i;

	for (i = 0; i < KS_ARRAY_SIZE(ks_name_rules); i++)
		if (ks_glob(ks_name_rules[i].pattern, symbol, len))
			return &ks_name_rules[i];
	return NULL;
}

static const struct ks_denying_value *
ks_reviewed_value(const char *symbol, const struct ks_return_type *type, long value)
{
	size_t len = ks_base_name_len(symbol);
	size_t i;

	for (i = 0; i < KS_ARRAY_SIZE(ks_denying_values); i++) {
		const struct ks_denying_value *d = &ks_denying_values[i];

		if (strlen(d->name) == len && strncmp(d->name, symbol, len) == 0 &&
		    d->kind == type->kind && d->value == value)
			return d;
	}
	return NULL;
}

/* Whether @value fits a signed integer of @size bytes. */
static bool ks_fits_signed(long value, unsigned int size)
{
	if (size >= sizeof(long))
		return true;
	if (size == 0)
		return false;
	return value >= -(1L << (size * 8 - 1)) && value < (1L << (size * 8 - 1));
}

/* The type rule alone (safety.h): which rule refuses @value, if any. */
static enum ks_rule ks_type_rule(const struct ks_return_type *type, long value)
{
	switch (type->kind) {
	case KS_RET_UNKNOWN:
		return KS_RULE_NO_BTF;
	case KS_RET_SIGNED:
		if (value >= 0)
			return KS_RULE_GRANTS;
		if (value < -KS_MAX_ERRNO || !ks_fits_signed(value, type->size))
			return KS_RULE_RANGE;
		return KS_RULE_ACCEPTED;
	case KS_RET_BOOL:
		return value == 0 || value == 1 ? KS_RULE_TYPE : KS_RULE_RANGE;
	case KS_RET_VOID:
	case KS_RET_POINTER:
	case KS_RET_UNSIGNED:
	case KS_RET_ENUM:
	case KS_RET_OTHER:
		break;
	}
	return KS_RULE_TYPE;
}

/* The name rules, given the rule @named that covers @symbol (or NULL). */
static int ks_check_named(const char *symbol,
			  const struct ks_name_rule *named,
			  bool short_circuits, struct ks_verdict *verdict)
{
	verdict->rule = KS_RULE_ACCEPTED;
	verdict->entry = NULL;
	if (short_circuits && strstr(symbol, ".cold")) {
		verdict->rule = KS_RULE_NOT_ENTRY;
		return -EACCES;
	}
	if (named && (named->rule == KS_RULE_MACHINERY ||
		      (short_circuits && named->rule == KS_RULE_VITAL))) {
		verdict->rule = named->rule;
		verdict->entry = named->pattern;
		return -EACCES;
	}
	return 0;
}

int ks_check_name(const char *symbol, bool short_circuits,
		  struct ks_verdict *verdict)
{
	return ks_check_named(symbol, ks_rule_by_name(symbol), short_circuits,
			      verdict);
}

int ks_check_safety(const char *symbol, bool short_circuits, long retval,
		    const struct ks_return_type *type, struct ks_verdict *verdict)
{
	const struct ks_name_rule *named = ks_rule_by_name(symbol);
	const struct ks_denying_value *reviewed;
	int err;

	err = ks_check_named(symbol, named, short_circuits, verdict);
	if (err || !short_circuits)
		return err;
	reviewed = ks_reviewed_value(symbol, type, retval);
	if (reviewed) {
		verdict->entry = reviewed->name;
		return 0;
	}
	verdict->rule = ks_type_rule(type, retval);
	if (verdict->rule == KS_RULE_ACCEPTED && named) {
		verdict->rule = named->rule;	/* KS_RULE_PROTECTS */
		verdict->entry = named->pattern;
	}
	return verdict->rule == KS_RULE_ACCEPTED ? 0 : -EACCES;
}

int ks_check_partner(const char *symbol, bool short_circuits,
		     const char *slot, struct ks_verdict *verdict)
{
	size_t len = ks_base_name_len(symbol);
	size_t i;

	verdict->rule = KS_RULE_ACCEPTED;
	verdict->entry = NULL;
	if (!short_circuits || (slot && !slot[0]))
		return 0;
	for (i = 0; i < KS_ARRAY_SIZE(ks_partner_copes); i++)
		if (strlen(ks_partner_copes[i]) == len &&
		    strncmp(ks_partner_copes[i], symbol, len) == 0) {
			verdict->entry = ks_partner_copes[i];
			return 0;
		}
	verdict->rule = KS_RULE_PARTNER;
	verdict->entry = slot ? slot : "its object's data could not be searched";
	return -EACCES;
}

/* Each rule's reason, in words, for the log. */
static const char *const ks_rule_reasons[] = {
	[KS_RULE_ACCEPTED] = "no rule refuses it",
	[KS_RULE_MACHINERY] = "it is part of the machinery killswitch runs on",
	[KS_RULE_VITAL] =
		"short-circuiting it would crash the kernel, hide what happens (log, audit) or lock root out of killswitch",
	[KS_RULE_NO_BTF] =
		"its return type is unknown (no BTF for it, or its BTF entries disagree), so no value is shown to refuse",
	[KS_RULE_TYPE] =
		"no value of its return type (void, pointer, unsigned, enum, bool) is shown to only refuse",
	[KS_RULE_GRANTS] =
		"the value would report success or permission (only a negative errno refuses)",
	[KS_RULE_RANGE] = "the value is not a negative errno that fits its return type",
	[KS_RULE_PROTECTS] =
		"its failure removes a protection (seccomp, LSM policy, lockdown, keyrings, dropping privileges or files)",
	[KS_RULE_NOT_ENTRY] =
		"a .cold part is a block of its function that is jumped to, never called: returning from it would corrupt the stack (monitor it, or engage the function itself)",
	[KS_RULE_PARTNER] =
		"it is a constructor whose caller runs the destructor when it fails, which would tear down what the skipped body never set up (engage a function it calls, or the caller)",
};

const char *ks_refusal_reason(const struct ks_verdict *verdict)
{
	return ks_rule_reasons[verdict->rule];
}
