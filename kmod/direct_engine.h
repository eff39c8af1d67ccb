/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The direct engine (direct_engine.c): an engaged function's ftrace call
 * site calls a trampoline of ours (arch.h) instead of ftrace's caller, one
 * ftrace_ops of its own for each engagement.
 */
#ifndef KS_DIRECT_ENGINE_H
#define KS_DIRECT_ENGINE_H

struct ks_engagement;

/*
 * A write of more lines than this puts them all on the shared ftrace ops:
 * one ftrace update for the write instead of one for each line.
 */
#define KS_DIRECT_LINES_MAX 16

/*
 * Under ks_lock. The write being carried out has @lines lines (0 once it
 * is done, and for everything that is not a write).
 */
void ks_direct_batch(unsigned int lines);
/*
 * Under ks_lock. Claims a trampoline for @e (at e->site): 0, or -ENOSPC
 * when none is free or the write is too long (the shared ops serves @e).
 */
int ks_direct_claim(struct ks_engagement *e);
/* Gives the claimed trampoline back; @e is not live. */
void ks_direct_unclaim(struct ks_engagement *e);
/*
 * Under ks_lock. Makes e->site call the trampoline: one ftrace update. 0,
 * or ftrace's error with nothing changed (-EBUSY: a livepatch or a BPF
 * trampoline holds the function).
 */
int ks_direct_add(struct ks_engagement *e);
/*
 * Under ks_lock. @e's calls run from now on; its trampoline is taken off
 * e->site in the background, then its slot is given back and the
 * reference this takes on @e dropped.
 */
void ks_direct_retire(struct ks_engagement *e);
/*
 * Waits until the trampoline retired at @site (every one, for 0) is off
 * its call site: before that site is engaged again, before a module's
 * text goes away, at unload. May be called under ks_lock.
 */
void ks_direct_settle(unsigned long site);

#endif /* KS_DIRECT_ENGINE_H */
