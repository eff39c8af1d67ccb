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
#include <linux/workqueue.h>

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
 * vmlinux's BTF does not change while the kernel runs: read once, checked
 * and indexed once (a lookup by id is then direct), and kept for the
 * writes that follow. It is let go a minute after the last arming (an
 * engage, monitor, tryengage or batch write, or a module's load) while it
 * is held, so an idle killswitch holds no copy (about 5 MB on Debian's
 * kernels). Measured under TCG, a single-line engage: 77 ms when each
 * write read it and each line walked it, 34 ms with it held.
 */
#define KS_BTF_IDLE (60 * HZ)

static struct ks_btf_blob ks_vmlinux_btf;	/* under ks_lock */
static struct ks_btf_view ks_vmlinux_view;	/* valid while .data is set */
static uint32_t *ks_vmlinux_offsets;
/* Found malformed once: it does not change, so it is not read again. */
static bool ks_vmlinux_btf_malformed;

static void ks_vmlinux_btf_drop(void);

static void ks_btf_idle(struct work_struct *work)
{
	mutex_lock(&ks_lock);
	ks_vmlinux_btf_drop();
	mutex_unlock(&ks_lock);
}
static DECLARE_DELAYED_WORK(ks_btf_idle_work, ks_btf_idle);

#ifdef MODULE
static int ks_vmlinux_btf_read(void)
{
	return ks_read_btf(KS_BTF_DIR "vmlinux", &ks_vmlinux_btf);
}

static void ks_vmlinux_btf_free(void)
{
	kvfree(ks_vmlinux_btf.data);
}
#else
/*
 * Built in, vmlinux's BTF is the kernel's own .BTF section, in memory
 * from the start: the command line's engagements are judged before any
 * file system is mounted.
 */
static int ks_vmlinux_btf_read(void)
{
	ptrdiff_t size = __stop_BTF - __start_BTF;

	if (size > 0) {
		ks_vmlinux_btf.data = __start_BTF;
		ks_vmlinux_btf.size = size;
	}
	return 0;
}

static void ks_vmlinux_btf_free(void)
{
}
#endif

static void ks_vmlinux_btf_drop(void)
{
	lockdep_assert_held(&ks_lock);
	if (ks_vmlinux_btf.data)
		ks_vmlinux_btf_free();
	kvfree(ks_vmlinux_offsets);
	ks_vmlinux_offsets = NULL;
	ks_vmlinux_btf.data = NULL;
	ks_vmlinux_btf.size = 0;
}

/* vmlinux's view, read and indexed on first use; NULL when there is no BTF. */
static int ks_vmlinux_btf_get(const struct ks_btf_view **view)
{
	int err;

	*view = NULL;
	if (ks_vmlinux_btf.data) {
		*view = &ks_vmlinux_view;
		return 0;
	}
	if (ks_vmlinux_btf_malformed)
		return 0;
	err = ks_vmlinux_btf_read();
	if (err || !ks_vmlinux_btf.data)
		return err;
	if (ks_btf_view_init(&ks_vmlinux_view, &ks_vmlinux_btf, NULL)) {
		pr_warn("the BTF of vmlinux is malformed: every function's type is unknown\n");
		ks_vmlinux_btf_malformed = true;
		ks_vmlinux_btf_drop();
		return 0;
	}
	/* Without the index, lookups walk: slower, as right, and no warning. */
	ks_vmlinux_offsets = kvmalloc_array(ks_vmlinux_view.count,
					    sizeof(*ks_vmlinux_offsets),
					    GFP_KERNEL | __GFP_NOWARN);
	if (ks_vmlinux_offsets)
		ks_btf_view_index(&ks_vmlinux_view, ks_vmlinux_offsets);
	*view = &ks_vmlinux_view;
	return 0;
}

/*
 * The last module's BTF a write read, for its next lines: a batch names
 * many functions of one module. Held for the write alone, under ks_lock,
 * which a module's going waits for (pending.c): the copy cannot outlive
 * the module it was read from.
 */
static struct {
	char module[MODULE_NAME_LEN];
	struct ks_btf_blob blob;
	struct ks_btf_view view;
} ks_module_btf;

static void ks_module_btf_drop(void)
{
	kvfree(ks_module_btf.blob.data);
	ks_module_btf.blob.data = NULL;
	ks_module_btf.blob.size = 0;
	ks_module_btf.module[0] = '\0';
}

/* @module's view on top of @base; NULL when it has no BTF. */
static int ks_module_btf_get(const char *module,
			     const struct ks_btf_view *base,
			     const struct ks_btf_view **view)
{
	char path[sizeof(KS_BTF_DIR) + MODULE_NAME_LEN];
	int err;

	*view = NULL;
	if (ks_module_btf.blob.data && !strcmp(ks_module_btf.module, module)) {
		*view = &ks_module_btf.view;
		return 0;
	}
	ks_module_btf_drop();
	snprintf(path, sizeof(path), KS_BTF_DIR "%s", module);
	err = ks_read_btf(path, &ks_module_btf.blob);
	if (err || !ks_module_btf.blob.data)
		return err;
	err = ks_btf_view_init(&ks_module_btf.view, &ks_module_btf.blob, base);
	if (err) {
		ks_module_btf_drop();
		return err;
	}
	strscpy(ks_module_btf.module, module, sizeof(ks_module_btf.module));
	*view = &ks_module_btf.view;
	return 0;
}

void ks_btf_release(void)
{
	lockdep_assert_held(&ks_lock);
	ks_module_btf_drop();
	if (ks_vmlinux_btf.data)
		mod_delayed_work(system_wq, &ks_btf_idle_work, KS_BTF_IDLE);
}

void ks_btf_exit(void)
{
	cancel_delayed_work_sync(&ks_btf_idle_work);
	mutex_lock(&ks_lock);
	ks_module_btf_drop();
	ks_vmlinux_btf_drop();
	mutex_unlock(&ks_lock);
}

int ks_btf_function_type(const char *module, const char *symbol,
			 struct ks_return_type *type)
{
	const struct ks_btf_view *base, *split = NULL;
	int err;

	lockdep_assert_held(&ks_lock);
	type->kind = KS_RET_UNKNOWN;
	type->size = 0;
	err = ks_vmlinux_btf_get(&base);
	if (err || !base)
		return err;
	if (module[0]) {
		err = ks_module_btf_get(module, base, &split);
		if (err == -ENOMEM)
			return err;
		if (!err && !split)
			return 0;	/* no BTF: unknown */
	}
	if (!err)
		err = ks_btf_view_return_type(base, split, symbol, type);
	if (err) {
		if (err != -ENOENT)
			pr_warn("the BTF of %s is malformed (error %d)\n",
				module[0] ? module : "vmlinux", err);
		type->kind = KS_RET_UNKNOWN;
		type->size = 0;
		err = 0;
	}
	return err;
}
