/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one prologue of every write that changes something: the control file
 * and fn/<target>/retval.
 */
#ifndef KS_PRIVILEGE_H
#define KS_PRIVILEGE_H

#include <linux/compiler.h>
#include <linux/types.h>

struct ks_caller;

/*
 * Whether the kernel is locked down at integrity or above, when no change
 * may be made at run time (the lockdown LSM logs its answer when it is).
 */
bool ks_locked_down(void);

/*
 * Checks that the writer may change anything, then copies what it wrote.
 * In this order, each with its own errno:
 * - CAP_SYS_ADMIN, else -EPERM;
 * - the kernel not locked down at integrity or above, else -EPERM, with a
 *   log line and an audit record of @op on @target (NULL: all) with res=0;
 * - 1 to @max bytes, else -EINVAL.
 * Returns the @count bytes at @ubuf with a NUL after them, for kvfree(), or
 * an ERR_PTR. @who is the writer from the capability check on.
 */
char *ks_privileged_copy(const char __user *ubuf, size_t count, size_t max,
			 const char *op, const char *target,
			 struct ks_caller *who);

#endif /* KS_PRIVILEGE_H */
