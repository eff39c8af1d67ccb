// SPDX-License-Identifier: GPL-2.0
/*
 * The control file: the start of the data path. A write is checked for
 * privilege, lockdown and size and copied (privilege.c), then carried out
 * as one transaction of one or more lines (batch.c). A refused write
 * changes nothing.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "batch.h"
#include "caller.h"
#include "control.h"
#include "privilege.h"
#include "uapi/killswitch.h"

static ssize_t ks_control_write(struct file *file, const char __user *ubuf,
				size_t count, loff_t *ppos)
{
	struct ks_caller who;
	char *buf;
	int err;

	buf = ks_privileged_copy(ubuf, count, KS_BATCH_MAX, "control", NULL,
				 &who);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	err = ks_batch_run(buf, count, &who);
	kvfree(buf);
	return err ? err : count;
}

const struct file_operations ks_control_fops = {
	.owner = THIS_MODULE,
	.write = ks_control_write,
	.llseek = noop_llseek,
};
