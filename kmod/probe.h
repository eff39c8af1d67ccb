/* SPDX-License-Identifier: GPL-2.0 */
/* The kprobe at an engaged function's entry (probe.c). */
#ifndef KS_PROBE_H
#define KS_PROBE_H

struct ks_engagement;

/*
 * Under ks_lock. Registers @e's probe, disabled, by "module:symbol" once
 * its module is known, else by its target, and learns that module;
 * pending -> armed. -EACCES for a function of killswitch itself, -EBUSY
 * for a conflict (conflict.c), else kprobes' error as is (-ENOENT: no
 * such function). Only arm.c calls it: the probe goes live with
 * ks_probe_enable() once the function's type has been judged.
 */
int ks_probe_attach(struct ks_engagement *e);
/* Under ks_lock. Lets @e's attached probe run its handler. */
int ks_probe_enable(struct ks_engagement *e);
/*
 * Under ks_lock. Unregisters @e's probe if it is armed and returns once no
 * handler of it runs any more; armed -> pending.
 */
void ks_disarm(struct ks_engagement *e);
/*
 * Under ks_lock. Disarms every armed engagement on the list at once: one
 * RCU grace period for all of them instead of one each, so taking down the
 * maximum holds ks_lock for moments, not minutes.
 */
void ks_disarm_all(void);

#endif /* KS_PROBE_H */
