/* SPDX-License-Identifier: GPL-2.0 */
/* The control file (control.c), the start of the data path. */
#ifndef KS_CONTROL_H
#define KS_CONTROL_H

#include <linux/fs.h>

/* Its write handler takes one command per write; main.c hands it to fs.c. */
extern const struct file_operations ks_control_fops;
/* The refused file: how many control writes failed since load. */
extern const struct file_operations ks_refused_fops;

#endif /* KS_CONTROL_H */
