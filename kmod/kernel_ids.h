/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KS_KERNEL_IDS_H
#define KS_KERNEL_IDS_H

#include <linux/audit.h>
#include <linux/panic.h>
#include <linux/security.h>

/*
 * The kernel's names for killswitch: its taint flag, its audit record type
 * and its lockdown reason. The in-tree series (CONFIG_KILLSWITCH) adds all
 * three; a stock kernel has none, so the module takes the nearest of each:
 * - 'K', the flag for code changed at run time (livepatch sets it too);
 * - AUDIT_KERNEL_OTHER, the type for kernel records without one of their own;
 * - the reason of fail_function, whose class (integrity) is ours: the kernel
 *   lets a module ask whether it is locked down only for a reason.
 */
#ifdef CONFIG_KILLSWITCH
#define KS_TAINT		TAINT_KILLSWITCH
#define KS_AUDIT_TYPE		AUDIT_KILLSWITCH
#define KS_LOCKDOWN_REASON	LOCKDOWN_KILLSWITCH
#else
#define KS_TAINT		TAINT_LIVEPATCH
#define KS_AUDIT_TYPE		AUDIT_KERNEL_OTHER
#define KS_LOCKDOWN_REASON	LOCKDOWN_DEBUGFS
#endif

#endif /* KS_KERNEL_IDS_H */
