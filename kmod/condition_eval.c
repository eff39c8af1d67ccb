// SPDX-License-Identifier: GPL-2.0
/*
 * Evaluates a condition for the current call, from the probe handler: reads
 * only the task's own credentials and comm and the argument registers, so
 * it needs no lock, allocates nothing and cannot sleep.
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

static bool ks_compare(const struct ks_pred *pred, long actual)
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

static bool ks_pred_match(const struct ks_pred *pred, struct pt_regs *regs)
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
		equal = strncmp(current->comm, pred->comm, TASK_COMM_LEN) == 0;
		return pred->op == KS_OP_EQ ? equal : !equal;
	}
	return false;
}
NOKPROBE_SYMBOL(ks_pred_match);

bool ks_cond_match(const struct ks_cond *cond, struct pt_regs *regs)
{
	unsigned int i;

	for (i = 0; i < cond->n; i++) {
		if (!ks_pred_match(&cond->preds[i], regs))
			return false;
	}
	return true;
}
NOKPROBE_SYMBOL(ks_cond_match);
