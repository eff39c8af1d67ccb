// SPDX-License-Identifier: GPL-2.0
/*
 * Audit records. With an audit daemon they go to it; without one, kauditd
 * prints them to the kernel log ("audit: type=1316 ..."), so they are never
 * only a printk of ours.
 */
#include <linux/audit.h>
#include <linux/ctype.h>
#include <linux/sched.h>
#include <linux/string.h>

#include "audit.h"
#include "caller.h"
#include "kernel_ids.h"

/* comm is chosen by the task: keep only what cannot break the record's syntax. */
static void ks_audit_safe_comm(const char *comm, char *out, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len && comm[i]; i++)
		out[i] = isalnum(comm[i]) || strchr("_-.:/", comm[i]) ? comm[i] : '_';
	out[i] = '\0';
}

/* " uid=... actor=...": who asked, last in every record. */
static void ks_audit_who(struct audit_buffer *ab, const struct ks_caller *who)
{
	char comm[TASK_COMM_LEN];

	ks_audit_safe_comm(who->comm, comm, sizeof(comm));
	audit_log_format(ab, " uid=%u auid=%u ses=%u pid=%d comm=\"%s\" actor=%s",
			 who->uid, who->auid, who->ses, who->pid, comm,
			 who->actor ? "kernel" : "task");
}

void ks_audit_malformed(const char *raw, size_t len, size_t count,
			const struct ks_caller *who)
{
	struct audit_buffer *ab;

	ab = audit_log_start(audit_context(), GFP_KERNEL, KS_AUDIT_TYPE);
	if (!ab)
		return;
	/* Hex, as audit writes untrusted text, so no byte breaks the record. */
	audit_log_format(ab, "killswitch op=malformed bytes=%zu text=%*phN res=0",
			 count, (int)len, raw);
	ks_audit_who(ab, who);
	audit_log_end(ab);
}

void ks_audit(const char *op, const char *target, long value, const char *cond,
	      int result, const struct ks_caller *who)
{
	struct audit_buffer *ab;

	ab = audit_log_start(audit_context(), GFP_KERNEL, KS_AUDIT_TYPE);
	if (!ab)
		return;
	audit_log_format(ab, "killswitch op=%s target=%s value=%ld cond=%s res=%d",
			 op, target ? target : "all", value,
			 cond && *cond ? cond : "none", result);
	ks_audit_who(ab, who);
	audit_log_end(ab);
}
