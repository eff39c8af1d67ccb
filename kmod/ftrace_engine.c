// SPDX-License-Identifier: GPL-2.0
/*
 * The ftrace engine. One ftrace_ops for every engaged function that has an
 * ftrace call site: its filter holds exactly the engaged sites, so a
 * function not engaged keeps its call site a no-op and pays nothing. The
 * ops modifies the instruction pointer (that is how a call returns early)
 * without asking for full registers, the cheap path the livepatch core
 * takes; ftrace refuses a second IP-modifying user of a site, so a
 * livepatch and an engagement never fight over one function.
 *
 * The ops is registered while its filter is not empty and never with an
 * empty one: an empty filter means every function in the kernel.
 *
 * A function a BPF trampoline is attached to gets an ops of its own
 * instead, the same but registered for that function alone (see
 * ks_ftrace_own_add()).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ftrace.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

#include "engagement.h"
#include "ftrace_engine.h"
#include "handler.h"

/*
 * No RECURSION flag: the handler needs no guard (handler.c), which saves
 * ftrace's wrapper on every call. PERMANENT: ftrace_enabled cannot be
 * turned off under an engagement, which would silently undo it.
 */
#define KS_FTRACE_FLAGS_COMMON (FTRACE_OPS_FL_IPMODIFY | FTRACE_OPS_FL_PERMANENT)
#ifdef CONFIG_HAVE_DYNAMIC_FTRACE_WITH_ARGS
#define KS_FTRACE_FLAGS KS_FTRACE_FLAGS_COMMON
#else
/* Without it only a full register save lets the ip be moved. */
#define KS_FTRACE_FLAGS (KS_FTRACE_FLAGS_COMMON | FTRACE_OPS_FL_SAVE_REGS)
#endif

static struct ftrace_ops ks_ftrace_ops = {
	.func = ks_ftrace_handler,
	.flags = KS_FTRACE_FLAGS,
};

/* Sites in the ops' filter; under ks_lock. */
static unsigned int ks_ftrace_sites;

int ks_ftrace_add(unsigned long *sites, unsigned int n)
{
	int err;

	lockdep_assert_held(&ks_lock);
	if (!n)
		return 0;
	/* On a registered ops this is the ftrace update, checked as a whole. */
	err = ftrace_set_filter_ips(&ks_ftrace_ops, sites, n, 0, 0);
	if (err)
		return err;
	if (!ks_ftrace_sites) {
		err = register_ftrace_function(&ks_ftrace_ops);
		if (err) {
			ftrace_set_filter_ips(&ks_ftrace_ops, NULL, 0, 0, 1);
			return err;
		}
	}
	ks_ftrace_sites += n;
	return 0;
}

void ks_ftrace_remove(unsigned long *sites, unsigned int n)
{
	lockdep_assert_held(&ks_lock);
	if (!n)
		return;
	if (n >= ks_ftrace_sites) {
		/* Waits for handlers still running, ftrace's own way. */
		unregister_ftrace_function(&ks_ftrace_ops);
		ftrace_set_filter_ips(&ks_ftrace_ops, NULL, 0, 0, 1);
		ks_ftrace_sites = 0;
		return;
	}
	/*
	 * Only an allocation can fail here. A site left behind is harmless:
	 * the handler finds no engagement for it and lets the call run, and
	 * the filter is reset when the last site goes.
	 */
	if (ftrace_set_filter_ips(&ks_ftrace_ops, sites, n, 1, 0))
		pr_err("cannot take %u call sites out of the ftrace filter; calls there run normally\n",
		       n);
	ks_ftrace_sites -= n;
	ks_ftrace_quiesce();
}

void ks_ftrace_quiesce(void)
{
	/*
	 * A handler may still run for a site just taken out, with preemption
	 * off, possibly where RCU does not watch: wait until every CPU has
	 * scheduled, as ftrace does before it frees a trampoline.
	 */
	synchronize_rcu_tasks_rude();
}

struct ftrace_ops *ks_ftrace_site_ops(unsigned long site, ftrace_func_t func,
				      unsigned long flags)
{
	struct ftrace_ops *ops = kzalloc(sizeof(*ops), GFP_KERNEL);
	int err;

	if (!ops)
		return ERR_PTR(-ENOMEM);
	ops->func = func;
	ops->flags = flags;
	err = ftrace_set_filter_ip(ops, site, 0, 0);
	if (err) {
		ks_ftrace_site_ops_free(ops);
		return ERR_PTR(err);
	}
	return ops;
}

void ks_ftrace_site_ops_free(struct ftrace_ops *ops)
{
	ftrace_free_filter(ops);
	kfree(ops);
}

int ks_ftrace_own_add(struct ks_engagement *e)
{
	struct ftrace_ops *ops;
	int err;

	lockdep_assert_held(&ks_lock);
	ops = ks_ftrace_site_ops(e->site, ks_ftrace_handler, KS_FTRACE_FLAGS);
	if (IS_ERR(ops))
		return PTR_ERR(ops);
	/*
	 * Registering an IP-modifying ops is when ftrace tells a BPF
	 * trampoline on the function to call it through the moved return
	 * address, so its fexit programs see the value we return.
	 */
	err = register_ftrace_function(ops);
	if (err) {
		ks_ftrace_site_ops_free(ops);
		return err;
	}
	e->ops = ops;
	return 0;
}

void ks_ftrace_own_remove(struct ks_engagement *e)
{
	lockdep_assert_held(&ks_lock);
	/* Waits for handlers still running, ftrace's own way. */
	unregister_ftrace_function(e->ops);
	ks_ftrace_site_ops_free(e->ops);
	e->ops = NULL;
}

void ks_ftrace_exit(void)
{
	ftrace_free_filter(&ks_ftrace_ops);
}
