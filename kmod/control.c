// SPDX-License-Identifier: GPL-2.0
/*
 * The control file: the start of the data path. A write is checked for
 * privilege, lockdown and size and copied (privilege.c), then carried out
 * as one transaction of one or more lines (batch.c). A refused write
 * changes nothing, but is counted: the refused file shows how many there
 * were since load, so monitoring sees scripts that keep failing.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "batch.h"
#include "caller.h"
#include "control.h"
#include "privilege.h"
#include "uapi/killswitch.h"

/* Control writes refused since load, whatever the error. */
static atomic_long_t ks_refused = ATOMIC_LONG_INIT(0);

static int ks_control_run(const char __user *ubuf, size_t count)
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
	return err;
}

/* Every way a control write fails comes back through here, and only here. */
static ssize_t ks_control_write(struct file *file, const char __user *ubuf,
				size_t count, loff_t *ppos)
{
	int err = ks_control_run(ubuf, count);

	if (err) {
		atomic_long_inc(&ks_refused);
		return err;
	}
	return count;
}

const struct file_operations ks_control_fops = {
	.owner = THIS_MODULE,
	.write = ks_control_write,
	.llseek = noop_llseek,
};

static int ks_refused_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%ld\n", atomic_long_read(&ks_refused));
	return 0;
}

static int ks_refused_open(struct inode *inode, struct file *file)
{
	return single_open(file, ks_refused_show, NULL);
}

const struct file_operations ks_refused_fops = {
	.owner = THIS_MODULE,
	.open = ks_refused_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};
