/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KS_MODULE_STATE_H
#define KS_MODULE_STATE_H

#include <linux/types.h>

/*
 * Whether a loadable module of this name is loaded. The module list is not
 * exported to modules, so this asks sysfs: /sys/module/<name>/initstate
 * exists exactly for loaded loadable modules.
 */
bool ks_module_loaded(const char *name);

#endif /* KS_MODULE_STATE_H */
