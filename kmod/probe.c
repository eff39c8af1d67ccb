// SPDX-License-Identifier: GPL-2.0
/*
 * The kprobe at an engaged function's entry. Arming registers it (at
 * engage, or when the function's module loads); disarming unregisters it
 * (at disengage, or when the module goes), which waits for handlers still
 * running. It is refused on killswitch's own functions and where another
 * user of the entry conflicts (conflict.c). Its handlers are the hot path
 * (handler.c).
 */
#include <linux/kallsyms.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "conflict.h"
#include "engagement.h"
#include "handler.h"
#include "probe.h"

/* Whether this module (killswitch.ko) has a symbol of that name. */
static bool ks_is_own_symbol(const char *symbol)
{
	const struct mod_kallsyms *syms;
	bool found = false;
	unsigned int i;

	rcu_read_lock();
	syms = rcu_dereference(THIS_MODULE->kallsyms);
	for (i = 0; syms && i < syms->num_symtab && !found; i++)
		found = strcmp(syms->strtab + syms->symtab[i].st_name, symbol) == 0;
	rcu_read_unlock();
	return found;
}

/*
 * Registers the probe at @name ("symbol" or "module:symbol"): -EACCES for
 * a function of killswitch itself, -EBUSY for a conflict (conflict.c),
 * else any error from kprobes as is.
 */
static int ks_probe_register(struct ks_engagement *e, const char *name)
{
	const char *colon = strchr(name, ':');

	/* Refused before any probe exists, so not one call of ours is touched. */
	if (ks_is_own_symbol(colon ? colon + 1 : name) &&
	    (!colon || strncmp(name, THIS_MODULE->name, colon - name) == 0))
		return -EACCES;
	if (ks_conflict_check(name))
		return -EBUSY;
	/* A kprobe is reusable only from a clean slate. */
	memset(&e->kp, 0, sizeof(e->kp));
	e->kp.symbol_name = name;
	/* Not live until ks_probe_enable(): the type is checked in between. */
	e->kp.flags = KPROBE_FLAG_DISABLED;
	e->kp.pre_handler = ks_pre_handler;
	e->kp.post_handler = ks_post_handler;
	return ks_conflict_explain(name, register_kprobe(&e->kp));
}

/*
 * Where the probe landed: fills e->module; -EACCES when it is inside
 * killswitch itself.
 */
static int ks_probe_locate(struct ks_engagement *e)
{
	unsigned long addr = (unsigned long)e->kp.addr;
	char where[KSYM_SYMBOL_LEN];
	char *open, *close;

	if (within_module(addr, THIS_MODULE))
		return -EACCES;
	/* "name+0x0/0x50 [module]" for module text, no brackets for vmlinux. */
	sprint_symbol(where, addr);
	open = strrchr(where, '[');
	close = open ? strchr(open, ']') : NULL;
	if (open && close) {
		*close = '\0';
		strscpy(e->module, open + 1, sizeof(e->module));
	}
	return 0;
}

static void ks_probe_unregister(struct ks_engagement *e)
{
	/* Waits for an RCU grace period, so no handler of e runs after this. */
	unregister_kprobe(&e->kp);
}

int ks_probe_attach(struct ks_engagement *e)
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

int ks_probe_enable(struct ks_engagement *e)
{
	lockdep_assert_held(&ks_lock);
	/* Arming the ftrace site happens here, so a livepatch conflicts here. */
	return ks_conflict_explain(e->target, enable_kprobe(&e->kp));
}

void ks_disarm_all(void)
{
	struct ks_engagement *e;
	struct kprobe **kps;
	unsigned int n = 0;

	lockdep_assert_held(&ks_lock);
	kps = kvmalloc_array(ks_engagement_count(), sizeof(*kps), GFP_KERNEL);
	if (!kps)
		return;	/* each is disarmed on its own as it is removed */
	ks_for_each_engagement(e) {
		if (e->armed)
			kps[n++] = &e->kp;
	}
	/* Waits for one grace period after taking all of them out. */
	if (n)
		unregister_kprobes(kps, n);
	ks_for_each_engagement(e)
		e->armed = false;
	kvfree(kps);
}

void ks_disarm(struct ks_engagement *e)
{
	lockdep_assert_held(&ks_lock);
	if (!e->armed)
		return;
	ks_probe_unregister(e);
	e->armed = false;
}
