// SPDX-License-Identifier: GPL-2.0
/*
 * The direct engine. ftrace's direct calls let a call site call a
 * trampoline of our own instead of ftrace's caller, which saves and
 * restores registers and calls a handler, and which the shared ops
 * (ftrace_engine.c) pays for on every call. Ours counts and returns in a
 * handful of instructions (arch/<arch>/direct.c).
 *
 * One trampoline serves one engagement, and ftrace ties one trampoline to
 * an ops, so each engagement here has an ops of its own: going live is one
 * ftrace update each, which is why a write of many lines goes on the
 * shared ops instead (one update for all). Taking an ops away waits for
 * every task to leave its trampoline, a tasks-RCU grace period (about a
 * tenth of a second) each, one after the other: so a disengaged
 * engagement's trampoline is first pointed at an idle engagement (calls
 * run their body from then on) and taken off its call site in the
 * background ("retired"), and a write never waits for it. Engaging the
 * same function again, or its module unloading, waits for that.
 *
 * ftrace allows one direct caller per function: a BPF trampoline (fentry,
 * fexit) already on the function, or a livepatch, refuses this engine
 * (engine.c then takes an ops of its own, which a BPF trampoline shares
 * the function with), and a direct engagement refuses them (-EBUSY, from
 * the kernel, to whoever attaches them).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/ftrace.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "arch.h"
#include "compat.h"
#include "direct_engine.h"
#include "engagement.h"
#include "ftrace_engine.h"

static unsigned int ks_direct_max = KS_DIRECT_SLOTS;
/* Slots claimed, retired ones included until they are released. */
static atomic_t ks_direct_used = ATOMIC_INIT(0);
/* Lines of the write being carried out (ks_direct_batch()); under ks_lock. */
static unsigned int ks_direct_lines;

/* Read when claiming; those in use stay until disengaged. */
static int ks_direct_max_set(const char *val, const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 0, KS_DIRECT_SLOTS);
}

static const struct kernel_param_ops ks_direct_max_ops = {
	.set = ks_direct_max_set,
	.get = param_get_uint,
};
module_param_cb(direct_trampolines, &ks_direct_max_ops, &ks_direct_max, 0644);
MODULE_PARM_DESC(direct_trampolines,
		 "most engagements on direct trampolines, the rest share one ftrace ops (at most 64 on x86_64, the default; 0 on arm64, which has none; 0 leaves engaged functions open to BPF trampolines attached later)");

/* What a retired trampoline serves until it is off its call site. */
static DEFINE_PER_CPU(struct ks_counters, ks_idle_counters);
static struct ks_engagement ks_idle = {
	.mode = KS_MODE_MONITOR,	/* counts (here, unread) and runs the body */
	.counters = &ks_idle_counters,
};

/* Retired engagements, each holding a reference, oldest first. */
static LIST_HEAD(ks_retired);
static DEFINE_MUTEX(ks_retired_lock);

void ks_direct_batch(unsigned int lines)
{
	lockdep_assert_held(&ks_lock);
	ks_direct_lines = lines;
}

int ks_direct_claim(struct ks_engagement *e)
{
	int slot;

	lockdep_assert_held(&ks_lock);
	if (ks_direct_lines > KS_DIRECT_LINES_MAX ||
	    atomic_read(&ks_direct_used) >= READ_ONCE(ks_direct_max))
		return -ENOSPC;
	slot = ks_arch_direct_claim(e, &e->tramp);
	if (slot < 0)
		return slot;
	e->direct_slot = slot;
	atomic_inc(&ks_direct_used);
	return 0;
}

void ks_direct_unclaim(struct ks_engagement *e)
{
	ks_arch_direct_release(e->direct_slot);
	e->tramp = 0;
	atomic_dec(&ks_direct_used);
}

int ks_direct_add(struct ks_engagement *e)
{
	struct ftrace_ops *ops;
	int err;

	lockdep_assert_held(&ks_lock);
	ops = ks_ftrace_site_ops(e->site, NULL, 0);
	if (IS_ERR(ops))
		return PTR_ERR(ops);
	err = ks_register_ftrace_direct(ops, e->tramp);
	if (err) {
		ks_ftrace_site_ops_free(ops);
		return err;
	}
	/*
	 * Registering sets the ops' flags to what direct calls need. Marked
	 * permanent afterwards, as the shared ops is from the start, so that
	 * ftrace_enabled cannot be turned off under an engagement.
	 */
	ops->flags |= FTRACE_OPS_FL_PERMANENT;
	e->ops = ops;
	return 0;
}

/* Takes @e's trampoline off its call site; waits for tasks inside it. */
static void ks_direct_remove(struct ks_engagement *e)
{
	struct ftrace_ops *ops = e->ops;

	if (ks_unregister_ftrace_direct(ops, e->tramp))
		pr_err("%s: cannot take the trampoline off its call site\n",
		       e->target);
	ks_ftrace_site_ops_free(ops);
	e->ops = NULL;
}

/*
 * Removes and releases retired engagements one at a time. Each stays on
 * the list until it is off its call site, so ks_direct_settle() can see it.
 */
static void ks_retire_work_fn(struct work_struct *work)
{
	struct ks_engagement *e;

	for (;;) {
		mutex_lock(&ks_retired_lock);
		e = list_first_entry_or_null(&ks_retired, struct ks_engagement,
					     retired_node);
		mutex_unlock(&ks_retired_lock);
		if (!e)
			return;
		ks_direct_remove(e);
		ks_direct_unclaim(e);
		mutex_lock(&ks_retired_lock);
		list_del(&e->retired_node);
		mutex_unlock(&ks_retired_lock);
		ks_engagement_put(e);
	}
}

static DECLARE_WORK(ks_retire_work, ks_retire_work_fn);

void ks_direct_retire(struct ks_engagement *e)
{
	lockdep_assert_held(&ks_lock);
	/*
	 * From now on its calls run (tasks already in the trampoline may
	 * finish with @e: the removal waits for them, and holds @e till then).
	 */
	ks_arch_direct_point(e->direct_slot, &ks_idle);
	ks_engagement_get(e);
	mutex_lock(&ks_retired_lock);
	list_add_tail(&e->retired_node, &ks_retired);
	mutex_unlock(&ks_retired_lock);
	schedule_work(&ks_retire_work);
}

void ks_direct_settle(unsigned long site)
{
	struct ks_engagement *e;
	bool retiring = false;

	mutex_lock(&ks_retired_lock);
	list_for_each_entry(e, &ks_retired, retired_node)
		retiring |= !site || e->site == site;
	mutex_unlock(&ks_retired_lock);
	/* The work never takes ks_lock, so a holder of it may wait here. */
	if (retiring)
		flush_work(&ks_retire_work);
}
