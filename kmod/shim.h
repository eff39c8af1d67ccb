/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few definitions the parser needs, from the kernel when built into
 * killswitch.ko and from libc when built in user space (unit tests, fuzzer).
 * The pure files (parse.c, condition.c, errno_names.c, return_type.c,
 * safety.c) include
 * no kernel or libc header but this one.
 */
#ifndef KS_SHIM_H
#define KS_SHIM_H

#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/string.h>
#include <linux/types.h>
#else
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#endif

#define KS_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* A blank separates tokens of a command and of a condition. */
static inline bool ks_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

#endif /* KS_SHIM_H */
