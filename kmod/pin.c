// SPDX-License-Identifier: GPL-2.0
/*
 * Lockdown at integrity or above means what the kernel runs may not be
 * changed at run time. Unloading killswitch would change it (every
 * engagement undone), so once the kernel is locked down while anything is
 * engaged, the module takes a reference on itself for good: rmmod is
 * refused until reboot (lockdown is never lowered, and disengaging is
 * refused under it too).
 *
 * Lockdown is raised without telling modules, so this looks: at load
 * (after engage=), then once a second while anything is engaged. An
 * engagement exists under lockdown only from before it was raised (boot
 * scripts) or from the kernel command line, so the look comes long before
 * anyone could act on it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/workqueue.h>

#include "audit.h"
#include "caller.h"
#include "engagement.h"
#include "pin.h"
#include "privilege.h"

static struct delayed_work ks_pin_work;
static bool ks_pinned;

/* Under ks_lock. Pins the module if it is locked down with engagements. */
static void ks_pin_check(void)
{
	unsigned int count = ks_engagement_count();
	struct ks_caller who;

	if (ks_pinned || count == 0 || !ks_locked_down())
		return;
	__module_get(THIS_MODULE);
	ks_pinned = true;
	pr_notice("the kernel is locked down with %u engagement%s: killswitch stays loaded until reboot\n",
		  count, count == 1 ? "" : "s");
	ks_caller_kernel(&who, "lockdown");
	ks_audit("pin", NULL, count, NULL, 1, &who);
}

static void ks_pin_look(struct work_struct *work)
{
	bool pinned;

	mutex_lock(&ks_lock);
	ks_pin_check();
	pinned = ks_pinned;
	mutex_unlock(&ks_lock);
	if (!pinned)
		schedule_delayed_work(&ks_pin_work, HZ);
}

void ks_pin_init(void)
{
	INIT_DELAYED_WORK(&ks_pin_work, ks_pin_look);
	schedule_delayed_work(&ks_pin_work, 0);
}

void ks_pin_exit(void)
{
	cancel_delayed_work_sync(&ks_pin_work);
}
