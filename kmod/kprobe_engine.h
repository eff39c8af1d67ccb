/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kprobe engine (kprobe_engine.c): the fallback at the entry of a
 * function without an ftrace call site. Called by engine.c under ks_lock.
 */
#ifndef KS_KPROBE_ENGINE_H
#define KS_KPROBE_ENGINE_H

struct ks_engagement;

/*
 * Registers @e's kprobe, disabled, at @addr, where the lookup of @name (the
 * name logs use) found it; kprobes' error as is.
 */
int ks_kprobe_attach(struct ks_engagement *e, const char *name,
		     unsigned long addr);
/* Lets the attached kprobe run its handler. */
int ks_kprobe_enable(struct ks_engagement *e);
/* Unregisters it; returns once no handler of it runs any more. */
void ks_kprobe_detach(struct ks_engagement *e);
/* The same for @n engagements, with one grace period for all. */
void ks_kprobe_detach_all(struct ks_engagement **list, unsigned int n);

#endif /* KS_KPROBE_ENGINE_H */
