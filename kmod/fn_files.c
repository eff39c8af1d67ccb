// SPDX-License-Identifier: GPL-2.0
/*
 * fn/<target>/: retval (read-write), hits, passes, state, condition and
 * timeout_left. An open file holds a reference on its engagement, so it may
 * outlive the disengage; from then on it answers EIDRM. The inode's
 * i_private is cleared under ks_lock before the files are removed, so an
 * open racing with the disengage sees NULL instead of a freed engagement.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/security.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "caller.h"
#include "condition.h"
#include "engagement.h"
#include "fs.h"
#include "parse.h"
#include "privilege.h"
#include "tryengage.h"
#include "uapi/killswitch.h"

/* The longest file text: a condition, its newline and the NUL. */
#define KS_FN_TEXT_MAX (KS_COND_TEXT_MAX + 2)

/* Longest retval write accepted: "-0x8000000000000000\n" and room to spare. */
#define KS_RETVAL_WRITE_MAX 64

/* Prints one file's text for @e into @buf; under ks_lock. */
typedef int (*ks_show_fn)(struct ks_engagement *e, char *buf, size_t len);

static int ks_show_retval(struct ks_engagement *e, char *buf, size_t len)
{
	return scnprintf(buf, len, "%ld\n", READ_ONCE(e->retval));
}

static int ks_show_hits(struct ks_engagement *e, char *buf, size_t len)
{
	return scnprintf(buf, len, "%lu\n", ks_hits(e));
}

static int ks_show_passes(struct ks_engagement *e, char *buf, size_t len)
{
	struct ks_counters sum;

	ks_counters_sum(e, &sum);
	return scnprintf(buf, len, "%lu\n", sum.passes);
}

static int ks_show_state(struct ks_engagement *e, char *buf, size_t len)
{
	return scnprintf(buf, len, "%s\n", ks_state_name(e));
}

static int ks_show_condition(struct ks_engagement *e, char *buf, size_t len)
{
	int n = ks_format_condition(&e->cond, buf, len - 1);

	buf[n++] = '\n';
	return n;
}

static int ks_show_timeout_left(struct ks_engagement *e, char *buf, size_t len)
{
	unsigned long left = READ_ONCE(e->mode) == KS_MODE_TRY ?
				     ks_try_seconds_left(e) : 0;

	return scnprintf(buf, len, "%lu\n", left);
}

struct ks_fn_file {
	const char *name;
	umode_t mode;
	ks_show_fn show;
};

static const struct ks_fn_file ks_fn_files[KS_FN_FILES] = {
	{ KS_FN_RETVAL_FILE, 0600, ks_show_retval },
	{ KS_FN_HITS_FILE, 0400, ks_show_hits },
	{ KS_FN_PASSES_FILE, 0400, ks_show_passes },
	{ KS_FN_STATE_FILE, 0444, ks_show_state },
	{ KS_FN_CONDITION_FILE, 0444, ks_show_condition },
	{ KS_FN_TIMEOUT_LEFT_FILE, 0444, ks_show_timeout_left },
};

/* Each file's i_private is its engagement; which file it is comes from the dentry name. */
static const struct ks_fn_file *ks_fn_file_of(struct file *file)
{
	const char *name = file->f_path.dentry->d_name.name;
	int i;

	for (i = 0; i < KS_FN_FILES; i++) {
		if (strcmp(ks_fn_files[i].name, name) == 0)
			return &ks_fn_files[i];
	}
	return NULL;
}

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

static ssize_t ks_fn_read(struct file *file, char __user *ubuf, size_t count,
			  loff_t *ppos)
{
	const struct ks_fn_file *spec = ks_fn_file_of(file);
	struct ks_engagement *e = file->private_data;
	char *text;
	ssize_t ret;
	int len;

	if (!spec)
		return -EINVAL;
	text = kmalloc(KS_FN_TEXT_MAX, GFP_KERNEL);
	if (!text)
		return -ENOMEM;
	mutex_lock(&ks_lock);
	if (e->removed) {
		mutex_unlock(&ks_lock);
		kfree(text);
		return -EIDRM;
	}
	len = spec->show(e, text, KS_FN_TEXT_MAX);
	mutex_unlock(&ks_lock);
	ret = simple_read_from_buffer(ubuf, count, ppos, text, len);
	kfree(text);
	return ret;
}

static ssize_t ks_retval_write(struct file *file, const char __user *ubuf,
			       size_t count, loff_t *ppos)
{
	struct ks_engagement *e = file->private_data;
	struct ks_caller who;
	char *buf;
	long retval;
	int err;

	buf = ks_privileged_copy(ubuf, count, KS_RETVAL_WRITE_MAX, "retval",
				 e->target, &who);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	err = ks_parse_retval_write(buf, count, &retval);
	kfree(buf);
	if (err)
		return err;

	mutex_lock(&ks_lock);
	if (e->removed)
		err = -EIDRM;
	else
		err = ks_set_retval(e, retval, &who);
	mutex_unlock(&ks_lock);
	return err ? err : count;
}

static const struct file_operations ks_fn_fops = {
	.owner = THIS_MODULE,
	.open = ks_fn_open,
	.release = ks_fn_release,
	.read = ks_fn_read,
	.write = ks_retval_write,	/* only retval is writable (mode 0600) */
	.llseek = no_llseek,
};

int ks_fs_add_fn(struct ks_engagement *e)
{
	struct dentry *d;
	int i;

	lockdep_assert_held(&ks_lock);
	d = securityfs_create_dir(e->target, ks_fs_fn_dir);
	if (IS_ERR(d))
		return PTR_ERR(d);
	e->dir = d;
	for (i = 0; i < KS_FN_FILES; i++) {
		d = securityfs_create_file(ks_fn_files[i].name,
					   ks_fn_files[i].mode, e->dir, e,
					   &ks_fn_fops);
		if (IS_ERR(d)) {
			ks_fs_remove_fn(e);
			return PTR_ERR(d);
		}
		e->files[i] = d;
	}
	return 0;
}

/*
 * Removes one file or directory of fn/. An open file keeps its dentry alive
 * and, on older kernels, hashed under its name after securityfs_remove(),
 * which would keep the directory from going and the target from being
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
	int i;

	lockdep_assert_held(&ks_lock);
	for (i = 0; i < KS_FN_FILES; i++)
		ks_fs_remove_dentry(&e->files[i]);
	ks_fs_remove_dentry(&e->dir);
}
