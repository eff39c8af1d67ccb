// SPDX-License-Identifier: GPL-2.0
#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uidgid.h>

#include "caller.h"

void ks_caller_current(struct ks_caller *caller)
{
	caller->actor = NULL;
	/* Ids as the initial namespace sees them: (uid_t)-1 means unset. */
	caller->uid = from_kuid(&init_user_ns, current_uid());
	caller->auid = from_kuid(&init_user_ns, audit_get_loginuid(current));
	caller->ses = audit_get_sessionid(current);
	caller->pid = task_tgid_nr(current);
	get_task_comm(caller->comm, current);
}

void ks_caller_kernel(struct ks_caller *caller, const char *actor)
{
	ks_caller_current(caller);
	caller->actor = actor;
}

void ks_caller_format(const struct ks_caller *caller, char *buf, size_t len)
{
	if (caller->actor)
		strscpy(buf, caller->actor, len);
	else
		snprintf(buf, len, "uid=%u auid=%u ses=%u pid=%d comm=%s",
			 caller->uid, caller->auid, caller->ses, caller->pid,
			 caller->comm);
}
