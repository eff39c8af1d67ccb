// SPDX-License-Identifier: GPL-2.0
/*
 * The kprobe at the entry of an engaged function. Its handler runs on every
 * call, in any context (NMI excepted), with preemption off: it counts the
 * call and sends the CPU straight back to the caller with the chosen value,
 * so the body never runs. It takes no lock and allocates nothing.
 */
#include <linux/kprobes.h>
#include <linux/percpu.h>

#include "probe.h"
#include "../arch/arch.h"
#include "../engage/engagement.h"

static int ks_pre_handler(struct kprobe *kp, struct pt_regs *regs)
{
	struct ks_engagement *e = container_of(kp, struct ks_engagement, kp);

	this_cpu_inc(*e->hits);
	ks_arch_return_now(regs, READ_ONCE(e->retval));
	/* Non-zero: we moved the instruction pointer, so do not single-step. */
	return 1;
}
NOKPROBE_SYMBOL(ks_pre_handler);

static void ks_post_handler(struct kprobe *kp, struct pt_regs *regs,
			    unsigned long flags)
{
	/*
	 * Never called: the pre handler always returns non-zero. Having a post
	 * handler matters all the same. It stops kprobes from jump-optimising
	 * the probe, which could not redirect execution, and on an ftrace site
	 * it makes kprobes register with FTRACE_OPS_FL_IPMODIFY, which is what
	 * we do, so ftrace refuses a second IP-modifying user (a livepatch)
	 * instead of letting the two fight over the same call.
	 */
}
NOKPROBE_SYMBOL(ks_post_handler);

int ks_probe_arm(struct ks_engagement *e)
{
	e->kp.symbol_name = e->symbol;
	e->kp.pre_handler = ks_pre_handler;
	e->kp.post_handler = ks_post_handler;
	return register_kprobe(&e->kp);
}

void ks_probe_disarm(struct ks_engagement *e)
{
	/* Waits for an RCU grace period, so no handler of e runs after this. */
	unregister_kprobe(&e->kp);
}
