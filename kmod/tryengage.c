// SPDX-License-Identifier: GPL-2.0
/*
 * tryengage: count calls for a while, then engage only if there were none.
 * The decision runs from a delayed work item holding its own reference, so
 * a disengage during the window only has to cancel it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/workqueue.h>

#include "engagement.h"
#include "audit.h"
#include "caller.h"

static void ks_try_decide(struct work_struct *work)
{
	struct ks_engagement *e =
		container_of(to_delayed_work(work), struct ks_engagement, try_work);
	struct ks_caller who;
	struct ks_counters sum;

	ks_caller_kernel(&who, "tryengage window end");
	mutex_lock(&ks_lock);
	if (!e->removed && READ_ONCE(e->mode) == KS_MODE_TRY) {
		ks_counters_sum(e, &sum);
		if (sum.hits == 0) {
			WRITE_ONCE(e->mode, KS_MODE_KILL);
			pr_notice("tryengage %s committed: no calls in the window; engaged retval=%ld\n",
				  e->target, e->retval);
			ks_audit("tryengage-commit", e->target, e->retval, NULL, 1, &who);
		} else {
			pr_notice("tryengage %s aborted: %lu calls in the window\n",
				  e->target, sum.hits);
			ks_remove(e, "tryengage-abort", &who);
		}
	}
	mutex_unlock(&ks_lock);
	ks_engagement_put(e);
}

/* Our own queue, so unloading can wait for decisions still running. */
static struct workqueue_struct *ks_try_wq;

int ks_try_wq_init(void)
{
	ks_try_wq = alloc_workqueue("killswitch_try", 0, 0);
	return ks_try_wq ? 0 : -ENOMEM;
}

void ks_try_wq_exit(void)
{
	destroy_workqueue(ks_try_wq);
}

void ks_try_init(struct ks_engagement *e)
{
	INIT_DELAYED_WORK(&e->try_work, ks_try_decide);
}

void ks_try_start(struct ks_engagement *e, unsigned int seconds)
{
	unsigned long delay = (unsigned long)seconds * HZ;

	e->try_deadline = jiffies + delay;
	ks_engagement_get(e);
	if (!queue_delayed_work(ks_try_wq, &e->try_work, delay))
		ks_engagement_put(e);
}

/* Under ks_lock, so it must not wait for the work (which takes ks_lock). */
void ks_try_cancel(struct ks_engagement *e)
{
	if (cancel_delayed_work(&e->try_work))
		ks_engagement_put(e);
}

unsigned long ks_try_seconds_left(const struct ks_engagement *e)
{
	long left = (long)(READ_ONCE(e->try_deadline) - jiffies);

	return left > 0 ? DIV_ROUND_UP((unsigned long)left, HZ) : 0;
}
