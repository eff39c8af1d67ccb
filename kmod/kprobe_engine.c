// SPDX-License-Identifier: GPL-2.0
/*
 * The kprobe engine, the fallback for a function without an ftrace call
 * site (the ftrace engine takes all others). Arming registers a kprobe at
 * the entry, disabled until the function has been judged; disarming
 * unregisters it, which waits for handlers still running. Its handlers are
 * in handler.c.
 */
#include <linux/kprobes.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "conflict.h"
#include "engagement.h"
#include "handler.h"
#include "kprobe_engine.h"

int ks_kprobe_attach(struct ks_engagement *e, const char *name,
		     unsigned long addr)
{
	/* A kprobe is reusable only from a clean slate. */
	memset(&e->kp, 0, sizeof(e->kp));
	/* Where the lookup found it: the function at= picked, if it did. */
	e->kp.addr = (kprobe_opcode_t *)addr;
	/* Not live until ks_kprobe_enable(): the type is checked in between. */
	e->kp.flags = KPROBE_FLAG_DISABLED;
	e->kp.pre_handler = ks_pre_handler;
	e->kp.post_handler = ks_post_handler;
	return ks_conflict_explain(name, register_kprobe(&e->kp));
}

int ks_kprobe_enable(struct ks_engagement *e)
{
	/* Arming an ftrace site happens here, so a livepatch conflicts here. */
	return ks_conflict_explain(e->target, enable_kprobe(&e->kp));
}

void ks_kprobe_detach(struct ks_engagement *e)
{
	/* Waits for an RCU grace period, so no handler of e runs after this. */
	unregister_kprobe(&e->kp);
}

void ks_kprobe_detach_all(struct ks_engagement **list, unsigned int n)
{
	struct kprobe **kps;
	unsigned int i;

	if (!n)
		return;
	kps = kvmalloc_array(n, sizeof(*kps), GFP_KERNEL);
	if (!kps) {
		for (i = 0; i < n; i++)
			ks_kprobe_detach(list[i]);
		return;
	}
	for (i = 0; i < n; i++)
		kps[i] = &list[i]->kp;
	/* One grace period after taking all of them out. */
	unregister_kprobes(kps, n);
	kvfree(kps);
}
