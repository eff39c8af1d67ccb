/* SPDX-License-Identifier: GPL-2.0 */
/* Arming an engagement: the probe goes live only once it is judged safe. */
#ifndef KS_ARM_H
#define KS_ARM_H

#include "safety.h"

struct ks_engagement;

/*
 * Under ks_lock. Attaches @e's probe (which learns the function's module),
 * judges the function by its BTF return type and @e's value with the
 * safety rules, and only then lets the probe run. Returns 0 (armed), or an
 * error with nothing attached: -EACCES with @verdict when the rules refuse,
 * else the probe's error (probe.h).
 */
int ks_arm(struct ks_engagement *e, struct ks_verdict *verdict);

#endif /* KS_ARM_H */
