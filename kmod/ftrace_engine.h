/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ftrace engine (ftrace_engine.c): one IP-modifying ftrace_ops whose
 * handler (handler.c) serves every engaged function that has an ftrace
 * call site. Sites come and go in batches, one ftrace update each.
 */
#ifndef KS_FTRACE_ENGINE_H
#define KS_FTRACE_ENGINE_H

#include <linux/ftrace.h>

struct ks_engagement;

/*
 * Under ks_lock. Makes the handler run at @n call sites in one ftrace
 * update. 0, or ftrace's error with nothing changed (-EBUSY: another
 * IP-modifying user, a livepatch, holds one of them).
 */
int ks_ftrace_add(unsigned long *sites, unsigned int n);
/*
 * Under ks_lock. Takes the handler off @n call sites in one ftrace update
 * and returns once no handler runs for them any more.
 */
void ks_ftrace_remove(unsigned long *sites, unsigned int n);
/*
 * Returns once no handler that started before runs any more. A handler
 * looks its engagement up with preemption off, so an engagement taken out
 * of the table (ip_table.c) before this may be freed after it.
 */
void ks_ftrace_quiesce(void);

/*
 * A new ftrace_ops, not registered, with @func and @flags and a filter of
 * @site alone; an ERR_PTR when ftrace has no call site there.
 */
struct ftrace_ops *ks_ftrace_site_ops(unsigned long site, ftrace_func_t func,
				      unsigned long flags);
/* Frees one of those, unregistered. */
void ks_ftrace_site_ops_free(struct ftrace_ops *ops);

/*
 * Under ks_lock. Makes the handler run at @e's call site through an ops
 * of its own, for a function a BPF trampoline is attached to: 0, or
 * ftrace's error.
 */
int ks_ftrace_own_add(struct ks_engagement *e);
/* Under ks_lock. Takes it away; returns once no handler runs for it. */
void ks_ftrace_own_remove(struct ks_engagement *e);
/* At unload, after the last engagement is gone: frees the filter. */
void ks_ftrace_exit(void);

#endif /* KS_FTRACE_ENGINE_H */
