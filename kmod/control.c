// SPDX-License-Identifier: GPL-2.0
/*
 * The control file: the start of the data path. A write is checked for
 * privilege, lockdown and size, copied, parsed (parse.c) and carried out
 * (execute.c). A refused write changes nothing.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "control.h"
#include "audit.h"
#include "caller.h"
#include "lockdown.h"
#include "engagement.h"
#include "parse.h"
#include "uapi/killswitch.h"

ssize_t ks_control_write(struct file *file, const char __user *ubuf,
			 size_t count, loff_t *ppos)
{
	char whotext[KS_CALLER_MAX];
	struct ks_command *cmd;
	struct ks_caller who;
	char *buf;
	int err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	ks_caller_current(&who);
	err = ks_lockdown_check();
	if (err) {
		ks_caller_format(&who, whotext, sizeof(whotext));
		pr_warn_ratelimited("change refused: the kernel is locked down; by %s\n",
				    whotext);
		ks_audit("control", NULL, 0, NULL, 0, &who);
		return err;
	}
	if (count == 0 || count > KS_CONTROL_MAX)
		return -EINVAL;
	buf = memdup_user_nul(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	/* The command holds a condition: too big for the stack. */
	cmd = kmalloc(sizeof(*cmd), GFP_KERNEL);
	if (!cmd) {
		kfree(buf);
		return -ENOMEM;
	}

	err = ks_parse_command(buf, count, cmd);
	if (err) {
		ks_caller_format(&who, whotext, sizeof(whotext));
		pr_info_ratelimited("malformed command refused (%zu bytes) from %s\n",
				    count, whotext);
	} else {
		err = ks_execute(cmd, &who);
	}
	kfree(cmd);
	kfree(buf);
	return err ? err : count;
}
