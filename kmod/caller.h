/* SPDX-License-Identifier: GPL-2.0 */
/* Who asked for a change: a task, or the kernel itself (load, unload, a module event). */
#ifndef KS_CALLER_H
#define KS_CALLER_H

#include <linux/sched.h>
#include <linux/types.h>

#define KS_CALLER_MAX 160

struct ks_caller {
	const char *actor;	/* set when the kernel acts on its own: "module unload" */
	u32 uid, auid, ses;	/* ids in the initial namespace; (u32)-1: unset */
	pid_t pid;
	char comm[TASK_COMM_LEN];
};

void ks_caller_current(struct ks_caller *caller);
void ks_caller_kernel(struct ks_caller *caller, const char *actor);

/* "uid=0 auid=1000 ses=3 pid=812 comm=sh", or the actor. */
void ks_caller_format(const struct ks_caller *caller, char *buf, size_t len);

#endif /* KS_CALLER_H */
