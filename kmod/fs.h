/* SPDX-License-Identifier: GPL-2.0 */
/* The securityfs tree (drawn in fs.c). */
#ifndef KS_FS_H
#define KS_FS_H

#include <linux/fs.h>

struct ks_engagement;

/*
 * Creates the tree; -EEXIST when a built-in killswitch already owns it.
 * The operations of control and of its refused counter come from control.c
 * through main.c, so the tree does not call into the data path it is the
 * entry of.
 */
int ks_fs_init(const struct file_operations *control_fops,
	       const struct file_operations *refused_fops);
/* Called with no engagement left, so fn/ is empty. */
void ks_fs_exit(void);

/* Under ks_lock: fn/<target>/ of @e, made at engage, removed at disengage. */
int ks_fs_add_fn(struct ks_engagement *e);
void ks_fs_remove_fn(struct ks_engagement *e);

#endif /* KS_FS_H */
