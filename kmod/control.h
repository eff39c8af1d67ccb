/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KS_CONTROL_H
#define KS_CONTROL_H

#include <linux/types.h>

struct file;

/* The write handler of the control file: one command per write. */
ssize_t ks_control_write(struct file *file, const char __user *ubuf,
			 size_t count, loff_t *ppos);

#endif /* KS_CONTROL_H */
