// SPDX-License-Identifier: GPL-2.0
/*
 * Lifecycle of engagements: create, check, arm, publish, and tear down.
 * See engagement.h for the locking contract.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/overflow.h>
#include <linux/percpu.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "engagement.h"
#include "module_state.h"
#include "audit.h"
#include "caller.h"
#include "fs.h"
#include "parse.h"
#include "errno_names.h"
#include "probe.h"
#include "uapi/killswitch.h"
#include "safety.h"

DEFINE_MUTEX(ks_lock);
static LIST_HEAD(ks_engagements);
static unsigned int ks_count;	/* engagements in the list */
static bool ks_taint;		/* something was engaged since load */

static const char *const ks_verbs_by_mode[] = {
	[KS_MODE_KILL] = "engage",
	[KS_MODE_MONITOR] = "monitor",
	[KS_MODE_TRY] = "tryengage",
};

static struct ks_engagement *ks_engagement_new(const struct ks_command *cmd,
					       enum ks_mode mode)
{
	size_t len = strlen(cmd->target) + 1;
	struct ks_engagement *e;

	e = kzalloc(struct_size(e, target, len), GFP_KERNEL);
	if (!e)
		return NULL;
	e->counters = alloc_percpu(struct ks_counters);
	if (!e->counters)
		goto fail;
	memcpy(e->target, cmd->target, len);
	e->symbol = e->target + (cmd->module_len ? cmd->module_len + 1 : 0);
	if (cmd->module_len) {
		memcpy(e->module, cmd->target, cmd->module_len);
		e->lookup = kstrdup(e->target, GFP_KERNEL);
		if (!e->lookup)
			goto fail;
	}
	e->retval = cmd->retval;
	e->mode = mode;
	e->cond = cmd->cond;
	kref_init(&e->ref);
	INIT_LIST_HEAD(&e->node);
	ks_try_init(e);
	return e;
fail:
	free_percpu(e->counters);
	kfree(e);
	return NULL;
}

static void ks_engagement_release(struct kref *ref)
{
	struct ks_engagement *e = container_of(ref, struct ks_engagement, ref);

	free_percpu(e->counters);
	kfree(e->lookup);
	kfree(e);
}

void ks_engagement_get(struct ks_engagement *e)
{
	kref_get(&e->ref);
}

void ks_engagement_put(struct ks_engagement *e)
{
	kref_put(&e->ref, ks_engagement_release);
}

void ks_counters_sum(const struct ks_engagement *e, struct ks_counters *sum)
{
	int cpu;

	sum->hits = 0;
	sum->passes = 0;
	for_each_possible_cpu(cpu) {
		const struct ks_counters *c = per_cpu_ptr(e->counters, cpu);

		sum->hits += READ_ONCE(c->hits);
		sum->passes += READ_ONCE(c->passes);
	}
}

unsigned long ks_hits(const struct ks_engagement *e)
{
	struct ks_counters sum;

	ks_counters_sum(e, &sum);
	return sum.hits;
}

const char *ks_state_name(const struct ks_engagement *e)
{
	if (!e->armed)
		return KS_STATE_PENDING;
	switch (READ_ONCE(e->mode)) {
	case KS_MODE_MONITOR:
		return KS_STATE_MONITORING;
	case KS_MODE_TRY:
		return KS_STATE_PROBING;
	}
	return KS_STATE_ENGAGED;
}

struct ks_engagement *ks_lookup(const char *target)
{
	struct ks_engagement *e;

	lockdep_assert_held(&ks_lock);
	list_for_each_entry(e, &ks_engagements, node) {
		if (strcmp(e->target, target) == 0)
			return e;
	}
	return NULL;
}

bool ks_tainted(void)
{
	return READ_ONCE(ks_taint);
}

struct list_head *ks_engagement_list(void)
{
	return &ks_engagements;
}

int ks_arm(struct ks_engagement *e)
{
	int err;

	lockdep_assert_held(&ks_lock);
	err = ks_probe_register(e, e->lookup ? e->lookup : e->target);
	if (err)
		return err;
	/*
	 * The same function engaged under another name needs no check here:
	 * the conflict check before registering finds its probe (EBUSY).
	 */
	err = ks_probe_locate(e);
	if (err) {
		ks_probe_unregister(e);
		return err;
	}
	if (!e->lookup && e->module[0]) {
		/* Found in a module: re-arm by module:symbol after a reload. */
		e->lookup = kasprintf(GFP_KERNEL, "%s:%s", e->module, e->symbol);
		if (!e->lookup) {
			ks_probe_unregister(e);
			return -ENOMEM;
		}
	}
	e->armed = true;
	return 0;
}

void ks_disarm(struct ks_engagement *e)
{
	lockdep_assert_held(&ks_lock);
	if (!e->armed)
		return;
	ks_probe_unregister(e);
	e->armed = false;
}

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

/* Why kprobes refused, in words, for the log. */
static const char *ks_probe_error_text(int err)
{
	switch (err) {
	case -ENOENT:
		return "no such function is loaded";
	case -EBUSY:
		return "another user of this function conflicts (an engagement of the same address, or an ftrace user that also changes its instruction pointer, such as a livepatch)";
	case -EINVAL:
		return "kprobes cannot probe it (blacklisted, not text, or not a function entry)";
	case -EACCES:
		return "it is part of killswitch itself";
	}
	return "cannot probe it";
}

int ks_engage(const struct ks_command *cmd, enum ks_mode mode,
	      const struct ks_caller *who)
{
	char whotext[KS_CALLER_MAX];
	char cond[KS_COND_TEXT_MAX];
	struct ks_verdict verdict;
	struct ks_engagement *e;
	int err;

	err = ks_check_safety(cmd->symbol, mode != KS_MODE_MONITOR, cmd->retval,
			      &verdict);
	if (err) {
		ks_log_refusal(cmd, mode, err, ks_refusal_reason(&verdict), who);
		return err;
	}

	mutex_lock(&ks_lock);
	if (ks_lookup(cmd->target)) {
		err = -EBUSY;
		goto out;
	}
	e = ks_engagement_new(cmd, mode);
	if (!e) {
		err = -ENOMEM;
		goto out;
	}
	err = ks_arm(e);
	if (err == -ENOENT && e->module[0] && !ks_module_loaded(e->module))
		err = 0;	/* pending: armed when the module loads */
	if (err) {
		ks_log_refusal(cmd, mode, err, ks_probe_error_text(err), who);
		goto out_put;
	}
	err = ks_fs_add_fn(e);
	if (err) {
		ks_log_refusal(cmd, mode, err, "cannot create its files", who);
		goto out_disarm;
	}
	list_add_tail(&e->node, &ks_engagements);
	ks_count++;
	WRITE_ONCE(ks_taint, true);
	if (mode == KS_MODE_TRY)
		ks_try_start(e, cmd->seconds);

	ks_caller_format(who, whotext, sizeof(whotext));
	ks_format_condition(&e->cond, cond, sizeof(cond));
	pr_notice("%s %s retval=%ld%s%s state=%s by %s (engaged=%u, tainted)\n",
		  ks_verbs_by_mode[mode], e->target, e->retval,
		  cond[0] ? " if " : "", cond, ks_state_name(e), whotext,
		  ks_count);
	ks_audit(ks_verbs_by_mode[mode], e->target, e->retval, cond, 1, who);
	goto out;

out_disarm:
	ks_disarm(e);
out_put:
	ks_engagement_put(e);
out:
	mutex_unlock(&ks_lock);
	return err;
}

/* Under ks_lock. Returns once no handler of @e runs any more. */
void ks_remove(struct ks_engagement *e, const char *why,
	       const struct ks_caller *who)
{
	char whotext[KS_CALLER_MAX];
	struct ks_counters sum;

	lockdep_assert_held(&ks_lock);
	list_del_init(&e->node);
	ks_count--;
	ks_disarm(e);
	ks_counters_sum(e, &sum);
	ks_caller_format(who, whotext, sizeof(whotext));
	pr_notice("%s %s retval=%ld hits=%lu passes=%lu by %s (engaged=%u)\n",
		  why, e->target, e->retval, sum.hits, sum.passes, whotext,
		  ks_count);
	ks_audit(why, e->target, e->retval, NULL, 1, who);
	ks_fs_remove_fn(e);
	ks_try_cancel(e);
	ks_engagement_put(e);
}

int ks_disengage(const char *target, const struct ks_caller *who)
{
	struct ks_engagement *e;
	int err = 0;

	mutex_lock(&ks_lock);
	e = ks_lookup(target);
	if (e)
		ks_remove(e, "disengage", who);
	else
		err = -ENOENT;
	mutex_unlock(&ks_lock);
	return err;
}

void ks_disengage_all(const struct ks_caller *who)
{
	struct ks_engagement *e, *tmp;

	mutex_lock(&ks_lock);
	list_for_each_entry_safe(e, tmp, &ks_engagements, node)
		ks_remove(e, "disengage", who);
	mutex_unlock(&ks_lock);
}

int ks_set_retval(struct ks_engagement *e, long retval,
		  const struct ks_caller *who)
{
	char whotext[KS_CALLER_MAX];
	struct ks_verdict verdict;
	int err;

	lockdep_assert_held(&ks_lock);
	/* A new value must pass the same fail-closed rule as the engage did. */
	err = ks_check_safety(e->symbol, READ_ONCE(e->mode) != KS_MODE_MONITOR,
			      retval, &verdict);
	ks_caller_format(who, whotext, sizeof(whotext));
	if (err) {
		pr_warn("retval %s %ld refused: %s by %s\n", e->target, retval,
			ks_refusal_reason(&verdict), whotext);
		ks_audit("retval", e->target, retval, NULL, 0, who);
		return err;
	}
	pr_notice("retval %s %ld -> %ld by %s\n", e->target, e->retval, retval,
		  whotext);
	ks_audit("retval", e->target, retval, NULL, 1, who);
	WRITE_ONCE(e->retval, retval);
	return 0;
}

void ks_show_engaged(struct seq_file *m)
{
	char cond[KS_COND_TEXT_MAX];
	struct ks_engagement *e;
	struct ks_counters sum;
	const char *name;
	long retval;

	lockdep_assert_held(&ks_lock);
	list_for_each_entry(e, &ks_engagements, node) {
		ks_counters_sum(e, &sum);
		retval = READ_ONCE(e->retval);
		/* The compatible prefix, then extensions as key=value. */
		seq_printf(m, "%s retval=%ld hits=%lu", e->target, retval,
			   sum.hits);
		name = retval < 0 && retval > -4096 ? ks_errno_name((int)-retval) : NULL;
		if (name)
			seq_printf(m, " errno=-%s", name);
		if (e->module[0])
			seq_printf(m, " module=%s", e->module);
		seq_printf(m, " state=%s passes=%lu", ks_state_name(e),
			   sum.passes);
		if (e->cond.n) {
			ks_format_condition(&e->cond, cond, sizeof(cond));
			seq_printf(m, " if=%s", cond);
		}
		if (READ_ONCE(e->mode) == KS_MODE_TRY)
			seq_printf(m, " timeout_left=%lu", ks_try_seconds_left(e));
		seq_putc(m, '\n');
	}
}
