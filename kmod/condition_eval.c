// SPDX-License-Identifier: GPL-2.0
/*
 * Evaluates a condition for the current call, from the probe handler: reads
 * only the task's own credentials and comm and the argument registers, so
 * it needs no lock, allocates nothing and cannot sleep. Everything here is
 * notrace and calls nothing out of line: the ftrace handler relies on that
 * to need no recursion guard (an engaged strncmp cannot recurse into it).
 */
#include <linux/cred.h>
#include <linux/kprobes.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uidgid.h>
#include <linux/user_namespace.h>

#include "compat.h"
#include "condition.h"
#include "condition_eval.h"

/*
 * Both names are NUL-padded to the full 16 bytes (the kernel sets a comm
 * with strscpy_pad, the parser zero-fills): two word compares, inline, in
 * registers (an array on the stack would cost a stack canary per call).
 */
static __always_inline bool ks_comm_equal(const char *comm, const char *want)
{
	BUILD_BUG_ON(2 * sizeof(u64) != TASK_COMM_LEN);
	BUILD_BUG_ON(2 * sizeof(u64) != KS_COND_COMM_LEN);
	return get_unaligned((const u64 *)comm) == get_unaligned((const u64 *)want) &&
	       get_unaligned((const u64 *)comm + 1) == get_unaligned((const u64 *)want + 1);
}

/* Inline, as is ks_pred_match(): one call evaluates a whole condition. */
static __always_inline bool ks_compare(const struct ks_pred *pred, long actual)
{
	switch (pred->op) {
	case KS_OP_EQ:
		return actual == pred->value;
	case KS_OP_NE:
		return actual != pred->value;
	case KS_OP_AND:
		return (actual & pred->value) != 0;
	}
	return false;
}

static __always_inline bool ks_pred_match(const struct ks_pred *pred,
					  struct pt_regs *regs)
{
	bool equal;

	switch (pred->field) {
	case KS_FIELD_UID:
		/* A kuid's value is the uid in the initial namespace. */
		return ks_compare(pred, __kuid_val(current_uid()));
	case KS_FIELD_EUID:
		return ks_compare(pred, __kuid_val(current_euid()));
	case KS_FIELD_USERNS:
		equal = current_user_ns() == &init_user_ns;
		return pred->op == KS_OP_EQ ? equal : !equal;
	case KS_FIELD_ARG:
		/*
		 * Only register arguments (the parser allows 1..6): bounded
		 * here, the kernel's helper drops its path that reads the
		 * stack, an out-of-line call this hot path must not make.
		 */
		if ((unsigned int)(pred->arg - 1) >= NR_REG_ARGUMENTS)
			return false;
		return ks_compare(pred, (long)regs_get_kernel_argument(regs, pred->arg - 1));
	case KS_FIELD_COMM:
		equal = ks_comm_equal(current->comm, pred->comm);
		return pred->op == KS_OP_EQ ? equal : !equal;
	}
	return false;
}

notrace bool ks_cond_match(const struct ks_cond *cond, struct pt_regs *regs)
{
	unsigned int i;

	for (i = 0; i < cond->n; i++) {
		if (!ks_pred_match(&cond->preds[i], regs))
			return false;
	}
	return true;
}
NOKPROBE_SYMBOL(ks_cond_match);
