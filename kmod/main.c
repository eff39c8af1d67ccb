// SPDX-License-Identifier: GPL-2.0
/*
 * killswitch.ko: make a kernel function return a chosen value without
 * running its body, on the running kernel, until disengaged or unloaded.
 *
 * Load: create the securityfs tree, then carry out the engage= parameter.
 * Unload: disengage everything (each unregister waits for its handlers),
 * remove the tree, then wait until no task can still be on its way through
 * the return stub, which lives in this module's text.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "arch.h"
#include "audit.h"
#include "btf_file.h"
#include "caller.h"
#include "control.h"
#include "crash_note.h"
#include "direct_engine.h"
#include "engage.h"
#include "fs.h"
#include "ftrace_engine.h"
#include "parse.h"
#include "pending.h"
#include "pin.h"
#include "privilege.h"
#include "requirements.h"
#include "tryengage.h"
#include "uapi/killswitch.h"

/* The kernel command line is at most 2048 bytes on x86 (COMMAND_LINE_SIZE). */
#define KS_CMDLINE_MAX 4096

static char *ks_engage_param;
module_param_named(engage, ks_engage_param, charp, 0400);
MODULE_PARM_DESC(engage,
		 "engage at load: <symbol>=<retval>[,<symbol>=<retval>...]; a bad entry is logged and skipped");

#ifndef MODULE
/*
 * Built in, killswitch=<target>=<retval>[,...] on the kernel command line
 * is engage= under a short name (killswitch.engage= works too).
 */
static int __init ks_setup_cmdline(char *str)
{
	ks_engage_param = str;
	return 1;
}
__setup("killswitch=", ks_setup_cmdline);

/* Built in, engage= can only have come from the kernel command line. */
static bool ks_param_allowed(const struct ks_caller *who)
{
	return true;
}
#else
/*
 * Under lockdown nothing may change at run time, so engage= counts only
 * when the kernel command line itself set it (killswitch.engage=...): a
 * later modprobe with engage= is refused whole.
 */
static bool ks_param_allowed(const struct ks_caller *who)
{
	char *cmdline;
	struct file *file;
	loff_t pos = 0;
	ssize_t n;
	bool ok;

	if (!ks_locked_down())
		return true;
	cmdline = kzalloc(KS_CMDLINE_MAX, GFP_KERNEL);
	file = filp_open("/proc/cmdline", O_RDONLY, 0);
	if (!cmdline || IS_ERR(file)) {
		if (!IS_ERR(file))
			filp_close(file, NULL);
		kfree(cmdline);
		pr_warn("engage= refused: the kernel is locked down and its command line cannot be read\n");
		ks_audit("engage", NULL, 0, NULL, 0, who);
		return false;
	}
	n = kernel_read(file, cmdline, KS_CMDLINE_MAX - 1, &pos);
	filp_close(file, NULL);
	ok = n > 0 && ks_cmdline_sets(cmdline, "engage", ks_engage_param);
	kfree(cmdline);
	if (!ok) {
		pr_warn("engage= refused: the kernel is locked down, and then only the kernel command line (killswitch.engage=) may engage at load\n");
		ks_audit("engage", NULL, 0, NULL, 0, who);
	}
	return ok;
}
#endif

/* Engages each entry of engage=; a bad one is logged and skipped, never fatal. */
static void ks_engage_from_param(void)
{
	static const char seps[] = { KS_PARAM_LIST_SEP, '\0' };
	char *list, *cursor, *entry;
	struct ks_command *cmd;
	struct ks_caller who;

	if (!ks_engage_param || !*ks_engage_param)
		return;
	list = kstrdup(ks_engage_param, GFP_KERNEL);
	cmd = kmalloc(sizeof(*cmd), GFP_KERNEL);
	if (!list || !cmd) {
		kfree(list);
		kfree(cmd);
		pr_err("engage=: out of memory, nothing engaged\n");
		return;
	}
	ks_caller_kernel(&who, "module parameter engage=");
	if (!ks_param_allowed(&who)) {
		kfree(cmd);
		kfree(list);
		return;
	}
	cursor = list;
	while ((entry = strsep(&cursor, seps)) != NULL) {
		int err;

		if (ks_parse_param_entry(entry, cmd)) {
			pr_warn("engage= entry '%s' is malformed (want <target>=<retval>); skipped\n",
				entry);
			continue;
		}
		err = ks_engage(cmd, KS_MODE_KILL, &who);
		if (err)
			pr_warn("engage= entry %s=%ld skipped (error %d)\n",
				cmd->target, cmd->retval, err);
	}
	kfree(cmd);
	kfree(list);
}

static int __init ks_init(void)
{
	/* A tryengage window ends in the lifecycle's decision (engage.c). */
	int err = ks_try_wq_init(ks_try_decide);

	if (err)
		return err;
	err = ks_fs_init(&ks_control_fops, &ks_refused_fops);
	if (err)
		goto fail_wq;
	err = ks_crash_note_init();
	if (err)
		goto fail_fs;
	err = ks_pending_init();
	if (err)
		goto fail_note;
	ks_engage_from_param();
	ks_pin_init();
	return 0;

fail_note:
	ks_crash_note_exit();
fail_fs:
	ks_fs_exit();
fail_wq:
	ks_try_wq_exit();
	return err;
}

static void __exit ks_exit(void)
{
	struct ks_caller who;

	/* Not pinned, or this would not run: stop looking for lockdown. */
	ks_pin_exit();
	/* No module event may arm anything once we start tearing down. */
	ks_pending_exit();
	ks_caller_kernel(&who, "module unload");
	ks_disengage_all(&who);
	ks_ftrace_exit();
	/* Waits for a tryengage decision still running. */
	ks_try_wq_exit();
	/* Every trampoline off its call site before the code goes. */
	ks_direct_settle(0);
	ks_fs_exit();
	/* No write is left to read BTF, nor to start its idle minute again. */
	ks_btf_exit();
	ks_crash_note_exit();
	/*
	 * A handler may have sent a task to a return stub just before its
	 * probe went away, and the task may not have reached it yet.
	 */
	ks_wait_return_stub_leavers();
}

module_init(ks_init);
module_exit(ks_exit);
MODULE_LICENSE("GPL");
MODULE_VERSION(KS_RELEASE);
MODULE_DESCRIPTION("Make a kernel function return a chosen value without running it");
MODULE_AUTHOR("The killswitch developers");
