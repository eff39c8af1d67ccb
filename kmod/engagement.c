// SPDX-License-Identifier: GPL-2.0
/*
 * The engagement object: its allocation and reference count, its counters
 * and state name, the list of all engagements and the lock that guards
 * them (the locking contract is in engagement.h), and the live change of
 * its value. What an engagement goes through (engage, disengage, a
 * tryengage decision) is engage.c's.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/overflow.h>
#include <linux/panic.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "audit.h"
#include "caller.h"
#include "engagement.h"
#include "kernel_ids.h"
#include "parse.h"
#include "safety.h"
#include "uapi/killswitch.h"

DEFINE_MUTEX(ks_lock);
LIST_HEAD(ks_engagements);
static unsigned int ks_count;	/* engagements in the list */
static bool ks_taint;		/* something was engaged since load */

struct ks_engagement *ks_engagement_new(const struct ks_command *cmd,
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
	e->at = cmd->at;
	kref_init(&e->ref);
	INIT_LIST_HEAD(&e->node);
	INIT_HLIST_NODE(&e->ip_node);
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

unsigned int ks_engagement_add(struct ks_engagement *e)
{
	lockdep_assert_held(&ks_lock);
	list_add_tail(&e->node, &ks_engagements);
	if (!ks_taint) {
		/*
		 * The kernel's functions no longer run as shipped: say so in
		 * every oops report and in /proc/sys/kernel/tainted.
		 */
		add_taint(KS_TAINT, LOCKDEP_STILL_OK);
		WRITE_ONCE(ks_taint, true);
	}
	ks_count++;
	ks_engagement_summary_update();
	return ks_count;
}

/*
 * The summary crash reports print, where no lock may be taken: rebuilt
 * under ks_lock into the buffer not being read, then published by flipping
 * the index. Every write stays NUL-terminated inside its buffer, so even a
 * reader racing a second rebuild prints a string, not memory after it.
 */
#define KS_SUMMARY_MAX 1024
#define KS_SUMMARY_TAIL 32	/* room for " (and N more)" */
static char ks_summary[2][KS_SUMMARY_MAX];
static unsigned int ks_summary_index;

void ks_engagement_summary_update(void)
{
	unsigned int next = !ks_summary_index, shown = 0;
	char *buf = ks_summary[next];
	struct ks_engagement *e;
	size_t len = 0;

	lockdep_assert_held(&ks_lock);
	buf[0] = '\0';
	ks_for_each_engagement(e) {
		size_t room = KS_SUMMARY_MAX - KS_SUMMARY_TAIL - len;
		int n;

		if (READ_ONCE(e->mode) == KS_MODE_KILL)
			n = snprintf(buf + len, room, "%s%s=%ld", shown ? " " : "",
				     e->target, READ_ONCE(e->retval));
		else
			n = snprintf(buf + len, room, "%s%s(%s)", shown ? " " : "",
				     e->target, ks_state_name(e));
		if (n < 0 || (size_t)n >= room) {
			buf[len] = '\0';	/* no half entry */
			break;
		}
		len += n;
		shown++;
	}
	if (shown < ks_count)
		scnprintf(buf + len, KS_SUMMARY_MAX - len, " (and %u more)",
			  ks_count - shown);
	/* The new text is complete before a reader can pick its buffer. */
	smp_store_release(&ks_summary_index, next);
}

const char *ks_engagement_summary(void)
{
	/* Pairs with the release in ks_engagement_summary_update(). */
	return ks_summary[smp_load_acquire(&ks_summary_index)];
}

unsigned int ks_engagement_count(void)
{
	lockdep_assert_held(&ks_lock);
	return ks_count;
}

unsigned int ks_engagement_del(struct ks_engagement *e)
{
	lockdep_assert_held(&ks_lock);
	list_del_init(&e->node);
	ks_count--;
	ks_engagement_summary_update();
	return ks_count;
}

struct ks_engagement *ks_lookup(const char *target)
{
	struct ks_engagement *e;

	lockdep_assert_held(&ks_lock);
	ks_for_each_engagement(e) {
		if (strcmp(e->target, target) == 0)
			return e;
	}
	return NULL;
}

bool ks_tainted(void)
{
	return READ_ONCE(ks_taint);
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

int ks_set_retval(struct ks_engagement *e, long retval,
		  const struct ks_caller *who)
{
	char whotext[KS_CALLER_MAX];
	struct ks_verdict verdict;
	int err;

	lockdep_assert_held(&ks_lock);
	/* A new value must pass the same fail-closed rule as the engage did. */
	err = ks_check_safety(e->symbol, READ_ONCE(e->mode) != KS_MODE_MONITOR,
			      retval, &e->type, &verdict);
	if (!err)
		err = ks_check_partner(e->symbol,
				       READ_ONCE(e->mode) != KS_MODE_MONITOR,
				       e->partner, &verdict);
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
	ks_engagement_summary_update();
	return 0;
}
