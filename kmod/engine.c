// SPDX-License-Identifier: GPL-2.0
/*
 * Which engine serves an engagement, chosen per function when it is armed:
 *
 * - direct (direct_engine.c) for a function with an ftrace call site,
 *   nearly all of them: the site calls a trampoline of ours that does the
 *   job in a few instructions. There are KS_DIRECT_SLOTS of them.
 * - ftrace (ftrace_engine.c) for the next ones: one shared ops for all of
 *   them, no trap, no full register save, a handler that finds the
 *   engagement by the site's address. A function with a BPF trampoline
 *   (which ftrace lets have no other direct caller) gets the same with an
 *   ops of its own.
 * - kprobe (kprobe_engine.c) for the rest, which kprobes reaches with a
 *   breakpoint.
 *
 * Attaching is refused on killswitch's own functions and where another
 * user of the entry conflicts (conflict.c).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kallsyms.h>
#include <linux/module.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "arch.h"
#include "conflict.h"
#include "direct_engine.h"
#include "engagement.h"
#include "engine.h"
#include "ftrace_engine.h"
#include "ip_table.h"
#include "kprobe_engine.h"
#include "own_code.h"
#include "uapi/killswitch.h"

/* Fills e->module from where @addr is: "" for vmlinux. */
static void ks_learn_module(struct ks_engagement *e, unsigned long addr)
{
	char where[KSYM_SYMBOL_LEN];
	char *open, *close;

	/* "name+0x0/0x50 [module]" for module text, no brackets for vmlinux. */
	sprint_symbol(where, addr);
	open = strrchr(where, '[');
	close = open ? strchr(open, ']') : NULL;
	if (open && close) {
		*close = '\0';
		strscpy(e->module, open + 1, sizeof(e->module));
	}
}

/*
 * The return stub of @e on an ftrace engine, if it may ever return early
 * (a monitor never does; a tryengage may).
 */
static int ks_engine_claim_stub(struct ks_engagement *e)
{
	int err;

	if (e->mode == KS_MODE_MONITOR)
		return 0;
	err = ks_arch_return_stub_claim(&e->stub);
	if (err)
		pr_warn("%s refused: no return stub is free\n", e->target);
	return err;
}

/*
 * Lets go of it, once its site is off the handler. e->stub stays as it is
 * (reset when @e is attached again): a handler still running may read it,
 * and the slot is reused only after the grace periods that wait for one.
 */
static void ks_engine_release_stub(struct ks_engagement *e)
{
	if (e->stub)
		ks_arch_return_stub_release(e->stub);
}

/* Attaches the engine that fits @site to @e, not live. */
static int ks_engine_attach_at(struct ks_engagement *e, const char *name,
			       const struct ks_site *site)
{
	int err;

	e->stub = 0;
	if (!site->ftrace && site->kprobed)
		return ks_conflict_refuse(name, site);
	if (!site->ftrace) {
		e->engine = KS_ENGINE_KPROBE;
		return ks_kprobe_attach(e, name, site->addr);
	}
	e->site = site->addr;
	/* A trampoline of ours still leaving the site: ftrace allows one. */
	ks_direct_settle(e->site);
	/* Taken already: the same function engaged under another name. */
	if (ks_ip_insert(e))
		return ks_conflict_refuse(name, site);
	if (!site->bpf && !ks_direct_claim(e)) {
		e->engine = KS_ENGINE_DIRECT;
		return 0;
	}
	e->engine = site->bpf ? KS_ENGINE_FTRACE_OWN : KS_ENGINE_FTRACE;
	err = ks_engine_claim_stub(e);
	if (err)
		ks_ip_remove(e);
	return err;
}

/*
 * Makes the call site of armed @e, on the direct engine or with an ops of
 * its own, call us. ftrace refuses a direct trampoline where another
 * direct caller is (a BPF trampoline that another ftrace user hid from
 * conflict.c) or an IP-modifying one (a livepatch): then an ops of its
 * own, which ftrace lets share a function with a BPF trampoline.
 */
static int ks_site_add(struct ks_engagement *e)
{
	int err;

	if (e->engine == KS_ENGINE_DIRECT) {
		err = ks_direct_add(e);
		if (err != -EBUSY)
			return err;
		ks_direct_unclaim(e);
		e->engine = KS_ENGINE_FTRACE_OWN;
		err = ks_engine_claim_stub(e);
		if (err)
			return err;
	}
	return ks_ftrace_own_add(e);
}

/*
 * Lets go of @e's call site, once the shared ops (if it was on it) has. A
 * live trampoline is retired: its calls run at once, and it is taken off
 * the site in the background (see direct_engine.c).
 */
static void ks_site_let_go(struct ks_engagement *e)
{
	if (e->live && e->engine == KS_ENGINE_DIRECT)
		ks_direct_retire(e);
	else if (e->engine == KS_ENGINE_DIRECT)
		ks_direct_unclaim(e);
	else if (e->live && e->engine == KS_ENGINE_FTRACE_OWN)
		ks_ftrace_own_remove(e);
	ks_ip_remove(e);
	ks_engine_release_stub(e);
	e->live = false;
}

/*
 * Off the shared ops: out of the table first, then off the site, whose
 * removal waits for the handlers. A task that ftrace's trampoline took to
 * the handler before that (preempted on its way, with preempt=full) then
 * finds nothing and lets the call run, so @e may be freed after the wait.
 */
static void ks_ftrace_detach(struct ks_engagement **list, unsigned long *sites,
			     unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		ks_ip_remove(list[i]);
	ks_ftrace_remove(sites, n);
}

static void ks_engine_detach(struct ks_engagement *e)
{
	if (e->engine == KS_ENGINE_KPROBE) {
		ks_kprobe_detach(e);
		return;
	}
	if (e->live && e->engine == KS_ENGINE_FTRACE)
		ks_ftrace_detach(&e, &e->site, 1);
	ks_site_let_go(e);
	/* Its site was in a refused batch, live for a moment (ks_ftrace_culprit). */
	if (!e->live && e->engine == KS_ENGINE_FTRACE)
		ks_ftrace_quiesce();
}

const char *ks_engine_name(const struct ks_engagement *e)
{
	switch (e->engine) {
	case KS_ENGINE_DIRECT:
		return KS_ENGINE_NAME_DIRECT;
	case KS_ENGINE_FTRACE:
	case KS_ENGINE_FTRACE_OWN:
		return KS_ENGINE_NAME_FTRACE;
	}
	return KS_ENGINE_NAME_KPROBE;
}

int ks_engine_attach(struct ks_engagement *e)
{
	const char *name = e->lookup ? e->lookup : e->target;
	struct ks_site site;
	int err;

	lockdep_assert_held(&ks_lock);
	/* Refused before anything is attached: no call of ours is touched. */
	if (ks_own_symbol(name))
		return -EACCES;
	/* An address given with the command picks the function, once. */
	err = e->at ? ks_site_at(name, e->at, &site) : ks_site_find(name, &site);
	e->at = 0;
	if (err)
		return err;
	if (ks_own_text(site.addr))
		return -EACCES;
	err = ks_engine_attach_at(e, name, &site);
	if (err)
		return err;
	ks_learn_module(e, site.addr);
	e->entry = site.addr;
	if (!e->lookup && e->module[0]) {
		/* Found in a module: re-arm by module:symbol after a reload. */
		e->lookup = kasprintf(GFP_KERNEL, "%s:%s", e->module, e->symbol);
		if (!e->lookup) {
			ks_engine_detach(e);
			return -ENOMEM;
		}
	}
	e->armed = true;
	return 0;
}

int ks_engine_enable(struct ks_engagement *e)
{
	unsigned int failed;

	return ks_engine_enable_all(&e, 1, &failed);
}

/*
 * After a batch of sites was refused as a whole: which one? Adds them one
 * at a time (failures only pay this) and takes back what went in.
 */
static unsigned int ks_ftrace_culprit(unsigned long *sites, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (ks_ftrace_add(&sites[i], 1))
			break;
	}
	ks_ftrace_remove(sites, i);
	return i < n ? i : 0;
}

int ks_engine_enable_all(struct ks_engagement **list, unsigned int n,
			 unsigned int *failed)
{
	unsigned int nf = 0, i, *index;
	unsigned long *sites;
	int err = 0;

	lockdep_assert_held(&ks_lock);
	sites = kvmalloc_array(n, sizeof(*sites), GFP_KERNEL);
	index = kvmalloc_array(n, sizeof(*index), GFP_KERNEL);
	if (!sites || !index) {
		err = -ENOMEM;
		*failed = 0;
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (list[i]->armed && list[i]->engine == KS_ENGINE_FTRACE) {
			index[nf] = i;
			sites[nf++] = list[i]->site;
		}
	}
	/* Every ftrace site of the batch in one update. */
	err = ks_ftrace_add(sites, nf);
	if (err) {
		*failed = index[ks_ftrace_culprit(sites, nf)];
		ks_conflict_explain(list[*failed]->target, err);
		goto out;
	}
	for (i = 0; i < nf; i++)
		list[index[i]]->live = true;
	/* Then the others, one each; the caller disarms them all on failure. */
	for (i = 0; i < n; i++) {
		if (!list[i]->armed || list[i]->engine == KS_ENGINE_FTRACE)
			continue;
		if (list[i]->engine == KS_ENGINE_KPROBE) {
			err = ks_kprobe_enable(list[i]);
		} else {
			err = ks_conflict_explain(list[i]->target,
						  ks_site_add(list[i]));
			list[i]->live = !err;
		}
		if (err) {
			*failed = i;
			break;
		}
	}
out:
	kvfree(index);
	kvfree(sites);
	return err;
}

void ks_disarm(struct ks_engagement *e)
{
	lockdep_assert_held(&ks_lock);
	if (!e->armed)
		return;
	ks_engine_detach(e);
	e->armed = false;
}

void ks_disarm_list(struct ks_engagement **list, unsigned int n)
{
	struct ks_engagement **kprobed, **shared;
	unsigned int nk = 0, nf = 0, i;
	unsigned long *sites;
	bool refused = false;

	lockdep_assert_held(&ks_lock);
	kprobed = kvmalloc_array(n, sizeof(*kprobed), GFP_KERNEL);
	shared = kvmalloc_array(n, sizeof(*shared), GFP_KERNEL);
	sites = kvmalloc_array(n, sizeof(*sites), GFP_KERNEL);
	if (!kprobed || !shared || !sites)
		goto out;	/* each is disarmed on its own as it is removed */
	for (i = 0; i < n; i++) {
		if (!list[i]->armed)
			continue;
		if (list[i]->engine == KS_ENGINE_KPROBE) {
			kprobed[nk++] = list[i];
		} else if (list[i]->engine == KS_ENGINE_FTRACE && list[i]->live) {
			shared[nf] = list[i];
			sites[nf++] = list[i]->site;
		} else if (list[i]->engine == KS_ENGINE_FTRACE) {
			refused = true;
		}
	}
	/*
	 * One ftrace update and one wait for every shared site, then the
	 * kprobes, then each direct one with its own.
	 */
	ks_ftrace_detach(shared, sites, nf);
	ks_kprobe_detach_all(kprobed, nk);
	for (i = 0; i < n; i++) {
		if (!list[i]->armed)
			continue;
		if (list[i]->engine != KS_ENGINE_KPROBE)
			ks_site_let_go(list[i]);
		list[i]->live = false;
		list[i]->armed = false;
	}
	/* Sites of a refused batch were live for a moment (ks_ftrace_culprit). */
	if (refused)
		ks_ftrace_quiesce();
out:
	kvfree(sites);
	kvfree(shared);
	kvfree(kprobed);
}

void ks_disarm_all(void)
{
	struct ks_engagement **list, *e;
	unsigned int n = 0;

	lockdep_assert_held(&ks_lock);
	list = kvmalloc_array(ks_engagement_count(), sizeof(*list), GFP_KERNEL);
	if (!list)
		return;	/* each is disarmed on its own as it is removed */
	ks_for_each_engagement(e)
		list[n++] = e;
	ks_disarm_list(list, n);
	kvfree(list);
}
