/* SPDX-License-Identifier: GPL-2.0 */
/* Engagements that follow their module's loads and unloads (pending.c). */
#ifndef KS_PENDING_H
#define KS_PENDING_H

/* Registers and unregisters the module notifier. */
int ks_pending_init(void);
void ks_pending_exit(void);

#endif /* KS_PENDING_H */
