// SPDX-License-Identifier: GPL-2.0
/*
 * Reads BTF the way user space does, from /sys/kernel/btf/vmlinux and
 * /sys/kernel/btf/<module>: the kernel exports no lookup of a function's
 * BTF by name to modules. The files are the kernel's own data, served
 * from memory; a module's file exists from MODULE_STATE_COMING on, before
 * killswitch's own module notifier runs (pending.c).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/limits.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "btf_file.h"
#include "engagement.h"

#define KS_BTF_DIR "/sys/kernel/btf/"
#define KS_BTF_MAX_SIZE (64 << 20)	/* far above any kernel's BTF */

/* The whole of @path in a kvmalloc'ed buffer; NULL blob when absent. */
static int ks_read_btf(const char *path, struct ks_btf_blob *blob)
{
	struct file *file;
	loff_t size, pos = 0;
	ssize_t n;
	void *data;

	blob->data = NULL;
	blob->size = 0;
	file = filp_open(path, O_RDONLY, 0);
	if (IS_ERR(file))
		return 0;	/* no BTF: the caller judges "unknown" */
	size = i_size_read(file_inode(file));
	if (size <= 0 || size > KS_BTF_MAX_SIZE) {
		filp_close(file, NULL);
		return 0;
	}
	data = kvmalloc(size, GFP_KERNEL);
	if (!data) {
		filp_close(file, NULL);
		return -ENOMEM;
	}
	while (pos < size) {
		n = kernel_read(file, data + pos, size - pos, &pos);
		if (n <= 0)
			break;
	}
	filp_close(file, NULL);
	if (pos != size) {
		kvfree(data);
		return 0;
	}
	blob->data = data;
	blob->size = size;
	return 0;
}

/*
 * vmlinux's BTF, read once for all the lines of a write and let go by
 * ks_btf_release() at its end: no memory is held between writes.
 */
static struct ks_btf_blob ks_vmlinux_btf;	/* under ks_lock */

#ifdef MODULE
static int ks_vmlinux_btf_get(void)
{
	return ks_read_btf(KS_BTF_DIR "vmlinux", &ks_vmlinux_btf);
}

void ks_btf_release(void)
{
	lockdep_assert_held(&ks_lock);
	kvfree(ks_vmlinux_btf.data);
	ks_vmlinux_btf.data = NULL;
	ks_vmlinux_btf.size = 0;
}
#else
/*
 * Built in, vmlinux's BTF is the kernel's own .BTF section, in memory
 * from the start: the command line's engagements are judged before any
 * file system is mounted.
 */
static int ks_vmlinux_btf_get(void)
{
	ptrdiff_t size = __stop_BTF - __start_BTF;

	if (size > 0) {
		ks_vmlinux_btf.data = __start_BTF;
		ks_vmlinux_btf.size = size;
	}
	return 0;
}

void ks_btf_release(void)
{
	lockdep_assert_held(&ks_lock);
	ks_vmlinux_btf.data = NULL;
	ks_vmlinux_btf.size = 0;
}
#endif

int ks_btf_function_type(const char *module, const char *symbol,
			 struct ks_return_type *type)
{
	char path[sizeof(KS_BTF_DIR) + MODULE_NAME_LEN];
	struct ks_btf_blob split = { NULL, 0 };
	int err = 0;

	lockdep_assert_held(&ks_lock);
	type->kind = KS_RET_UNKNOWN;
	type->size = 0;
	if (!ks_vmlinux_btf.data)
		err = ks_vmlinux_btf_get();
	if (err || !ks_vmlinux_btf.data)
		return err;
	if (module[0]) {
		snprintf(path, sizeof(path), KS_BTF_DIR "%s", module);
		err = ks_read_btf(path, &split);
		if (err || !split.data)
			return err;
	}
	err = ks_btf_return_type(&ks_vmlinux_btf, split.data ? &split : NULL,
				 symbol, type);
	if (err) {
		if (err != -ENOENT)
			pr_warn("the BTF of %s is malformed (error %d)\n",
				module[0] ? module : "vmlinux", err);
		type->kind = KS_RET_UNKNOWN;
		type->size = 0;
		err = 0;
	}
	kvfree(split.data);
	return err;
}
