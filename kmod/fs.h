/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The securityfs tree:
 *
 *   /sys/kernel/security/killswitch/
 *   |-- control            0200  commands, one per write (control.c)
 *   |-- engaged            0444  one line per engagement
 *   |-- taint              0444  1 once anything was engaged
 *   `-- fn/
 *       `-- <symbol>/
 *           |-- retval     0600  the value returned, writable live
 *           `-- hits       0400  calls short-circuited
 */
#ifndef KS_FS_H
#define KS_FS_H

struct ks_engagement;

/* Creates the tree; -EEXIST when a built-in killswitch already owns it. */
int ks_fs_init(void);
void ks_fs_exit(void);

/* Under ks_lock. */
int ks_fs_add_fn(struct ks_engagement *e);
void ks_fs_remove_fn(struct ks_engagement *e);

/* fn/ is made by fs.c and filled by fn_files.c. */
extern struct dentry *ks_fs_fn_dir;

#endif /* KS_FS_H */
