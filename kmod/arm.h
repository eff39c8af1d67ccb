/* SPDX-License-Identifier: GPL-2.0 */
/* Arming an engagement: the engine goes live only once it is judged safe. */
#ifndef KS_ARM_H
#define KS_ARM_H

#include "safety.h"

struct ks_engagement;

/*
 * Under ks_lock. Attaches @e's engine, not live (which learns the
 * function's module), and judges the function by its BTF return type and
 * @e's value with the safety rules. Returns 0 (armed, ready to go live
 * with ks_engine_enable()), or an error with nothing attached: -EACCES
 * with @verdict when the rules refuse, else the engine's error (engine.h).
 */
int ks_arm_judged(struct ks_engagement *e, struct ks_verdict *verdict);

/* The same, and then lets the engine run: for one engagement on its own. */
int ks_arm(struct ks_engagement *e, struct ks_verdict *verdict);

/*
 * Under ks_lock, at the end of whatever armed (a write, a module load):
 * lets go of what arming kept for the next line (the lookups' scouts, the
 * BTF read), with one wait for all.
 */
void ks_arm_done(void);

#endif /* KS_ARM_H */
