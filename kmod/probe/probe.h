/* SPDX-License-Identifier: GPL-2.0 */
/* The probe at a function's entry that makes it return early. */
#ifndef KS_PROBE_H
#define KS_PROBE_H

struct ks_engagement;

/* Registers the probe; any error from kprobes is returned as is. */
int ks_probe_arm(struct ks_engagement *e);
/* Unregisters it and returns once no handler of it runs any more. */
void ks_probe_disarm(struct ks_engagement *e);

#endif /* KS_PROBE_H */
