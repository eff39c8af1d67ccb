/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KS_LOCKDOWN_H
#define KS_LOCKDOWN_H

/*
 * 0 when runtime changes are allowed; -EPERM when the kernel is locked down
 * at integrity or above (the lockdown LSM logs the refusal).
 */
int ks_lockdown_check(void);

#endif /* KS_LOCKDOWN_H */
