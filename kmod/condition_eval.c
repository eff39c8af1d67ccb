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

#include "condition.h"
#include "condition_eval.h"

/*
 * Both names are NUL-padded to the full 16 bytes (the kernel sets a comm
 * with strscpy_pad, the parser zero-fills): two word compares, inline.
 */
static __always_inline bool ks_comm_equal(const char *comm, const char *want)
{
	u64 a[2], b[2];

	BUILD_BUG_ON(sizeof(a) != TASK_COMM_LEN);
	BUILD_BUG_ON(sizeof(a) != KS_COND_COMM_LEN);
	memcpy(a, comm, sizeof(a));
	memcpy(b, want, sizeof(b));
	return a[0] == b[0] && a[1] == b[1];
}

static notrace bool ks_compare(const struct ks_pred *pred, long actual)
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
NOKPROBE_SYMBOL(ks_compare);

static notrace bool ks_pred_match(const struct ks_pred *pred, struct pt_regs *regs)
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
		return ks_compare(pred, (long)regs_get_kernel_argument(regs, pred->arg - 1));
	case KS_FIELD_COMM:
		equal = ks_comm_equal(current->comm, pred->comm);
		return pred->op == KS_OP_EQ ? equal : !equal;
	}
	return false;
}
NOKPROBE_SYMBOL(ks_pred_match);

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
