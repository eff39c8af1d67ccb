// SPDX-License-Identifier: GPL-2.0
/*
 * The kprobe at the entry of an engaged function. Its handler runs on every
 * call, in any context, with preemption off. It takes no lock and allocates
 * nothing: calls that do not match the condition run normally and count as
 * passes; matching calls count as hits and, when the engagement kills,
 * go straight back to the caller with the chosen value.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kallsyms.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/string.h>

#include "probe.h"
#include "conflict.h"
#include "arch.h"
#include "engagement.h"

/*
 * A call that runs the real function. A probe on an ftrace site resumes
 * after the site itself: kprobes keeps no copy of that instruction to
 * single-step (it never needs one on the ftrace path), so the handler must
 * not ask for a step even if it is ever reached through the int3 path.
 */
static int ks_let_through(struct kprobe *kp, struct pt_regs *regs)
{
	if (!kprobe_ftrace(kp))
		return 0;	/* kprobes single-steps the copied instruction */
	ks_arch_skip_ftrace_site(regs, (unsigned long)kp->addr);
	return 1;
}
NOKPROBE_SYMBOL(ks_let_through);

static int ks_pre_handler(struct kprobe *kp, struct pt_regs *regs)
{
	struct ks_engagement *e = container_of(kp, struct ks_engagement, kp);

	if (e->cond.n && !ks_cond_match(&e->cond, regs)) {
		this_cpu_inc(e->counters->passes);
		return ks_let_through(kp, regs);
	}
	this_cpu_inc(e->counters->hits);
	if (READ_ONCE(e->mode) != KS_MODE_KILL)
		return ks_let_through(kp, regs);
	ks_arch_return_now(regs, READ_ONCE(e->retval));
	/* Non-zero: we moved the instruction pointer, so do not single-step. */
	return 1;
}
NOKPROBE_SYMBOL(ks_pre_handler);

static void ks_post_handler(struct kprobe *kp, struct pt_regs *regs,
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

/* Whether this module (killswitch.ko) has a symbol of that name. */
static bool ks_is_own_symbol(const char *symbol)
{
	const struct mod_kallsyms *syms;
	bool found = false;
	unsigned int i;

	rcu_read_lock();
	syms = rcu_dereference(THIS_MODULE->kallsyms);
	for (i = 0; syms && i < syms->num_symtab && !found; i++)
		found = strcmp(syms->strtab + syms->symtab[i].st_name, symbol) == 0;
	rcu_read_unlock();
	return found;
}

int ks_probe_register(struct ks_engagement *e, const char *name)
{
	const char *colon = strchr(name, ':');

	/* Refused before any probe exists, so not one call of ours is touched. */
	if (ks_is_own_symbol(colon ? colon + 1 : name) &&
	    (!colon || strncmp(name, THIS_MODULE->name, colon - name) == 0))
		return -EACCES;
	if (ks_conflict_check(name))
		return -EBUSY;
	/* A kprobe is reusable only from a clean slate. */
	memset(&e->kp, 0, sizeof(e->kp));
	e->kp.symbol_name = name;
	e->kp.pre_handler = ks_pre_handler;
	e->kp.post_handler = ks_post_handler;
	return ks_conflict_explain(name, register_kprobe(&e->kp));
}

int ks_probe_locate(struct ks_engagement *e)
{
	unsigned long addr = (unsigned long)e->kp.addr;
	char where[KSYM_SYMBOL_LEN];
	char *open, *close;

	if (within_module(addr, THIS_MODULE))
		return -EACCES;
	/* "name+0x0/0x50 [module]" for module text, no brackets for vmlinux. */
	sprint_symbol(where, addr);
	open = strrchr(where, '[');
	close = open ? strchr(open, ']') : NULL;
	if (open && close) {
		*close = '\0';
		strscpy(e->module, open + 1, sizeof(e->module));
	}
	return 0;
}

void ks_probe_unregister(struct ks_engagement *e)
{
	/* Waits for an RCU grace period, so no handler of e runs after this. */
	unregister_kprobe(&e->kp);
}
