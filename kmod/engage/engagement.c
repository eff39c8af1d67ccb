// SPDX-License-Identifier: GPL-2.0
/*
 * Lifecycle of engagements: create, arm, publish, and tear down again.
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
#include "../fs/fs.h"
#include "../probe/probe.h"

DEFINE_MUTEX(ks_lock);
static LIST_HEAD(ks_engagements);
static unsigned int ks_count;	/* engagements in the list */
static bool ks_taint;		/* something was engaged since load */

static struct ks_engagement *ks_engagement_new(const char *symbol, long retval)
{
	size_t len = strlen(symbol) + 1;
	struct ks_engagement *e;

	e = kzalloc(struct_size(e, symbol, len), GFP_KERNEL);
	if (!e)
		return NULL;
	e->hits = alloc_percpu(unsigned long);
	if (!e->hits) {
		kfree(e);
		return NULL;
	}
	memcpy(e->symbol, symbol, len);
	e->retval = retval;
	kref_init(&e->ref);
	INIT_LIST_HEAD(&e->node);
	return e;
}

static void ks_engagement_release(struct kref *ref)
{
	struct ks_engagement *e = container_of(ref, struct ks_engagement, ref);

	free_percpu(e->hits);
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

unsigned long ks_hits(const struct ks_engagement *e)
{
	unsigned long sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += *per_cpu_ptr(e->hits, cpu);
	return sum;
}

struct ks_engagement *ks_lookup(const char *symbol)
{
	struct ks_engagement *e;

	lockdep_assert_held(&ks_lock);
	list_for_each_entry(e, &ks_engagements, node) {
		if (strcmp(e->symbol, symbol) == 0)
			return e;
	}
	return NULL;
}

bool ks_tainted(void)
{
	return READ_ONCE(ks_taint);
}

int ks_engage(const char *symbol, long retval, const char *who)
{
	struct ks_engagement *e;
	int err;

	mutex_lock(&ks_lock);
	if (ks_lookup(symbol)) {
		err = -EBUSY;
		goto out;
	}
	e = ks_engagement_new(symbol, retval);
	if (!e) {
		err = -ENOMEM;
		goto out;
	}
	err = ks_probe_arm(e);
	if (err) {
		pr_warn("engage %s refused: cannot probe it (error %d) by %s\n",
			symbol, err, who);
		goto out_free;
	}
	err = ks_fs_add_fn(e);
	if (err) {
		pr_warn("engage %s refused: cannot create its files (error %d)\n",
			symbol, err);
		goto out_disarm;
	}
	list_add_tail(&e->node, &ks_engagements);
	ks_count++;
	WRITE_ONCE(ks_taint, true);
	pr_notice("engage %s retval=%ld by %s (engaged=%u, tainted)\n",
		  symbol, retval, who, ks_count);
	goto out;

out_disarm:
	ks_probe_disarm(e);
out_free:
	ks_engagement_put(e);
out:
	mutex_unlock(&ks_lock);
	return err;
}

/* Under ks_lock. Returns once no handler of @e runs any more. */
static void ks_engagement_remove(struct ks_engagement *e, const char *who)
{
	list_del_init(&e->node);
	ks_count--;
	ks_probe_disarm(e);
	pr_notice("disengage %s retval=%ld hits=%lu by %s (engaged=%u)\n",
		  e->symbol, e->retval, ks_hits(e), who, ks_count);
	ks_fs_remove_fn(e);
	ks_engagement_put(e);
}

int ks_disengage(const char *symbol, const char *who)
{
	struct ks_engagement *e;
	int err = 0;

	mutex_lock(&ks_lock);
	e = ks_lookup(symbol);
	if (e)
		ks_engagement_remove(e, who);
	else
		err = -ENOENT;
	mutex_unlock(&ks_lock);
	return err;
}

void ks_disengage_all(const char *who)
{
	struct ks_engagement *e, *tmp;

	mutex_lock(&ks_lock);
	list_for_each_entry_safe(e, tmp, &ks_engagements, node)
		ks_engagement_remove(e, who);
	mutex_unlock(&ks_lock);
}

void ks_set_retval(struct ks_engagement *e, long retval, const char *who)
{
	lockdep_assert_held(&ks_lock);
	pr_notice("retval %s %ld -> %ld by %s\n", e->symbol, e->retval, retval,
		  who);
	WRITE_ONCE(e->retval, retval);
}

void ks_show_engaged(struct seq_file *m)
{
	struct ks_engagement *e;

	lockdep_assert_held(&ks_lock);
	list_for_each_entry(e, &ks_engagements, node)
		seq_printf(m, "%s retval=%ld hits=%lu\n", e->symbol,
			   READ_ONCE(e->retval), ks_hits(e));
}
