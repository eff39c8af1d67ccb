/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The engine at an engaged function's entry (engine.c): a direct
 * trampoline or the shared ftrace ops where the function has an ftrace
 * call site, a kprobe where it has none.
 */
#ifndef KS_ENGINE_H
#define KS_ENGINE_H

struct ks_engagement;

/*
 * Under ks_lock. Finds @e's function by "module:symbol" once its module
 * is known, else by its target, learns that module, picks the engine and
 * attaches it, not yet live; pending -> armed. -EACCES for a function of
 * killswitch itself, -EBUSY for a conflict (conflict.c), else the lookup's
 * error as kprobes gives it (-ENOENT: no such function). Only arm.c calls
 * it: the engine goes live with ks_engine_enable() once the function's
 * type has been judged.
 */
int ks_engine_attach(struct ks_engagement *e);
/* Under ks_lock. Lets @e's attached engine run the handler. */
int ks_engine_enable(struct ks_engagement *e);
/*
 * Under ks_lock. The same for @n engagements (pending ones are skipped):
 * one ftrace update for all the shared ops' call sites, then one each for
 * the direct ones and those with an ops of their own. 0, or the error of
 * the engagement at *@failed; the caller disarms them all.
 */
int ks_engine_enable_all(struct ks_engagement **list, unsigned int n,
			 unsigned int *failed);
/*
 * Under ks_lock. Detaches @e's engine if it is armed; armed -> pending.
 * Returns once no handler runs for it any more, but for a direct
 * trampoline: its calls run their body from then on (a call already in it
 * finishes as it began), and it leaves the call site in the background
 * (direct_engine.c), holding a reference on @e until then.
 */
void ks_disarm(struct ks_engagement *e);
/*
 * Under ks_lock. Disarms the @n engagements of @list at once, as
 * ks_disarm() does each: one ftrace update and one wait for all those on
 * the shared ops.
 */
void ks_disarm_list(struct ks_engagement **list, unsigned int n);
/*
 * Under ks_lock. Disarms every armed engagement on the list at once, as
 * ks_disarm_list() does, so taking down the maximum holds ks_lock for
 * moments, not minutes.
 */
void ks_disarm_all(void);

/* "direct", "ftrace" or "kprobe": what serves armed @e. */
const char *ks_engine_name(const struct ks_engagement *e);

#endif /* KS_ENGINE_H */
