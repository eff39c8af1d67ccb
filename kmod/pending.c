// SPDX-License-Identifier: GPL-2.0
/*
 * Engagements whose function lives in a module follow that module: armed
 * when it loads (MODULE_STATE_COMING, after kprobes has read the module's
 * blacklist and before its init runs), back to pending when it unloads.
 * An engage of a function in a module that is not loaded yet is pending
 * from the start (ks_module_loaded()).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/namei.h>
#include <linux/notifier.h>
#include <linux/path.h>
#include <linux/slab.h>

#include "arm.h"
#include "audit.h"
#include "caller.h"
#include "data_ranges.h"
#include "direct_engine.h"
#include "engagement.h"
#include "pending.h"
#include "engine.h"
#include "safety.h"

bool ks_module_loaded(const char *name)
{
	struct path path;
	char *file;
	int err;

	file = kasprintf(GFP_KERNEL, "/sys/module/%s/initstate", name);
	if (!file)
		return true;	/* cannot tell: do not make it pending */
	err = kern_path(file, LOOKUP_FOLLOW, &path);
	kfree(file);
	if (err)
		return false;
	path_put(&path);
	return true;
}

static void ks_pending_arm_all(const char *module)
{
	struct ks_verdict verdict;
	struct ks_caller who;
	struct ks_engagement *e;
	int err;

	ks_caller_kernel(&who, "module load");
	ks_for_each_engagement(e) {
		if (e->armed || strcmp(e->module, module) != 0)
			continue;
		err = ks_arm(e, &verdict);
		if (err && verdict.rule != KS_RULE_ACCEPTED)
			pr_warn("arm %s retval=%ld refused as %s loaded: %s (returns %s); still pending\n",
				e->target, e->retval, module,
				ks_refusal_reason(&verdict),
				ks_return_kind_name(e->type.kind));
		else if (err)
			pr_warn("arm %s failed as %s loaded (error %d); still pending\n",
				e->target, module, err);
		else
			pr_notice("arm %s retval=%ld state=%s: %s loaded\n",
				  e->target, e->retval, ks_state_name(e), module);
		ks_audit("arm", e->target, e->retval, NULL, err ? 0 : 1, &who);
	}
	ks_arm_done();
}

static void ks_pending_disarm_all(const char *module)
{
	struct ks_caller who;
	struct ks_engagement *e;

	ks_caller_kernel(&who, "module unload");
	ks_for_each_engagement(e) {
		if (!e->armed || strcmp(e->module, module) != 0)
			continue;
		ks_disarm(e);
		pr_notice("pending %s retval=%ld hits=%lu: %s unloading, re-armed when it loads again\n",
			  e->target, e->retval, ks_hits(e), module);
		ks_audit("pending", e->target, e->retval, NULL, 1, &who);
	}
	/* Every trampoline off the module's call sites before its text goes. */
	ks_direct_settle(0);
}

static int ks_module_event(struct notifier_block *nb, unsigned long action,
			   void *data)
{
	struct module *mod = data;

	if (action != MODULE_STATE_COMING && action != MODULE_STATE_GOING)
		return NOTIFY_DONE;
	mutex_lock(&ks_lock);
	if (action == MODULE_STATE_COMING) {
		ks_data_ranges_coming(mod);
		ks_pending_arm_all(mod->name);
		ks_data_ranges_coming(NULL);
	} else
		ks_pending_disarm_all(mod->name);
	mutex_unlock(&ks_lock);
	return NOTIFY_DONE;
}

static struct notifier_block ks_module_nb = {
	.notifier_call = ks_module_event,
	/* After kprobes (priority 0) has taken in the module's blacklist. */
	.priority = -1,
};

int ks_pending_init(void)
{
	return register_module_notifier(&ks_module_nb);
}

void ks_pending_exit(void)
{
	unregister_module_notifier(&ks_module_nb);
}
