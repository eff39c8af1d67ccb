// SPDX-License-Identifier: GPL-2.0
/*
 * test_killswitch_livepatch.ko: a livepatch of test_killswitch_int() in
 * test_killswitch.ko, for the coexistence tests. The new version returns
 * a value of its own (4242) and does not count a body run, so a test sees
 * which version ran. A livepatch and an engagement both change the
 * function's instruction pointer through ftrace, so only one of them can
 * hold the function at a time.
 *
 * Disable with: echo 0 > /sys/kernel/livepatch/test_killswitch_livepatch/enabled
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>

#define KS_TEST_LIVEPATCH_VALUE 4242

static int ks_test_livepatch_int(void)
{
	return KS_TEST_LIVEPATCH_VALUE;
}

static struct klp_func ks_test_livepatch_funcs[] = {
	{
		.old_name = "test_killswitch_int",
		.new_func = ks_test_livepatch_int,
	},
	{ }
};

static struct klp_object ks_test_livepatch_objs[] = {
	{
		.name = "test_killswitch",
		.funcs = ks_test_livepatch_funcs,
	},
	{ }
};

static struct klp_patch ks_test_livepatch = {
	.mod = THIS_MODULE,
	.objs = ks_test_livepatch_objs,
};

static int __init ks_test_livepatch_init(void)
{
	return klp_enable_patch(&ks_test_livepatch);
}

static void __exit ks_test_livepatch_exit(void)
{
}

module_init(ks_test_livepatch_init);
module_exit(ks_test_livepatch_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Livepatch of test_killswitch_int for killswitch's coexistence tests");
MODULE_INFO(livepatch, "Y");
