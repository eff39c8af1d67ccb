// SPDX-License-Identifier: GPL-2.0
/*
 * The lifecycle of engagements: engage (check, arm, make the files, list),
 * disengage (the reverse), and the end of a tryengage window. Nothing else
 * adds an engagement to the list, takes one off it, changes its mode or
 * marks it removed. See engagement.h for the locking contract.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/moduleparam.h>
#include <linux/string.h>

#include "arm.h"
#include "audit.h"
#include "caller.h"
#include "engage.h"
#include "engagement.h"
#include "fs.h"
#include "parse.h"
#include "pending.h"
#include "engine.h"
#include "safety.h"
#include "tryengage.h"
#include "uapi/killswitch.h"

static const char *const ks_verbs_by_mode[] = {
	[KS_MODE_KILL] = KS_VERB_ENGAGE,
	[KS_MODE_MONITOR] = KS_VERB_MONITOR,
	[KS_MODE_TRY] = KS_VERB_TRYENGAGE,
};

/*
 * Bounded: every engagement costs a hook, files and memory, and taking
 * them all down (disengage_all, unload) must stay short.
 */
static unsigned int ks_max_engagements = KS_MAX_ENGAGEMENTS;

static int ks_max_engagements_set(const char *val, const struct kernel_param *kp)
{
	unsigned int max;
	int err = kstrtouint(val, 0, &max);

	if (err)
		return err;
	if (max > KS_MAX_ENGAGEMENTS)
		return -ERANGE;
	ks_max_engagements = max;
	return 0;
}

static const struct kernel_param_ops ks_max_engagements_ops = {
	.set = ks_max_engagements_set,
	.get = param_get_uint,
};
module_param_cb(max_engagements, &ks_max_engagements_ops, &ks_max_engagements, 0444);
MODULE_PARM_DESC(max_engagements,
		 "most engagements at once, pending ones included (at most 1024, the default)");

static void ks_log_refusal(const struct ks_command *cmd, enum ks_mode mode,
			   int err, const char *why,
			   const struct ks_caller *who)
{
	char whotext[KS_CALLER_MAX];
	char cond[KS_COND_TEXT_MAX];

	ks_caller_format(who, whotext, sizeof(whotext));
	ks_format_condition(&cmd->cond, cond, sizeof(cond));
	pr_warn("%s %s refused: %s (error %d) by %s\n", ks_verbs_by_mode[mode],
		cmd->target, why, err, whotext);
	ks_audit(ks_verbs_by_mode[mode], cmd->target, cmd->retval, cond, 0, who);
}

/* A refusal by the safety rules, with the type they judged. */
static void ks_log_safety_refusal(const struct ks_command *cmd, enum ks_mode mode,
				  const struct ks_engagement *e,
				  const struct ks_verdict *verdict,
				  const struct ks_caller *who)
{
	char why[256];

	snprintf(why, sizeof(why), "%s (returns %s%s%s)",
		 ks_refusal_reason(verdict), ks_return_kind_name(e->type.kind),
		 verdict->entry ? "; rule " : "", verdict->entry ? verdict->entry : "");
	ks_log_refusal(cmd, mode, -EACCES, why, who);
}

/* Why the engine refused, in words, for the log. */
static const char *ks_engine_error_text(int err)
{
	switch (err) {
	case -ENOENT:
		return "no such function is loaded";
	case -EBUSY:
		return "another user of this function conflicts (engaged, or a livepatch)";
	case -EINVAL:
		return "kprobes cannot probe it (blacklisted, not text, or not a function entry)";
	case -EACCES:
		return "it is part of killswitch itself";
	}
	return "cannot hook it";
}

struct ks_engagement *ks_engage_prepare(const struct ks_command *cmd,
				       enum ks_mode mode,
				       const struct ks_caller *who, int *errp)
{
	struct ks_verdict verdict;
	struct ks_engagement *e;
	int err;

	lockdep_assert_held(&ks_lock);
	/* Names first; the type is judged when the engine is attached (arm.c). */
	err = ks_check_name(cmd->symbol, mode != KS_MODE_MONITOR, &verdict);
	if (err) {
		ks_log_refusal(cmd, mode, err, ks_refusal_reason(&verdict), who);
		goto out;
	}
	if (ks_lookup(cmd->target)) {
		err = -EBUSY;
		goto out;
	}
	if (ks_engagement_count() >= ks_max_engagements) {
		err = -ENOSPC;
		ks_log_refusal(cmd, mode, err,
			       "the limit of engagements is reached (module parameter max_engagements)",
			       who);
		goto out;
	}
	e = ks_engagement_new(cmd, mode);
	if (!e) {
		err = -ENOMEM;
		goto out;
	}
	ks_try_init(e);
	err = ks_arm_judged(e, &verdict);
	if (err == -ENOENT && e->module[0] && !ks_module_loaded(e->module))
		err = 0;	/* pending: judged and armed when the module loads */
	if (err && verdict.rule != KS_RULE_ACCEPTED) {
		ks_log_safety_refusal(cmd, mode, e, &verdict, who);
		goto out_put;
	}
	if (err) {
		ks_log_refusal(cmd, mode, err, ks_engine_error_text(err), who);
		goto out_put;
	}
	err = ks_fs_add_fn(e);
	if (err) {
		ks_log_refusal(cmd, mode, err, "cannot create its files", who);
		goto out_disarm;
	}
	ks_engagement_add(e);
	return e;

out_disarm:
	ks_disarm(e);
out_put:
	ks_engagement_put(e);
out:
	*errp = err;
	return NULL;
}

void ks_engage_undo(struct ks_engagement *e)
{
	lockdep_assert_held(&ks_lock);
	ks_engagement_del(e);
	ks_disarm(e);
	WRITE_ONCE(e->removed, true);
	ks_fs_remove_fn(e);
	ks_engagement_put(e);
}

void ks_engage_announce(struct ks_engagement *e, const struct ks_command *cmd,
			enum ks_mode mode, const struct ks_caller *who)
{
	char whotext[KS_CALLER_MAX];
	char cond[KS_COND_TEXT_MAX];

	lockdep_assert_held(&ks_lock);
	if (mode == KS_MODE_TRY)
		ks_try_start(e, cmd->seconds);
	if (mode == KS_MODE_KILL && cmd->seconds) {
		/* The safety net: undone unless confirmed (ks_confirm) in time. */
		e->expires = true;
		ks_try_start(e, cmd->seconds);
	}
	ks_caller_format(who, whotext, sizeof(whotext));
	ks_format_condition(&e->cond, cond, sizeof(cond));
	pr_notice("%s %s retval=%ld%s%s state=%s by %s (engaged=%u, tainted)\n",
		  ks_verbs_by_mode[mode], e->target, e->retval,
		  cond[0] ? " " KS_COND_KEYWORD " " : "", cond, ks_state_name(e), whotext,
		  ks_engagement_count());
	ks_audit(ks_verbs_by_mode[mode], e->target, e->retval, cond, 1, who);
}

void ks_engage_refused(const struct ks_command *cmd, enum ks_mode mode,
		       int err, const struct ks_caller *who)
{
	ks_log_refusal(cmd, mode, err, ks_engine_error_text(err), who);
}

int ks_engage(const struct ks_command *cmd, enum ks_mode mode,
	      const struct ks_caller *who)
{
	struct ks_engagement *e;
	int err = 0;

	mutex_lock(&ks_lock);
	e = ks_engage_prepare(cmd, mode, who, &err);
	if (e && e->armed) {
		err = ks_engine_enable(e);
		if (err) {
			ks_engage_refused(cmd, mode, err, who);
			ks_engage_undo(e);
			e = NULL;
		}
	}
	if (e)
		ks_engage_announce(e, cmd, mode, who);
	ks_arm_done();
	mutex_unlock(&ks_lock);
	return err;
}

/*
 * Under ks_lock. Takes @e off the list, disarms it, says so and drops the
 * list's reference; returns once no handler of @e runs any more. Files
 * still open answer EIDRM from now on.
 */
static void ks_remove(struct ks_engagement *e, const char *why,
		      const struct ks_caller *who)
{
	char whotext[KS_CALLER_MAX];
	struct ks_counters sum;
	unsigned int count;

	lockdep_assert_held(&ks_lock);
	count = ks_engagement_del(e);
	ks_disarm(e);
	ks_counters_sum(e, &sum);
	ks_caller_format(who, whotext, sizeof(whotext));
	pr_notice("%s %s retval=%ld hits=%lu passes=%lu by %s (engaged=%u)\n",
		  why, e->target, e->retval, sum.hits, sum.passes, whotext,
		  count);
	ks_audit(why, e->target, e->retval, NULL, 1, who);
	WRITE_ONCE(e->removed, true);
	ks_fs_remove_fn(e);
	ks_try_cancel(e);
	ks_engagement_put(e);
}

void ks_disengage_all(const struct ks_caller *who)
{
	struct ks_engagement *e, *tmp;

	mutex_lock(&ks_lock);
	ks_disarm_all();
	ks_for_each_engagement_safe(e, tmp)
		ks_remove(e, KS_VERB_DISENGAGE, who);
	mutex_unlock(&ks_lock);
}

void ks_disengage_list(struct ks_engagement **list, unsigned int n,
		       const struct ks_caller *who)
{
	unsigned int i;

	lockdep_assert_held(&ks_lock);
	ks_disarm_list(list, n);
	for (i = 0; i < n; i++)
		ks_remove(list[i], KS_VERB_DISENGAGE, who);
}

int ks_confirm_check(const struct ks_engagement *e, const char *target)
{
	if (!e)
		return -ENOENT;
	if (!e->expires) {
		/* Engaged without expire=, or confirmed already. */
		pr_warn("confirm %s refused: it has no expiry to confirm\n", target);
		return -EINVAL;
	}
	return 0;
}

void ks_confirm_finish(struct ks_engagement *e, const char *target, int err,
		       const struct ks_caller *who)
{
	char whotext[KS_CALLER_MAX];

	lockdep_assert_held(&ks_lock);
	if (!err) {
		ks_try_cancel(e);
		e->expires = false;
		ks_caller_format(who, whotext, sizeof(whotext));
		pr_notice("confirm %s retval=%ld: it stays engaged, by %s\n",
			  e->target, e->retval, whotext);
	}
	ks_audit(KS_VERB_CONFIRM, target, e ? e->retval : 0, NULL, err ? 0 : 1, who);
}

/* The deadline of an engage ... expire= passed unconfirmed: undo it. */
static void ks_expire(struct ks_engagement *e, const struct ks_caller *who)
{
	pr_notice("expire %s retval=%ld: not confirmed in time, disengaging\n",
		  e->target, e->retval);
	ks_remove(e, "expire", who);
}

void ks_try_decide(struct ks_engagement *e)
{
	struct ks_caller who;
	struct ks_counters sum;

	mutex_lock(&ks_lock);
	ks_caller_kernel(&who, e->expires ? "expiry" : "tryengage window end");
	if (!e->removed && e->expires) {
		ks_expire(e, &who);
		mutex_unlock(&ks_lock);
		return;
	}
	if (!e->removed && READ_ONCE(e->mode) == KS_MODE_TRY) {
		ks_counters_sum(e, &sum);
		if (sum.hits == 0) {
			WRITE_ONCE(e->mode, KS_MODE_KILL);
			ks_engagement_summary_update();
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
}
