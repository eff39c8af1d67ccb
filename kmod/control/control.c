// SPDX-License-Identifier: GPL-2.0
/*
 * The control file: the start of the data path. A write is checked for
 * privilege and size, copied, parsed (parse/) and carried out (engage/).
 * A refused write changes nothing.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "control.h"
#include "../core/caller.h"
#include "../engage/engagement.h"
#include "../parse/command.h"
#include "../uapi/killswitch.h"

ssize_t ks_control_write(struct file *file, const char __user *ubuf,
			 size_t count, loff_t *ppos)
{
	char who[KS_CALLER_MAX];
	struct ks_command cmd;
	char *buf;
	int err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (count == 0 || count > KS_CONTROL_MAX)
		return -EINVAL;
	buf = memdup_user_nul(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);

	ks_describe_caller(who, sizeof(who));
	err = ks_parse_command(buf, count, &cmd);
	if (err)
		pr_info_ratelimited("malformed command refused (%zu bytes) from %s\n",
				    count, who);
	else
		err = ks_execute(&cmd, who);
	kfree(buf);
	return err ? err : count;
}
