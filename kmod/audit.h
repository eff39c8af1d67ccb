/* SPDX-License-Identifier: GPL-2.0 */
/* A real audit record for every change of state, beside the log line. */
#ifndef KS_AUDIT_H
#define KS_AUDIT_H

struct ks_caller;

/*
 * One AUDIT_KERNEL_OTHER record: op=<op> target=<target> value=<value>
 * cond=<cond or "none"> res=<1 done, 0 refused or failed> and who.
 */
void ks_audit(const char *op, const char *target, long value, const char *cond,
	      int result, const struct ks_caller *who);

#endif /* KS_AUDIT_H */
