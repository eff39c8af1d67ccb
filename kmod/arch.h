/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The architecture-specific part (arch/x86/, arch/arm64/): making a probed
 * function return to its caller at once, finding a function's ftrace call
 * site, and reading what an instruction calls. x86_64 carries its own
 * return stubs, because the kernel's (just_return_func) is not exported
 * to modules; arm64 returns through the link register and needs none.
 */
#ifndef KS_ARCH_H
#define KS_ARCH_H

#include <linux/errno.h>
#include <linux/kconfig.h>
#include <linux/rcupdate.h>
#include <linux/rcupdate_trace.h>

struct ftrace_regs;
struct kprobe;
struct ks_engagement;
struct pt_regs;

/*
 * The ftrace call site of the function a disabled kprobe (@scout) was
 * registered at, or 0 when the function has none. x86 puts the kprobe on
 * the site itself (kprobes on ftrace); arm64 has no kprobes on ftrace, and
 * its site is the instruction after "mov x9, x30" at the function's start.
 */
unsigned long ks_arch_ftrace_site(struct kprobe *scout);

/* The target of the call instruction at @addr, or 0 when it is none. */
unsigned long ks_arch_call_target(unsigned long addr);

/*
 * Called from a probe at the very first instruction of a function: sets the
 * return value and resumes at a stub that returns to the caller.
 */
void ks_arch_return_now(struct pt_regs *regs, long retval);

/*
 * Called from a probe on a function's ftrace call site: resumes right after
 * that site, as if it were the no-op it is when nothing traces the function.
 * Only with CONFIG_KPROBES_ON_FTRACE (x86); arm64 has no such probes.
 */
void ks_arch_skip_ftrace_site(struct pt_regs *regs, unsigned long site);

/*
 * The registers an ftrace handler has without asking for all of them, as a
 * pt_regs: enough for what a condition reads (the argument registers). The
 * pt_regs inside @fregs where ftrace keeps one (x86; arm64 on 6.1), else
 * @scratch filled from @fregs (arm64 on 6.12: KS_ARCH_FTRACE_REGS_COPIED,
 * and only then does the handler give it a @scratch, on its stack).
 */
#if IS_ENABLED(CONFIG_ARM64) && IS_ENABLED(CONFIG_HAVE_DYNAMIC_FTRACE_WITH_ARGS)
#define KS_ARCH_FTRACE_REGS_COPIED 1
#else
#define KS_ARCH_FTRACE_REGS_COPIED 0
#endif
struct pt_regs *ks_arch_ftrace_regs(struct ftrace_regs *fregs,
				    struct pt_regs *scratch);

/*
 * Under ks_lock. The return stub for an engagement on an ftrace call site
 * that may return early, claimed when it is armed so the hot path needs no
 * lookup: one that loads its own value (x86), or 0 where returns need no
 * stub (arm64). 0, or -ENOSPC (never while there are no more engagements
 * than KS_MAX_ENGAGEMENTS). May wait for the grace periods of
 * ks_wait_return_stub_leavers().
 */
int ks_arch_return_stub_claim(unsigned long *stub);
/*
 * Under ks_lock, once no handler can send a call to @stub any more: it is
 * reused only after ks_wait_return_stub_leavers().
 */
void ks_arch_return_stub_release(unsigned long stub);

/*
 * Waits until no call a handler sent to a return stub can still be on its
 * way there. Between the two a task may be preempted, which a tasks-RCU
 * grace period waits for, or be inside a sleepable BPF program (a BPF
 * trampoline runs between them when the function has one), which only a
 * tasks-trace grace period waits for. Tasks first (a task preempted before
 * the program is not a tasks-trace reader yet, and sleeping in it later
 * would end a tasks grace period), then tasks-trace, then tasks again for
 * the way from the program to the stub. As BPF frees a trampoline, with
 * one wait more: a task between two sleepable programs is still not
 * covered, here as there.
 */
static inline void ks_wait_return_stub_leavers(void)
{
	synchronize_rcu_tasks();
#ifdef CONFIG_TASKS_TRACE_RCU
	synchronize_rcu_tasks_trace();
	synchronize_rcu_tasks();
#endif
}

/*
 * Called from the ftrace handler: returns @retval to the caller at once
 * through @stub (from ks_arch_return_stub_claim()) instead of running the
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
#if IS_ENABLED(CONFIG_X86_64)
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
#else
/*
 * No trampolines of ours here yet (arm64): every ftrace site goes to the
 * shared ops, as with direct_trampolines=0 on x86, and the parameter takes
 * 0 only.
 */
#define KS_DIRECT_SLOTS 0

static inline int ks_arch_direct_claim(struct ks_engagement *e,
				       unsigned long *tramp)
{
	return -EOPNOTSUPP;
}

static inline void ks_arch_direct_point(int slot, struct ks_engagement *e)
{
}

static inline void ks_arch_direct_release(int slot)
{
}
#endif

#endif /* KS_ARCH_H */
