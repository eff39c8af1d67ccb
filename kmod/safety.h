/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The safety rules applied to a target and value before anything is
 * probed (docs/safety.md says why):
 *
 * - Fail closed: on functions that decide access, only values that deny
 *   are accepted. Functions returning an errno must be made to fail
 *   (-KS_MAX_ERRNO..-1); capability checks returning bool must be made to
 *   say no (0); audit functions are never short-circuited, since no value
 *   of theirs denies anything, it would only hide.
 * - Killswitch's own machinery (kprobes, ftrace, securityfs, text
 *   patching, symbol lookup) is never engaged, not even to monitor.
 *
 * Pure code: it judges names and numbers only. What needs the kernel
 * (the module a function lives in) is checked by probe.c.
 */
#ifndef KS_SAFETY_H
#define KS_SAFETY_H

#include "shim.h"

enum ks_category {
	KS_CAT_ORDINARY = 0,
	KS_CAT_ACCESS_ERRNO,	/* returns 0 to allow, -errno to deny */
	KS_CAT_ACCESS_BOOL,	/* returns true to allow, false to deny */
	KS_CAT_AUDIT,		/* records what happened; never silenced */
	KS_CAT_MACHINERY,	/* what killswitch runs on */
};

struct ks_verdict {
	enum ks_category category;
	const char *rule;	/* the rule that matched, for the log */
};

/* Which rule, if any, covers @symbol. */
struct ks_verdict ks_classify(const char *symbol);

/*
 * Whether @symbol may be engaged: @short_circuits is false for monitor
 * (count only) and true for engage and tryengage with @retval.
 * Returns 0, or -EACCES with @verdict saying which rule refused.
 */
int ks_check_safety(const char *symbol, bool short_circuits, long retval,
		    struct ks_verdict *verdict);

/* A human sentence for a refusal by @verdict, for logs. */
const char *ks_refusal_reason(const struct ks_verdict *verdict);

#endif /* KS_SAFETY_H */
