/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where a function's entry is and who else uses it (conflict.c): found
 * before anything of ours is attached, so a conflict is refused with
 * -EBUSY and a log line that names it, and nothing was touched.
 */
#ifndef KS_CONFLICT_H
#define KS_CONFLICT_H

#include <linux/types.h>

/* What a look at a function's entry found. */
struct ks_site {
	unsigned long addr;	/* the entry; the ftrace call site when ftrace */
	bool ftrace;		/* an ftrace call site: the ftrace engine can take it */
	bool kprobed;		/* another kprobe is already registered there */
	bool bpf;		/* a BPF trampoline is attached there */
};

/*
 * Under ks_lock. Looks up @name ("symbol" or "module:symbol") the way
 * kprobes does and fills @site: 0, or the lookup's error as kprobes gives
 * it (-ENOENT: no such function; -EINVAL: not a probeable function entry).
 * What it leaves registered to look is let go by ks_sites_release().
 */
int ks_site_find(const char *name, struct ks_site *site);

/*
 * Under ks_lock. The same for the function the caller says starts at @at
 * (at= of a command, from /proc/kallsyms), which picks one of several
 * functions of a name: -EINVAL (logged) unless @at is where kallsyms has
 * @name start, then looked up at that address with kprobes' checks.
 */
int ks_site_at(const char *name, unsigned long at, struct ks_site *site);

/*
 * Under ks_lock, at the end of whatever looked up sites (a batch, a module
 * load): lets go of what the lookups left, with one wait for all.
 */
void ks_sites_release(void);

/* Logs a conflict the engine refuses (see conflict.c) and returns -EBUSY. */
int ks_conflict_refuse(const char *name, const struct ks_site *site);

/*
 * Passes @err from arming the engine at @name through; logs what an
 * -EBUSY means: another ftrace user that moves the instruction pointer,
 * such as a livepatch.
 */
int ks_conflict_explain(const char *name, int err);

#endif /* KS_CONFLICT_H */
