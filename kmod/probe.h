/* SPDX-License-Identifier: GPL-2.0 */
/* The probe at a function's entry that counts calls and makes them return early. */
#ifndef KS_PROBE_H
#define KS_PROBE_H

struct ks_cond;
struct ks_engagement;
struct pt_regs;

/*
 * Registers the probe at @name ("symbol" or "module:symbol"): -EACCES for
 * a function of killswitch itself, else any error from kprobes as is (an
 * ftrace IPMODIFY conflict, such as a livepatch, is -EBUSY).
 */
int ks_probe_register(struct ks_engagement *e, const char *name);
/*
 * Where the probe landed: fills e->module; -EACCES when it is inside
 * killswitch itself.
 */
int ks_probe_locate(struct ks_engagement *e);
/* Unregisters it and returns once no handler of it runs any more. */
void ks_probe_unregister(struct ks_engagement *e);

/* Whether this call matches @cond (condition_eval.c); no locks, no allocation. */
bool ks_cond_match(const struct ks_cond *cond, struct pt_regs *regs);

#endif /* KS_PROBE_H */
