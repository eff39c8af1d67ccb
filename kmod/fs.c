// SPDX-License-Identifier: GPL-2.0
/* The top of the securityfs tree (drawn in fs.h): control, engaged, taint, fn/. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/security.h>
#include <linux/seq_file.h>

#include "condition.h"
#include "control.h"
#include "engagement.h"
#include "errno_names.h"
#include "fs.h"
#include "tryengage.h"
#include "uapi/killswitch.h"

static struct dentry *ks_fs_root;
struct dentry *ks_fs_fn_dir;

/* What ks_fs_init() made, in creation order, for ks_fs_exit() to remove. */
static struct dentry *ks_fs_made[4];
static unsigned int ks_fs_nmade;

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
		seq_printf(m, "%s retval=%ld hits=%lu", e->target, retval,
			   sum.hits);
		name = retval < 0 && retval > -4096 ? ks_errno_name((int)-retval) : NULL;
		if (name)
			seq_printf(m, " errno=-%s", name);
		if (e->module[0])
			seq_printf(m, " module=%s", e->module);
		seq_printf(m, " state=%s passes=%lu", ks_state_name(e),
			   sum.passes);
		if (e->cond.n) {
			ks_format_condition(&e->cond, cond, sizeof(cond));
			seq_printf(m, " if=%s", cond);
		}
		if (READ_ONCE(e->mode) == KS_MODE_TRY)
			seq_printf(m, " timeout_left=%lu", ks_try_seconds_left(e));
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

static const struct file_operations ks_control_fops = {
	.owner = THIS_MODULE,
	.write = ks_control_write,
	.llseek = noop_llseek,
};

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

int ks_fs_init(void)
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
					  NULL, &ks_control_fops), &err);
	if (!err)
		ks_fs_keep(securityfs_create_file(KS_ENGAGED_FILE, 0444, ks_fs_root,
						  NULL, &ks_engaged_fops), &err);
	if (!err)
		ks_fs_keep(securityfs_create_file(KS_TAINT_FILE, 0444, ks_fs_root,
						  NULL, &ks_taint_fops), &err);
	if (!err)
		ks_fs_fn_dir = ks_fs_keep(securityfs_create_dir(KS_FN_DIR, ks_fs_root),
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
