/* SPDX-License-Identifier: GPL-2.0 */
/* A real audit record for every change of state, beside the log line. */
#ifndef KS_AUDIT_H
#define KS_AUDIT_H

#include <linux/types.h>

struct ks_caller;

/*
 * One AUDIT_KERNEL_OTHER record: op=<op> target=<target> value=<value>
 * cond=<cond or "none"> res=<1 done, 0 refused or failed> and who.
 */
void ks_audit(const char *op, const char *target, long value, const char *cond,
	      int result, const struct ks_caller *who);

/* Bytes of a malformed command kept in its record (%*ph prints 64 at most). */
#define KS_AUDIT_RAW_MAX 64

/*
 * The record of a malformed command: op=malformed bytes=<count> and the
 * first @len bytes of @raw as written, in hex; res=0 and who.
 */
void ks_audit_malformed(const char *raw, size_t len, size_t count,
			const struct ks_caller *who);

#endif /* KS_AUDIT_H */
