/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The architecture-specific part: making a probed function return to its
 * caller at once. Each architecture carries its own return stub, because
 * the kernel's (just_return_func) is not exported to modules.
 */
#ifndef KS_ARCH_H
#define KS_ARCH_H

struct ftrace_regs;
struct ks_engagement;
struct pt_regs;

/*
 * Called from a probe at the very first instruction of a function: sets the
 * return value and resumes at a stub that returns to the caller.
 */
void ks_arch_return_now(struct pt_regs *regs, long retval);

/*
 * Called from a probe on a function's ftrace call site: resumes right after
 * that site, as if it were the no-op it is when nothing traces the function.
 */
void ks_arch_skip_ftrace_site(struct pt_regs *regs, unsigned long site);

/*
 * The registers an ftrace handler has without asking for all of them:
 * enough for what a condition reads (the argument registers).
 */
struct pt_regs *ks_arch_ftrace_regs(struct ftrace_regs *fregs);

/*
 * The return stub for the function whose entry is @key, claimed once when
 * it is armed so the hot path needs no lookup: one that loads its own
 * value where a slot is free, else the plain one.
 */
unsigned long ks_arch_claim_return_stub(unsigned long key);

/*
 * Called from the ftrace handler: returns @retval to the caller at once
 * through @stub (from ks_arch_claim_return_stub()) instead of running the
 * body.
 */
void ks_arch_ftrace_return_now(struct ftrace_regs *fregs, unsigned long stub,
			       long retval);

/*
 * Direct trampolines (direct_engine.c): code an ftrace call site calls
 * instead of ftrace's caller, one for each of KS_DIRECT_SLOTS slots, each
 * serving the engagement its slot holds: counts the call, and short-
 * circuits it when the engagement kills (and its condition holds, which a
 * trampoline asks ks_direct_decide()).
 */
#define KS_DIRECT_SLOTS 64

/*
 * Under ks_lock. Gives @e a free slot and sets *@tramp to its trampoline:
 * the slot's number, or -ENOSPC when all are taken.
 */
int ks_arch_direct_claim(struct ks_engagement *e, unsigned long *tramp);
/* Points the trampoline of @slot at @e; calls from then on see @e. */
void ks_arch_direct_point(int slot, struct ks_engagement *e);
/* Once no call site calls the slot's trampoline any more: frees @slot. */
void ks_arch_direct_release(int slot);

#endif /* KS_ARCH_H */
