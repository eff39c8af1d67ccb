// SPDX-License-Identifier: GPL-2.0
/* The fail-closed and machinery rules of safety.h, as tables of names. */
#include "safety.h"
#include "uapi/killswitch.h"

struct ks_rule {
	const char *pattern;	/* a name, or a prefix when it ends in '*' */
	enum ks_category category;
};

/*
 * More specific patterns come first: the first match wins. Prefixes cover
 * the LSM hooks (security_*) and every LSM's implementations.
 */
static const struct ks_rule ks_rules[] = {
	/* Capability checks that answer yes or no. */
	{ "capable", KS_CAT_ACCESS_BOOL },
	{ "ns_capable", KS_CAT_ACCESS_BOOL },
	{ "ns_capable_noaudit", KS_CAT_ACCESS_BOOL },
	{ "ns_capable_setid", KS_CAT_ACCESS_BOOL },
	{ "file_ns_capable", KS_CAT_ACCESS_BOOL },
	{ "has_capability", KS_CAT_ACCESS_BOOL },
	{ "has_capability_noaudit", KS_CAT_ACCESS_BOOL },
	{ "has_ns_capability", KS_CAT_ACCESS_BOOL },
	{ "has_ns_capability_noaudit", KS_CAT_ACCESS_BOOL },
	{ "capable_wrt_inode_uidgid", KS_CAT_ACCESS_BOOL },
	{ "privileged_wrt_inode_uidgid", KS_CAT_ACCESS_BOOL },
	{ "ptracer_capable", KS_CAT_ACCESS_BOOL },
	{ "kuid_has_mapping", KS_CAT_ACCESS_BOOL },
	/* Killswitch's own machinery. */
	{ "securityfs_*", KS_CAT_MACHINERY },
	{ "kprobe*", KS_CAT_MACHINERY },
	{ "*kprobe*", KS_CAT_MACHINERY },
	{ "ftrace*", KS_CAT_MACHINERY },
	{ "*ftrace*", KS_CAT_MACHINERY },
	{ "text_poke*", KS_CAT_MACHINERY },
	{ "kallsyms*", KS_CAT_MACHINERY },
	{ "synchronize_rcu*", KS_CAT_MACHINERY },
	{ "register_module_notifier", KS_CAT_MACHINERY },
	{ "unregister_module_notifier", KS_CAT_MACHINERY },
	{ "sprint_symbol*", KS_CAT_MACHINERY },
	/* Audit. */
	{ "audit_*", KS_CAT_AUDIT },
	{ "__audit_*", KS_CAT_AUDIT },
	{ "kauditd*", KS_CAT_AUDIT },
	/* LSM hooks and the LSMs. */
	{ "security_*", KS_CAT_ACCESS_ERRNO },
	{ "cap_*", KS_CAT_ACCESS_ERRNO },
	{ "apparmor_*", KS_CAT_ACCESS_ERRNO },
	{ "aa_*", KS_CAT_ACCESS_ERRNO },
	{ "selinux_*", KS_CAT_ACCESS_ERRNO },
	{ "avc_*", KS_CAT_ACCESS_ERRNO },
	{ "smack_*", KS_CAT_ACCESS_ERRNO },
	{ "tomoyo_*", KS_CAT_ACCESS_ERRNO },
	{ "landlock_*", KS_CAT_ACCESS_ERRNO },
	{ "yama_*", KS_CAT_ACCESS_ERRNO },
	{ "safesetid_*", KS_CAT_ACCESS_ERRNO },
	{ "loadpin_*", KS_CAT_ACCESS_ERRNO },
	{ "bpf_lsm_*", KS_CAT_ACCESS_ERRNO },
	{ "ima_*", KS_CAT_ACCESS_ERRNO },
	{ "evm_*", KS_CAT_ACCESS_ERRNO },
	{ "integrity_*", KS_CAT_ACCESS_ERRNO },
	{ "lockdown_*", KS_CAT_ACCESS_ERRNO },
	/* Permission and credential checks. */
	{ "inode_permission", KS_CAT_ACCESS_ERRNO },
	{ "generic_permission", KS_CAT_ACCESS_ERRNO },
	{ "may_*", KS_CAT_ACCESS_ERRNO },
	{ "ptrace_may_access", KS_CAT_ACCESS_BOOL },
	{ "__ptrace_may_access", KS_CAT_ACCESS_ERRNO },
	/* Module signatures. */
	{ "mod_verify_sig", KS_CAT_ACCESS_ERRNO },
	{ "module_sig_check", KS_CAT_ACCESS_ERRNO },
	{ "verify_pkcs7_signature", KS_CAT_ACCESS_ERRNO },
	{ "verify_pkcs7_message_sig", KS_CAT_ACCESS_ERRNO },
	{ "pkcs7_*", KS_CAT_ACCESS_ERRNO },
	{ "public_key_verify_signature", KS_CAT_ACCESS_ERRNO },
	{ "verify_signature", KS_CAT_ACCESS_ERRNO },
};

/* Glob with '*' only: enough for "prefix*", "*infix*". */
static bool ks_glob(const char *pattern, const char *name)
{
	if (*pattern == '\0')
		return *name == '\0';
	if (*pattern == '*') {
		for (;; name++) {
			if (ks_glob(pattern + 1, name))
				return true;
			if (*name == '\0')
				return false;
		}
	}
	return *pattern == *name && ks_glob(pattern + 1, name + 1);
}

struct ks_verdict ks_classify(const char *symbol)
{
	struct ks_verdict verdict = { KS_CAT_ORDINARY, NULL };
	size_t i;

	for (i = 0; i < KS_ARRAY_SIZE(ks_rules); i++) {
		if (ks_glob(ks_rules[i].pattern, symbol)) {
			verdict.category = ks_rules[i].category;
			verdict.rule = ks_rules[i].pattern;
			break;
		}
	}
	return verdict;
}

int ks_check_safety(const char *symbol, bool short_circuits, long retval,
		    struct ks_verdict *verdict)
{
	*verdict = ks_classify(symbol);
	switch (verdict->category) {
	case KS_CAT_ORDINARY:
		return 0;
	case KS_CAT_MACHINERY:
		return -EACCES;
	case KS_CAT_AUDIT:
		return short_circuits ? -EACCES : 0;
	case KS_CAT_ACCESS_BOOL:
		return short_circuits && retval != 0 ? -EACCES : 0;
	case KS_CAT_ACCESS_ERRNO:
		return short_circuits && !(retval < 0 && retval >= -KS_MAX_ERRNO) ?
			       -EACCES : 0;
	}
	return -EACCES;
}

const char *ks_refusal_reason(const struct ks_verdict *verdict)
{
	switch (verdict->category) {
	case KS_CAT_MACHINERY:
		return "it is part of the machinery killswitch runs on";
	case KS_CAT_AUDIT:
		return "it records security events, and short-circuiting it would only hide them";
	case KS_CAT_ACCESS_BOOL:
		return "it decides access, so only 0 (deny) is accepted";
	case KS_CAT_ACCESS_ERRNO:
		return "it decides access, so only a negative errno (deny) is accepted";
	case KS_CAT_ORDINARY:
		break;
	}
	return "no rule refuses it";
}
