/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The safety rules applied to a target and value before anything is
 * probed (docs/safety.md gives each rule's why and test). What is not
 * shown safe is refused:
 *
 * - The machinery killswitch runs on is never engaged, not even to
 *   monitor.
 * - A value is judged by the type it lands in, read from BTF
 *   (return_type.h): it must be one that can only make the caller refuse.
 *   On a signed integer that is a negative errno; 0 and positive numbers
 *   report success, so they are refused. A bool, a pointer, a void, an
 *   unsigned or an enum return has no value that is refusing by itself:
 *   refused, unless a reviewed entry names the one value that is.
 *   No BTF, no engagement.
 * - Some failures remove a protection (a seccomp filter not installed, a
 *   setuid() that did not drop privileges): a negative errno is refused
 *   there too.
 * - A constructor whose caller runs a destructor after it fails (a
 *   qdisc's or a socket protocol's init, found by where it is stored:
 *   partner.h) is not short-circuited: the destructor would tear down
 *   what the skipped body never set up.
 * - Some functions hold the kernel or the way back together (the log,
 *   audit, the path of a root write to killswitch's control file): they
 *   are never short-circuited.
 *
 * Names are judged without their compiler-clone suffix (".isra.0",
 * ".constprop.0", ".part.0", ".cold"): a clone inherits every rule of
 * its base function.
 *
 * Pure code: it judges names, types and numbers only.
 */
#ifndef KS_SAFETY_H
#define KS_SAFETY_H

#include "return_type.h"
#include "shim.h"

enum ks_rule {
	KS_RULE_ACCEPTED = 0,
	KS_RULE_MACHINERY,	/* killswitch runs on it */
	KS_RULE_VITAL,		/* short-circuiting it crashes, hides or locks out */
	KS_RULE_NO_BTF,		/* nothing tells what it returns */
	KS_RULE_TYPE,		/* no value of its return type only refuses */
	KS_RULE_GRANTS,		/* the value reports success or permission */
	KS_RULE_RANGE,		/* the value is no errno, or does not fit */
	KS_RULE_PROTECTS,	/* its failure removes a protection */
	KS_RULE_NOT_ENTRY,	/* a .cold block: jumped to, never called */
	KS_RULE_PARTNER,	/* a failure its caller follows with a destructor */
};

struct ks_verdict {
	enum ks_rule rule;
	const char *entry;	/* the table entry that decided, or NULL */
};

/*
 * Whether @symbol, returning @type, may be engaged: @short_circuits is
 * false for monitor (count only) and true for engage and tryengage with
 * @retval. Returns 0, or -EACCES with @verdict saying which rule refused.
 */
int ks_check_safety(const char *symbol, bool short_circuits, long retval,
		    const struct ks_return_type *type, struct ks_verdict *verdict);

/*
 * The name rules alone, for what cannot be typed yet (a function whose
 * module is not loaded): ks_check_safety() applies them too.
 */
int ks_check_name(const char *symbol, bool short_circuits,
		  struct ks_verdict *verdict);

/*
 * The rule of partner.h, given @slot, the ops slot the function is found
 * in ("" for none, NULL when its data could not be searched): refused to
 * short-circuit unless a reviewed entry shows the destructor copes.
 */
int ks_check_partner(const char *symbol, bool short_circuits,
		     const char *slot, struct ks_verdict *verdict);

/* A human sentence for @verdict, for logs and the tool. */
const char *ks_refusal_reason(const struct ks_verdict *verdict);

#endif /* KS_SAFETY_H */
