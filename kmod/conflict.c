// SPDX-License-Identifier: GPL-2.0
/*
 * What else may sit at a function's entry, and which of it an engagement
 * refuses to share (see docs/safety.md, "Coexistence"):
 *
 * - Another kprobe at the same address (a kprobe event, perf probe, another
 *   module). On an ftrace site it is an ftrace user of its own next to
 *   ours: both handlers run, so it is no conflict for the ftrace engine.
 *   Off an ftrace site (the kprobe engine) kprobes would chain both into
 *   one aggregate probe whose handlers run newest first, so our early
 *   return would skip the other's handler. Refused there.
 * - A BPF trampoline (fentry, fexit, fmod_ret). It is a direct caller, and
 *   ftrace allows one per function, so the direct engine cannot have the
 *   function. ftrace tells the trampoline to call the function through the
 *   (moved) return address only when an IP-modifying ops is registered,
 *   not when one already registered takes in one more function: so the
 *   function gets an ops of its own (engine.c), registered for it, and the
 *   engagement and the BPF programs both work. The other way round, a BPF
 *   trampoline attached after a direct engagement is refused by the kernel
 *   with -EBUSY; after one on the shared ops it is told and works.
 * - Another IP-modifying ftrace user (a livepatch): ftrace itself refuses
 *   the second one with -EBUSY; we only say what it was.
 * - Plain ftrace users (the function tracer): share the call site and
 *   all run, so they are not conflicts.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kallsyms.h>
#include <linux/kprobes.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "arch.h"
#include "conflict.h"
#include "engagement.h"

/*
 * A BPF trampoline alone on an ftrace site is called directly from it, and
 * its image carries the symbol bpf_trampoline_<key>. (Next to another
 * ftrace user the site calls ftrace's common caller instead, which hides
 * it; then the direct engine finds it, refused by ftrace, see engine.c.)
 */
static bool ks_has_bpf_trampoline(unsigned long addr)
{
	unsigned long target = ks_arch_call_target(addr);
	char name[KSYM_SYMBOL_LEN];

	if (!target)
		return false;
	sprint_symbol_no_offset(name, target);
	return strncmp(name, "bpf_trampoline_", strlen("bpf_trampoline_")) == 0;
}

/*
 * Scouts found sites and stay registered, disabled, until
 * ks_sites_release(): unregistering waits for an RCU grace period, and a
 * batch of a thousand lines should wait once, not a thousand times.
 */
struct ks_scout {
	struct kprobe kp;
	struct list_head node;
};

static LIST_HEAD(ks_scouts);	/* under ks_lock */


static void ks_scouts_unregister(struct ks_scout **list, unsigned int n)
{
	struct kprobe **kps;
	unsigned int i;

	kps = kvmalloc_array(n, sizeof(*kps), GFP_KERNEL);
	for (i = 0; i < n; i++) {
		if (kps)
			kps[i] = &list[i]->kp;
		else
			unregister_kprobe(&list[i]->kp);
	}
	if (kps)
		unregister_kprobes(kps, n);
	kvfree(kps);
}

void ks_sites_release(void)
{
	struct ks_scout *scout, *tmp, **list;
	unsigned int n = 0, i;

	lockdep_assert_held(&ks_lock);
	list_for_each_entry(scout, &ks_scouts, node)
		n++;
	if (!n)
		return;
	list = kvmalloc_array(n, sizeof(*list), GFP_KERNEL);
	if (list) {
		i = 0;
		list_for_each_entry(scout, &ks_scouts, node)
			list[i++] = scout;
		/* One grace period for all of them. */
		ks_scouts_unregister(list, n);
		kvfree(list);
	}
	list_for_each_entry_safe(scout, tmp, &ks_scouts, node) {
		if (!list)
			unregister_kprobe(&scout->kp);
		list_del(&scout->node);
		kfree(scout);
	}
}

/* Looks up the function @name, or the one at @addr when @name is NULL. */
static int ks_site_scout(const char *name, unsigned long addr,
			 struct ks_site *site)
{
	struct ks_scout *scout;
	int err;

	lockdep_assert_held(&ks_lock);
	scout = kzalloc(sizeof(*scout), GFP_KERNEL);
	if (!scout)
		return -ENOMEM;
	scout->kp.symbol_name = name;
	if (!name)
		scout->kp.addr = (kprobe_opcode_t *)addr;
	/* Never armed: it only finds the address and who is there. */
	scout->kp.flags = KPROBE_FLAG_DISABLED;
	err = register_kprobe(&scout->kp);
	if (err) {
		kfree(scout);
		return err;
	}
	site->addr = ks_arch_ftrace_site(&scout->kp);
	site->ftrace = site->addr != 0;
	if (!site->ftrace)
		site->addr = (unsigned long)scout->kp.addr;
	/*
	 * A probe that joined an existing one is on an aggregate's list with
	 * it. A probe alone off an ftrace site is on an aggregate's list too
	 * (kprobes wraps it to optimise it into a jump), but with nobody else:
	 * the aggregate and the scout, two nodes. Three or more is sharing.
	 */
	site->kprobed = !list_empty(&scout->kp.list) &&
			scout->kp.list.next->next != &scout->kp.list;
	site->bpf = site->ftrace && ks_has_bpf_trampoline(site->addr);
	if (!site->ftrace) {
		/*
		 * The kprobe engine will register its own probe here, which
		 * must not find the scout: out now, at the cost of a wait.
		 */
		unregister_kprobe(&scout->kp);
		kfree(scout);
		return 0;
	}
	list_add_tail(&scout->node, &ks_scouts);
	return 0;
}

/* Whether kallsyms says @name ("symbol" or "module:symbol") starts at @at. */
static bool ks_starts_at(const char *name, unsigned long at)
{
	const char *colon = strchr(name, ':');
	const char *symbol = colon ? colon + 1 : name;
	char where[KSYM_SYMBOL_LEN];
	size_t len = strlen(symbol);
	const char *module;

	/* "name+0x0/0x50 [module]" for module text, no brackets for vmlinux. */
	sprint_symbol(where, at);
	if (strncmp(where, symbol, len) != 0 || strncmp(where + len, "+0x0/", 5) != 0)
		return false;
	if (!colon)
		return true;
	module = strrchr(where, '[');
	return module && strncmp(module + 1, name, colon - name) == 0 &&
	       module[1 + (colon - name)] == ']';
}

int ks_site_at(const char *name, unsigned long at, struct ks_site *site)
{
	lockdep_assert_held(&ks_lock);
	if (!ks_starts_at(name, at)) {
		pr_warn("%s: at=0x%lx is not where it starts\n", name, at);
		return -EINVAL;
	}
	/*
	 * Looked up at the address, through kprobes all the same: that is
	 * what refuses the functions that must not be probed (exceptions,
	 * NMIs, oops, kprobes' own machinery), which kallsyms cannot tell.
	 */
	return ks_site_scout(NULL, at, site);
}

int ks_site_find(const char *name, struct ks_site *site)
{
	return ks_site_scout(name, 0, site);
}

int ks_conflict_refuse(const char *name, const struct ks_site *site)
{
	pr_warn("%s: conflict: a kprobe is already registered at its entry (a kprobe event, another module's probe, or an engagement of it by another name); its handler would be skipped\n",
		name);
	return -EBUSY;
}

int ks_conflict_explain(const char *name, int err)
{
	if (err == -EBUSY)
		pr_warn("%s: conflict: another ftrace user changes its instruction pointer (a livepatch)\n",
			name);
	return err;
}
