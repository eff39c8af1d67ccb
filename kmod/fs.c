// SPDX-License-Identifier: GPL-2.0
/*
 * The securityfs tree, the whole interface of the module:
 *
 *   /sys/kernel/security/killswitch/
 *   |-- control              0200  commands, one per write (control.c)
 *   |-- engaged              0400  one line per engagement
 *   |-- taint                0400  1 once anything was engaged
 *   |-- refused              0400  control writes refused since load (control.c)
 *   `-- fn/                  0700
 *       `-- <target>/        0700  one per engagement, made at engage
 *           |-- retval       0600  the value returned; a write changes it live
 *           |-- hits         0400  calls that matched, summed over CPUs
 *           |-- passes       0400  calls the condition let through
 *           |-- state        0400  engaged, monitoring, probing or pending
 *           |-- condition    0400  the condition as the parser reads it back
 *           `-- timeout_left 0400  seconds left of a tryengage window or an expiry
 *
 * Everything but control is root's alone: which functions are engaged tells
 * an attacker which holes this host has not patched yet.
 *
 * An open fn/ file holds a reference on its engagement, so it may outlive
 * the disengage; from then on it answers EIDRM. The inode's i_private is
 * cleared under ks_lock before the files are removed, so an open racing
 * with the disengage sees NULL instead of a freed engagement.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mm.h>
#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/security.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "caller.h"
#include "condition.h"
#include "engagement.h"
#include "engine.h"
#include "errno_names.h"
#include "fs.h"
#include "parse.h"
#include "privilege.h"
#include "tryengage.h"
#include "uapi/killswitch.h"

static struct dentry *ks_fs_root;
static struct dentry *ks_fs_fn_dir;

/* A directory only root may list or enter (securityfs_create_dir() makes 0755). */
static struct dentry *ks_fs_private_dir(const char *name, struct dentry *parent)
{
	return securityfs_create_file(name, S_IFDIR | 0700, parent, NULL, NULL);
}

/* What ks_fs_init() made, in creation order, for ks_fs_exit() to remove. */
static struct dentry *ks_fs_made[5];
static unsigned int ks_fs_nmade;

/* fn/<target>/: one engagement's files. */

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
	return scnprintf(buf, len, "%lu\n", ks_try_seconds_left(e));
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
	{ KS_FN_STATE_FILE, 0400, ks_show_state },
	{ KS_FN_CONDITION_FILE, 0400, ks_show_condition },
	{ KS_FN_TIMEOUT_LEFT_FILE, 0400, ks_show_timeout_left },
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
	kvfree(buf);
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
};

int ks_fs_add_fn(struct ks_engagement *e)
{
	struct dentry *d;
	int i;

	lockdep_assert_held(&ks_lock);
	d = ks_fs_private_dir(e->target, ks_fs_fn_dir);
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

/* The top of the tree: control, engaged, taint, refused and fn/. */

static int ks_engaged_show(struct seq_file *m, void *v)
{
	char cond[KS_COND_TEXT_MAX];
	struct ks_engagement *e;
	struct ks_counters sum;
	const char *name;
	long retval;

	mutex_lock(&ks_lock);
	ks_for_each_engagement(e) {
		ks_counters_sum(e, &sum);
		retval = READ_ONCE(e->retval);
		/* The compatible prefix, then extensions as key=value. */
		seq_printf(m, "%s " KS_KEY_RETVAL "=%ld " KS_KEY_HITS "=%lu",
			   e->target, retval, sum.hits);
		name = retval < 0 && retval >= -KS_MAX_ERRNO ?
			       ks_errno_name((int)-retval) : NULL;
		if (name)
			seq_printf(m, " " KS_KEY_ERRNO "=-%s", name);
		if (e->module[0])
			seq_printf(m, " " KS_KEY_MODULE "=%s", e->module);
		seq_printf(m, " " KS_KEY_STATE "=%s " KS_KEY_PASSES "=%lu",
			   ks_state_name(e), sum.passes);
		if (e->armed)
			seq_printf(m, " " KS_KEY_ENGINE "=%s",
				   ks_engine_name(e));
		if (e->cond.n) {
			ks_format_condition(&e->cond, cond, sizeof(cond));
			seq_printf(m, " " KS_KEY_IF "=%s", cond);
		}
		if (ks_try_window_open(e))
			seq_printf(m, " " KS_KEY_TIMEOUT_LEFT "=%lu",
				   ks_try_seconds_left(e));
		seq_putc(m, '\n');
	}
	mutex_unlock(&ks_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ks_engaged);

static int ks_taint_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%d\n", ks_tainted() ? 1 : 0);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ks_taint);

/* Records @d for removal; returns it, or NULL and the error in @err. */
static struct dentry *ks_fs_keep(struct dentry *d, int *err)
{
	if (IS_ERR(d)) {
		*err = PTR_ERR(d);
		return NULL;
	}
	ks_fs_made[ks_fs_nmade++] = d;
	return d;
}

int ks_fs_init(const struct file_operations *control_fops,
	       const struct file_operations *refused_fops)
{
	int err = 0;

	ks_fs_root = securityfs_create_dir(KS_DIR_NAME, NULL);
	if (IS_ERR(ks_fs_root)) {
		err = PTR_ERR(ks_fs_root);
		if (err == -EEXIST)
			pr_err("the kernel already has a killswitch at %s; use the built-in one\n",
			       KS_SECURITYFS_DIR);
		else
			pr_err("cannot create %s (error %d)\n", KS_SECURITYFS_DIR,
			       err);
		ks_fs_root = NULL;
		return err;
	}

	ks_fs_keep(securityfs_create_file(KS_CONTROL_FILE, 0200, ks_fs_root,
					  NULL, control_fops), &err);
	if (!err)
		ks_fs_keep(securityfs_create_file(KS_ENGAGED_FILE, 0400, ks_fs_root,
						  NULL, &ks_engaged_fops), &err);
	if (!err)
		ks_fs_keep(securityfs_create_file(KS_TAINT_FILE, 0400, ks_fs_root,
						  NULL, &ks_taint_fops), &err);
	if (!err)
		ks_fs_keep(securityfs_create_file(KS_REFUSED_FILE, 0400, ks_fs_root,
						  NULL, refused_fops), &err);
	if (!err)
		ks_fs_fn_dir = ks_fs_keep(ks_fs_private_dir(KS_FN_DIR, ks_fs_root),
					  &err);
	if (err) {
		pr_err("cannot create the files under %s (error %d)\n",
		       KS_SECURITYFS_DIR, err);
		ks_fs_exit();
	}
	return err;
}

/* Called with no engagement left, so fn/ is empty. */
void ks_fs_exit(void)
{
	if (!ks_fs_root)
		return;
	/* securityfs_remove() takes one dentry: children first, newest first. */
	while (ks_fs_nmade > 0)
		securityfs_remove(ks_fs_made[--ks_fs_nmade]);
	securityfs_remove(ks_fs_root);
	ks_fs_root = NULL;
	ks_fs_fn_dir = NULL;
}
