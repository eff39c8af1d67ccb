// SPDX-License-Identifier: GPL-2.0
/*
 * fn/<symbol>/retval and fn/<symbol>/hits. An open file holds a reference
 * on its engagement, so it may outlive the disengage; from then on it
 * answers EIDRM. The inode's i_private is cleared under ks_lock before the
 * files are removed, so an open racing with the disengage sees NULL instead
 * of a freed engagement.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/security.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "fs.h"
#include "../core/caller.h"
#include "../engage/engagement.h"
#include "../parse/command.h"
#include "../uapi/killswitch.h"

/* Longest retval write accepted: "-0x8000000000000000\n" and room to spare. */
#define KS_RETVAL_WRITE_MAX 64

static int ks_fn_open(struct inode *inode, struct file *file)
{
	struct ks_engagement *e;

	mutex_lock(&ks_lock);
	e = inode->i_private;
	if (e)
		ks_engagement_get(e);
	mutex_unlock(&ks_lock);
	if (!e)
		return -EIDRM;
	file->private_data = e;
	return nonseekable_open(inode, file);
}

static int ks_fn_release(struct inode *inode, struct file *file)
{
	ks_engagement_put(file->private_data);
	return 0;
}

static ssize_t ks_fn_read_text(struct file *file, char __user *ubuf,
			       size_t count, loff_t *ppos, bool hits)
{
	struct ks_engagement *e = file->private_data;
	char text[32];
	int len;

	if (READ_ONCE(e->removed))
		return -EIDRM;
	if (hits)
		len = scnprintf(text, sizeof(text), "%lu\n", ks_hits(e));
	else
		len = scnprintf(text, sizeof(text), "%ld\n", READ_ONCE(e->retval));
	return simple_read_from_buffer(ubuf, count, ppos, text, len);
}

static ssize_t ks_retval_read(struct file *file, char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	return ks_fn_read_text(file, ubuf, count, ppos, false);
}

static ssize_t ks_hits_read(struct file *file, char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	return ks_fn_read_text(file, ubuf, count, ppos, true);
}

static ssize_t ks_retval_write(struct file *file, const char __user *ubuf,
			       size_t count, loff_t *ppos)
{
	struct ks_engagement *e = file->private_data;
	char who[KS_CALLER_MAX];
	char *buf;
	long retval;
	int err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (count == 0 || count > KS_RETVAL_WRITE_MAX)
		return -EINVAL;
	buf = memdup_user_nul(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	err = ks_parse_retval_write(buf, count, &retval);
	kfree(buf);
	if (err)
		return err;

	ks_describe_caller(who, sizeof(who));
	mutex_lock(&ks_lock);
	if (e->removed)
		err = -EIDRM;
	else
		ks_set_retval(e, retval, who);
	mutex_unlock(&ks_lock);
	return err ? err : count;
}

static const struct file_operations ks_retval_fops = {
	.owner = THIS_MODULE,
	.open = ks_fn_open,
	.release = ks_fn_release,
	.read = ks_retval_read,
	.write = ks_retval_write,
	.llseek = no_llseek,
};

static const struct file_operations ks_hits_fops = {
	.owner = THIS_MODULE,
	.open = ks_fn_open,
	.release = ks_fn_release,
	.read = ks_hits_read,
	.llseek = no_llseek,
};

int ks_fs_add_fn(struct ks_engagement *e)
{
	struct dentry *d;

	lockdep_assert_held(&ks_lock);
	d = securityfs_create_dir(e->symbol, ks_fs_fn_dir);
	if (IS_ERR(d))
		return PTR_ERR(d);
	e->dir = d;
	d = securityfs_create_file(KS_FN_RETVAL_FILE, 0600, e->dir, e,
				   &ks_retval_fops);
	if (IS_ERR(d))
		goto fail;
	e->retval_file = d;
	d = securityfs_create_file(KS_FN_HITS_FILE, 0400, e->dir, e,
				   &ks_hits_fops);
	if (IS_ERR(d))
		goto fail;
	e->hits_file = d;
	return 0;
fail:
	ks_fs_remove_fn(e);
	return PTR_ERR(d);
}

/*
 * Removes one file or directory of fn/. An open file keeps its dentry alive
 * and, on older kernels, hashed under its name after securityfs_remove(),
 * which would keep the directory from going and the symbol from being
 * engaged again; unhashing it frees the name while the open file lives on.
 */
static void ks_fs_remove_dentry(struct dentry **d)
{
	struct dentry *dentry = *d;

	if (IS_ERR_OR_NULL(dentry))
		return;
	*d = NULL;
	d_inode(dentry)->i_private = NULL;
	dget(dentry);		/* ours, so it is still there to unhash */
	securityfs_remove(dentry);
	d_drop(dentry);
	dput(dentry);
}

void ks_fs_remove_fn(struct ks_engagement *e)
{
	lockdep_assert_held(&ks_lock);
	WRITE_ONCE(e->removed, true);
	ks_fs_remove_dentry(&e->retval_file);
	ks_fs_remove_dentry(&e->hits_file);
	ks_fs_remove_dentry(&e->dir);
}
