// SPDX-License-Identifier: GPL-2.0
/*
 * The hot path: the handlers at the entry of an engaged function, one for
 * each engine (engine.c). They run on every call, in any context, with
 * preemption off. It takes no lock and allocates
 * nothing: calls that do not match the condition run normally and count as
 * passes; matching calls count as hits and, when the engagement kills,
 * go straight back to the caller with the chosen value.
 */
#include <linux/ftrace.h>
#include <linux/kprobes.h>
#include <linux/percpu.h>

#include "arch.h"
#include "condition_eval.h"
#include "engagement.h"
#include "handler.h"
#include "ip_table.h"

/*
 * A call that runs the real function. A probe on an ftrace site resumes
 * after the site itself: kprobes keeps no copy of that instruction to
 * single-step (it never needs one on the ftrace path), so the handler must
 * not ask for a step even if it is ever reached through the int3 path.
 */
static int ks_let_through(struct kprobe *kp, struct pt_regs *regs)
{
	if (!IS_ENABLED(CONFIG_KPROBES_ON_FTRACE) || !kprobe_ftrace(kp))
		return 0;	/* kprobes single-steps the copied instruction */
	ks_arch_skip_ftrace_site(regs, (unsigned long)kp->addr);
	return 1;
}
NOKPROBE_SYMBOL(ks_let_through);

/*
 * The decision both engines share: counts the call as a pass (@passes: its
 * condition does not hold) or a hit and says whether it is to return at
 * once. The callers evaluate the condition only when there is one.
 */
static __always_inline bool ks_returns_now(struct ks_engagement *e,
					   bool passes)
{
	if (passes) {
		this_cpu_inc(e->counters->passes);
		return false;
	}
	this_cpu_inc(e->counters->hits);
	return READ_ONCE(e->mode) == KS_MODE_KILL;
}

int ks_pre_handler(struct kprobe *kp, struct pt_regs *regs)
{
	struct ks_engagement *e = container_of(kp, struct ks_engagement, kp);

	if (!ks_returns_now(e, e->cond.n && !ks_cond_match(&e->cond, regs)))
		return ks_let_through(kp, regs);
	ks_arch_return_now(regs, READ_ONCE(e->retval));
	/* Non-zero: we moved the instruction pointer, so do not single-step. */
	return 1;
}
NOKPROBE_SYMBOL(ks_pre_handler);

/*
 * Where the architecture copies the registers into a pt_regs (arm64 on
 * 6.12), out of line, so that the copy's stack stays off every other path.
 */
static noinline notrace bool ks_ftrace_cond_fails_copied(struct ks_engagement *e,
							 struct ftrace_regs *fregs)
{
	struct pt_regs scratch;

	return !ks_cond_match(&e->cond, ks_arch_ftrace_regs(fregs, &scratch));
}

static __always_inline bool ks_ftrace_cond_fails(struct ks_engagement *e,
						 struct ftrace_regs *fregs)
{
	if (KS_ARCH_FTRACE_REGS_COPIED)
		return ks_ftrace_cond_fails_copied(e, fregs);
	return !ks_cond_match(&e->cond, ks_arch_ftrace_regs(fregs, NULL));
}

notrace void ks_ftrace_handler(unsigned long ip, unsigned long parent_ip,
			       struct ftrace_ops *ops, struct ftrace_regs *fregs)
{
	struct ks_engagement *e;

	/*
	 * No recursion guard: everything this path runs is notrace and inline
	 * or ours, so no traced function is called from here. Preemption off
	 * keeps the table entry alive (ks_ftrace_remove waits for that).
	 */
	preempt_disable_notrace();
	e = ks_ip_lookup(ip);
	/* The registers are fetched only for a condition to read. */
	if (e && ks_returns_now(e, e->cond.n && ks_ftrace_cond_fails(e, fregs)))
		ks_arch_ftrace_return_now(fregs, e->stub, READ_ONCE(e->retval));
	preempt_enable_notrace();
}

notrace bool ks_direct_decide(struct pt_regs *regs, struct ks_engagement *e)
{
	/*
	 * The engagement stays while its trampoline can be called: taking the
	 * trampoline off the call site waits for every task inside it.
	 */
	return ks_returns_now(e, !ks_cond_match(&e->cond, regs));
}
NOKPROBE_SYMBOL(ks_direct_decide);

void ks_post_handler(struct kprobe *kp, struct pt_regs *regs,
		     unsigned long flags)
{
	/*
	 * Does nothing. Having a post handler matters all the same: it stops
	 * kprobes from jump-optimising the probe, which could not redirect
	 * execution, and on an ftrace site it makes kprobes register with
	 * FTRACE_OPS_FL_IPMODIFY, which is what we do, so ftrace refuses a
	 * second IP-modifying user (a livepatch) instead of letting the two
	 * fight over the same call.
	 */
}
NOKPROBE_SYMBOL(ks_post_handler);
