/* SPDX-License-Identifier: GPL-2.0 */
/* The running kernel's BTF, read from /sys/kernel/btf (btf_file.c). */
#ifndef KS_BTF_FILE_H
#define KS_BTF_FILE_H

#include "return_type.h"

/*
 * What @symbol (a clone suffix is looked through) returns, from the BTF of
 * @module ("" for vmlinux) on top of vmlinux's. @type is KS_RET_UNKNOWN
 * when the kernel or the module has no BTF or the function is not in it:
 * the safety rules refuse what they cannot judge. Returns 0, or -ENOMEM.
 * Under ks_lock. Sleeps; reads vmlinux's BTF (about 5 MiB) when it is not
 * held yet, so it runs only when a short circuit is armed.
 */
int ks_btf_function_type(const char *module, const char *symbol,
			 struct ks_return_type *type);

/* Under ks_lock, after arming: vmlinux's BTF, if held, goes a minute later. */
void ks_btf_release(void);

/* At unload: lets vmlinux's BTF go now. */
void ks_btf_exit(void);

#ifndef MODULE
/* Built in: vmlinux's .BTF section (the linker script's symbols). */
extern char __weak __start_BTF[];
extern char __weak __stop_BTF[];
#endif

#endif /* KS_BTF_FILE_H */
