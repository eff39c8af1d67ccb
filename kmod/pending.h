/* SPDX-License-Identifier: GPL-2.0 */
/* Engagements that follow their module's loads and unloads (pending.c). */
#ifndef KS_PENDING_H
#define KS_PENDING_H

#include <linux/types.h>

/* Registers and unregisters the module notifier. */
int ks_pending_init(void);
void ks_pending_exit(void);

/*
 * Whether a loadable module of this name is loaded. The module list is not
 * exported to modules, so this asks sysfs: /sys/module/<name>/initstate
 * exists exactly for loaded loadable modules.
 */
bool ks_module_loaded(const char *name);

#endif /* KS_PENDING_H */
