// SPDX-License-Identifier: GPL-2.0
/*
 * Where vmlinux's and a module's data lie (data_ranges.h). Neither is
 * exported to modules:
 * - A module's layout is in its struct module, found by its name through
 *   the kobject of /sys/module/<name> (the kset every module's kobject
 *   is in), or handed over while it is coming and not in sysfs yet.
 * - vmlinux's are its linker's section symbols. Built in they are plain
 *   symbols. In killswitch.ko they are looked up in kallsyms through
 *   kprobes, the one lookup by name the kernel offers a module: a probe on
 *   data is refused, after kprobes has filled in where kallsyms puts the
 *   name. The answers are only used when they are in the order the
 *   linker lays them out.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kallsyms.h>
#include <linux/kobject.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/sched/task.h>
#include <linux/sizes.h>
#include <linux/uaccess.h>
#include <asm/sections.h>

#include "data_ranges.h"
#include "engagement.h"

static struct module *ks_coming;	/* under ks_lock */

void ks_data_ranges_coming(struct module *mod)
{
	lockdep_assert_held(&ks_lock);
	ks_coming = mod;
}

static void ks_range_add(struct ks_data_ranges *r, const void *base,
			 unsigned int size)
{
	if (!base || !size || r->n == KS_DATA_RANGES_MAX)
		return;
	r->range[r->n].start = (unsigned long)base;
	r->range[r->n].end = (unsigned long)base + size;
	r->n++;
}

/* Its read-only data, data read-only after init, and data. */
static void ks_module_ranges(struct module *mod, struct ks_data_ranges *r)
{
#ifdef KS_HAVE_MODULE_MEMORY
	ks_range_add(r, mod->mem[MOD_RODATA].base, mod->mem[MOD_RODATA].size);
	ks_range_add(r, mod->mem[MOD_RO_AFTER_INIT].base,
		     mod->mem[MOD_RO_AFTER_INIT].size);
	ks_range_add(r, mod->mem[MOD_DATA].base, mod->mem[MOD_DATA].size);
#else
	/* One block: text, then read-only data, then the rest. */
	const struct module_layout *core = &mod->core_layout;

	ks_range_add(r, core->base + core->text_size,
		     core->size - core->text_size);
#endif
}

static int ks_find_module(const char *name, struct ks_data_ranges *r)
{
	struct module_kobject *mk;
	struct kset *modules;

	if (ks_coming && strcmp(ks_coming->name, name) == 0) {
		r->owner = ks_coming;
		return 0;
	}
#ifdef MODULE
	modules = THIS_MODULE->mkobj.kobj.kset;
#else
	modules = module_kset;
#endif
	r->kobj = modules ? kset_find_obj(modules, name) : NULL;
	if (!r->kobj)
		return -ENOENT;
	mk = container_of(r->kobj, struct module_kobject, kobj);
	/* Built-in code with parameters has a kobject too, no module. */
	if (!mk->mod) {
		kobject_put(r->kobj);
		r->kobj = NULL;
		return -ENOENT;
	}
	r->owner = mk->mod;
	return 0;
}

#ifdef MODULE
static unsigned long ks_kallsyms_data(const char *name)
{
	struct kprobe kp = { .symbol_name = name, .flags = KPROBE_FLAG_DISABLED };
	char where[KSYM_SYMBOL_LEN];

	if (register_kprobe(&kp) == 0) {
		/* Text: not the symbol meant. */
		unregister_kprobe(&kp);
		return 0;
	}
	if (!kp.addr)
		return 0;
	/* Where a symbol starts, not moved past an instruction. */
	sprint_symbol(where, (unsigned long)kp.addr);
	return strstr(where, "+0x0/") ? (unsigned long)kp.addr : 0;
}

/* Where vmlinux's read-only data and data lie, once found. */
static unsigned long ks_rodata, ks_rodata_end, ks_data, ks_data_end;

static bool ks_vmlinux_ranges_sane(void)
{
	return ks_rodata && ks_rodata < ks_rodata_end && ks_rodata_end <= ks_data &&
	       ks_data < ks_data_end && ks_data_end - ks_rodata < SZ_1G;
}

/*
 * The readable pages around @at: from the first page, page-aligned, after
 * the last one before @at that cannot be read, to the first one after it
 * that cannot be, each looked for no further than @max bytes away.
 */
static void ks_mapped_around(unsigned long at, unsigned long max,
			     unsigned long *start, unsigned long *end)
{
	unsigned long page, word;

	for (page = at & PAGE_MASK; page > (at & PAGE_MASK) - max; page -= PAGE_SIZE)
		if (copy_from_kernel_nofault(&word, (void *)(page - PAGE_SIZE),
					     sizeof(word)))
			break;
	*start = page;
	for (page = at & PAGE_MASK; page < at + max; page += PAGE_SIZE)
		if (copy_from_kernel_nofault(&word, (void *)page, sizeof(word)))
			break;
	*end = page;
}

/*
 * A kernel built without CONFIG_KALLSYMS_ALL (Debian's arm64 6.1) has no
 * data symbol kprobes can look up. There .data is found from init_task,
 * which is in it: .data and .bss are one mapping, with the init sections
 * before it (unmapped once booted) and a guard page after it, so it is
 * where pages can be read around init_task. Read-only data is not
 * searched there: no qdisc or protocol table of 6.1 is read-only but
 * copies of ones in .data (mptcp's and espintcp's copies of tcp_prot are
 * __ro_after_init).
 */
static bool ks_vmlinux_data_around_init_task(void)
{
	ks_rodata = 0;
	ks_rodata_end = 0;
	ks_mapped_around((unsigned long)&init_task, SZ_256M, &ks_data, &ks_data_end);
	return ks_data < ks_data_end && ks_data_end - ks_data < SZ_256M;
}

static int ks_vmlinux_ranges(struct ks_data_ranges *r)
{
	if (!ks_data_end) {
		ks_rodata = ks_kallsyms_data("__start_rodata");
		ks_rodata_end = ks_kallsyms_data("__end_rodata");
		ks_data = ks_kallsyms_data("_sdata");
		ks_data_end = ks_kallsyms_data("_edata");
		if (!ks_vmlinux_ranges_sane() && !ks_vmlinux_data_around_init_task()) {
			pr_warn_once("vmlinux's data sections not found in kallsyms\n");
			ks_data_end = 0;
			return -ENODATA;
		}
	}
	ks_range_add(r, (void *)ks_rodata, ks_rodata_end - ks_rodata);
	ks_range_add(r, (void *)ks_data, ks_data_end - ks_data);
	return 0;
}
#else
static int ks_vmlinux_ranges(struct ks_data_ranges *r)
{
	ks_range_add(r, __start_rodata, __end_rodata - __start_rodata);
	ks_range_add(r, _sdata, _edata - _sdata);
	return 0;
}
#endif

int ks_data_ranges_get(const char *module, struct ks_data_ranges *r)
{
	int err;

	lockdep_assert_held(&ks_lock);
	memset(r, 0, sizeof(*r));
	if (!module[0])
		return ks_vmlinux_ranges(r);
	err = ks_find_module(module, r);
	if (err)
		return err;
	ks_module_ranges(r->owner, r);
	return 0;
}

void ks_data_ranges_put(struct ks_data_ranges *r)
{
	if (r->kobj)
		kobject_put(r->kobj);
	r->kobj = NULL;
}
