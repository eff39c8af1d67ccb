// SPDX-License-Identifier: GPL-2.0
/*
 * Who may change anything. The control file and fn/<target>/retval share
 * this prologue, so both refuse alike, and a refusal by lockdown leaves a
 * log line and an audit record whichever file was written.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/security.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "audit.h"
#include "caller.h"
#include "kernel_ids.h"
#include "privilege.h"

bool ks_locked_down(void)
{
	/* Changing what kernel functions return is an integrity matter. */
	return security_locked_down(KS_LOCKDOWN_REASON) != 0;
}

char *ks_privileged_copy(const char __user *ubuf, size_t count, size_t max,
			 const char *op, const char *target,
			 struct ks_caller *who)
{
	char whotext[KS_CALLER_MAX];
	char *buf;

	if (!capable(CAP_SYS_ADMIN))
		return ERR_PTR(-EPERM);
	ks_caller_current(who);
	if (ks_locked_down()) {
		ks_caller_format(who, whotext, sizeof(whotext));
		pr_warn("change refused: the kernel is locked down; by %s\n",
			whotext);
		/* Nothing was read, so the record carries no value. */
		ks_audit(op, target, 0, NULL, 0, who);
		return ERR_PTR(-EPERM);
	}
	if (count == 0 || count > max)
		return ERR_PTR(-EINVAL);
	/* A batch may be large: not one physically contiguous block. */
	buf = kvmalloc(count + 1, GFP_KERNEL);
	if (!buf)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(buf, ubuf, count)) {
		kvfree(buf);
		return ERR_PTR(-EFAULT);
	}
	buf[count] = '\0';
	return buf;
}
