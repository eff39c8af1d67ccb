// SPDX-License-Identifier: GPL-2.0
/*
 * tryengage: count calls for a while, then engage only if there were none;
 * and the deadline of an engage ... expire= (undone unless confirmed).
 * This is the window: a delayed work item holding its own reference on the
 * engagement, so a disengage during the window only has to cancel it. The
 * decision at its end belongs to the lifecycle (engage.c).
 */
#include <linux/jiffies.h>
#include <linux/workqueue.h>

#include "engagement.h"
#include "tryengage.h"

/* Our own queue, so unloading can wait for decisions still running. */
static struct workqueue_struct *ks_try_wq;
static ks_try_decide_fn ks_try_decide_cb;

static void ks_try_window_end(struct work_struct *work)
{
	struct ks_engagement *e =
		container_of(to_delayed_work(work), struct ks_engagement, try_work);

	ks_try_decide_cb(e);
	ks_engagement_put(e);
}

int ks_try_wq_init(ks_try_decide_fn decide)
{
	ks_try_decide_cb = decide;
	ks_try_wq = alloc_workqueue("killswitch_try", 0, 0);
	return ks_try_wq ? 0 : -ENOMEM;
}

void ks_try_wq_exit(void)
{
	destroy_workqueue(ks_try_wq);
}

void ks_try_init(struct ks_engagement *e)
{
	INIT_DELAYED_WORK(&e->try_work, ks_try_window_end);
}

void ks_try_start(struct ks_engagement *e, unsigned int seconds)
{
	unsigned long delay = (unsigned long)seconds * HZ;

	e->try_deadline = jiffies + delay;
	ks_engagement_get(e);
	if (!queue_delayed_work(ks_try_wq, &e->try_work, delay))
		ks_engagement_put(e);
}

void ks_try_cancel(struct ks_engagement *e)
{
	if (cancel_delayed_work(&e->try_work))
		ks_engagement_put(e);
}

bool ks_try_window_open(const struct ks_engagement *e)
{
	return READ_ONCE(e->mode) == KS_MODE_TRY || e->expires;
}

unsigned long ks_try_seconds_left(const struct ks_engagement *e)
{
	long left;

	/* try_deadline means nothing without a window. */
	if (!ks_try_window_open(e))
		return 0;
	left = (long)(READ_ONCE(e->try_deadline) - jiffies);

	return left > 0 ? DIV_ROUND_UP((unsigned long)left, HZ) : 0;
}
