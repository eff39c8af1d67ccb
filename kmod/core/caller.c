// SPDX-License-Identifier: GPL-2.0
#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/uidgid.h>

#include "caller.h"

void ks_describe_caller(char *buf, size_t len)
{
	char comm[TASK_COMM_LEN];

	get_task_comm(comm, current);
	/* Ids as the initial namespace sees them: (uid_t)-1 means unset. */
	snprintf(buf, len, "uid=%u auid=%u ses=%u pid=%d comm=%s",
		 from_kuid(&init_user_ns, current_uid()),
		 from_kuid(&init_user_ns, audit_get_loginuid(current)),
		 audit_get_sessionid(current), task_tgid_nr(current), comm);
}
