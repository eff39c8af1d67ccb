/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ftrace engine (ftrace_engine.c): one IP-modifying ftrace_ops whose
 * handler (handler.c) serves every engaged function that has an ftrace
 * call site. Sites come and go in batches, one ftrace update each.
 */
#ifndef KS_FTRACE_ENGINE_H
#define KS_FTRACE_ENGINE_H

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

/* At unload, after the last engagement is gone: frees the filter. */
void ks_ftrace_exit(void);

#endif /* KS_FTRACE_ENGINE_H */
