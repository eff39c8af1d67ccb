/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where the initialised data of vmlinux or of a loaded module lies: what
 * partner.c searches for a function's address. Read-only data included
 * (an ops table is often const), the zeroed .bss not (it holds no
 * address before code stores one).
 */
#ifndef KS_DATA_RANGES_H
#define KS_DATA_RANGES_H

#include <linux/module.h>

#define KS_DATA_RANGES_MAX 3

struct ks_data_range {
	unsigned long start, end;	/* [start, end) */
};

struct ks_data_ranges {
	struct module *owner;		/* NULL for vmlinux */
	unsigned int n;
	struct ks_data_range range[KS_DATA_RANGES_MAX];
	struct kobject *kobj;		/* the module's, held until put */
};

/*
 * Under ks_lock (a module's going waits for it in pending.c, so its
 * memory stays while the ranges are used). @module is "" for vmlinux.
 * Returns 0, -ENOENT when the module is not found, -ENODATA when
 * vmlinux's section symbols cannot be read.
 */
int ks_data_ranges_get(const char *module, struct ks_data_ranges *ranges);
void ks_data_ranges_put(struct ks_data_ranges *ranges);

/*
 * While a module's notifier arms its engagements (MODULE_STATE_COMING),
 * before sysfs knows it: the module to find by its name. NULL after.
 */
void ks_data_ranges_coming(struct module *mod);

#endif /* KS_DATA_RANGES_H */
