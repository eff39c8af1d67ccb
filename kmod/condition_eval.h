/* SPDX-License-Identifier: GPL-2.0 */
/* A condition (condition.h) tested against the current call (condition_eval.c). */
#ifndef KS_CONDITION_EVAL_H
#define KS_CONDITION_EVAL_H

#include <linux/types.h>

struct ks_cond;
struct pt_regs;

/* Whether this call matches @cond; no locks, no allocation. */
bool ks_cond_match(const struct ks_cond *cond, struct pt_regs *regs);

#endif /* KS_CONDITION_EVAL_H */
