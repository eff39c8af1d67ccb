// SPDX-License-Identifier: GPL-2.0
/*
 * test_killswitch.ko: target functions for the tests, each callable from
 * user space through debugfs, so a test can see both what a function
 * returned and whether its body ran.
 *
 *   /sys/kernel/debug/test_killswitch/
 *   |-- int        read: calls test_killswitch_int(), prints its value (42)
 *   |-- long       read: calls test_killswitch_long(), prints its value
 *   |-- args       write "a1 .. a6": calls test_killswitch_args(); read: its value
 *   |-- void       read: calls test_killswitch_void(), prints "done"
 *   |-- body_runs  read: how many times a body above ran
 *   |-- warn       write: WARN()s, so the harness can prove it catches one
 *   |-- bench      write N: calls test_killswitch_empty() N times in a loop;
 *   |              read: "<N> <ns>" for the last run (bench/ reads it)
 *   `-- kprobe     write 1/0: adds/removes a plain kprobe with an empty
 *                  handler on test_killswitch_empty, the baseline cost
 *
 * and test_killswitch_many_1000 to _2099, to engage and nothing more.
 *
 * The targets are global and noinline so that each is one real function
 * with its own entry, and not a clone or an inlined copy. The file
 * operations have no .owner: debugfs's own removal protection keeps calls
 * safe, and tests may unload the module while another thread reads.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/kprobes.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "test_killswitch.h"

#define KS_TEST_INT_VALUE 42
#define KS_TEST_LONG_VALUE 0x123456789L

static atomic_long_t ks_test_body_runs = ATOMIC_LONG_INIT(0);
static long ks_test_args_result;
static DEFINE_MUTEX(ks_test_args_lock);
static struct dentry *ks_test_dir;

noinline int test_killswitch_int(void)
{
	atomic_long_inc(&ks_test_body_runs);
	return KS_TEST_INT_VALUE;
}

noinline long test_killswitch_long(void)
{
	atomic_long_inc(&ks_test_body_runs);
	return KS_TEST_LONG_VALUE;
}

noinline long test_killswitch_args(long a1, long a2, long a3, long a4,
				   long a5, long a6)
{
	atomic_long_inc(&ks_test_body_runs);
	return a1 + a2 + a3 + a4 + a5 + a6;
}

/* No ftrace site: kprobes takes it with a breakpoint, not through ftrace. */
noinline notrace int test_killswitch_notrace(void)
{
	atomic_long_inc(&ks_test_body_runs);
	return KS_TEST_INT_VALUE;
}

noinline void test_killswitch_void(void)
{
	atomic_long_inc(&ks_test_body_runs);
}

/* The benchmark's target: as cheap as a real function gets. */
noinline int test_killswitch_empty(void)
{
	barrier();
	return 0;
}

/*
 * Many distinct functions, test_killswitch_many_1000 to _2099: more than
 * there can be engagements at once, for the tests that engage and let go
 * of more functions over time than that. Nothing calls them (__used keeps
 * them all the same).
 */
#define KS_TEST_MANY(n) \
	static noinline __used int test_killswitch_many_##n(void) { return n; }
/* The first spelled out, so checkpatch reads the macro as definitions. */
#define KS_TEST_TEN(p) \
	static noinline __used int test_killswitch_many_##p##0(void) { return p##0; } \
	KS_TEST_MANY(p##1) KS_TEST_MANY(p##2) KS_TEST_MANY(p##3) \
	KS_TEST_MANY(p##4) KS_TEST_MANY(p##5) KS_TEST_MANY(p##6) \
	KS_TEST_MANY(p##7) KS_TEST_MANY(p##8) KS_TEST_MANY(p##9)

KS_TEST_TEN(100) KS_TEST_TEN(101) KS_TEST_TEN(102) KS_TEST_TEN(103) KS_TEST_TEN(104)
KS_TEST_TEN(105) KS_TEST_TEN(106) KS_TEST_TEN(107) KS_TEST_TEN(108) KS_TEST_TEN(109)
KS_TEST_TEN(110) KS_TEST_TEN(111) KS_TEST_TEN(112) KS_TEST_TEN(113) KS_TEST_TEN(114)
KS_TEST_TEN(115) KS_TEST_TEN(116) KS_TEST_TEN(117) KS_TEST_TEN(118) KS_TEST_TEN(119)
KS_TEST_TEN(120) KS_TEST_TEN(121) KS_TEST_TEN(122) KS_TEST_TEN(123) KS_TEST_TEN(124)
KS_TEST_TEN(125) KS_TEST_TEN(126) KS_TEST_TEN(127) KS_TEST_TEN(128) KS_TEST_TEN(129)
KS_TEST_TEN(130) KS_TEST_TEN(131) KS_TEST_TEN(132) KS_TEST_TEN(133) KS_TEST_TEN(134)
KS_TEST_TEN(135) KS_TEST_TEN(136) KS_TEST_TEN(137) KS_TEST_TEN(138) KS_TEST_TEN(139)
KS_TEST_TEN(140) KS_TEST_TEN(141) KS_TEST_TEN(142) KS_TEST_TEN(143) KS_TEST_TEN(144)
KS_TEST_TEN(145) KS_TEST_TEN(146) KS_TEST_TEN(147) KS_TEST_TEN(148) KS_TEST_TEN(149)
KS_TEST_TEN(150) KS_TEST_TEN(151) KS_TEST_TEN(152) KS_TEST_TEN(153) KS_TEST_TEN(154)
KS_TEST_TEN(155) KS_TEST_TEN(156) KS_TEST_TEN(157) KS_TEST_TEN(158) KS_TEST_TEN(159)
KS_TEST_TEN(160) KS_TEST_TEN(161) KS_TEST_TEN(162) KS_TEST_TEN(163) KS_TEST_TEN(164)
KS_TEST_TEN(165) KS_TEST_TEN(166) KS_TEST_TEN(167) KS_TEST_TEN(168) KS_TEST_TEN(169)
KS_TEST_TEN(170) KS_TEST_TEN(171) KS_TEST_TEN(172) KS_TEST_TEN(173) KS_TEST_TEN(174)
KS_TEST_TEN(175) KS_TEST_TEN(176) KS_TEST_TEN(177) KS_TEST_TEN(178) KS_TEST_TEN(179)
KS_TEST_TEN(180) KS_TEST_TEN(181) KS_TEST_TEN(182) KS_TEST_TEN(183) KS_TEST_TEN(184)
KS_TEST_TEN(185) KS_TEST_TEN(186) KS_TEST_TEN(187) KS_TEST_TEN(188) KS_TEST_TEN(189)
KS_TEST_TEN(190) KS_TEST_TEN(191) KS_TEST_TEN(192) KS_TEST_TEN(193) KS_TEST_TEN(194)
KS_TEST_TEN(195) KS_TEST_TEN(196) KS_TEST_TEN(197) KS_TEST_TEN(198) KS_TEST_TEN(199)
KS_TEST_TEN(200) KS_TEST_TEN(201) KS_TEST_TEN(202) KS_TEST_TEN(203) KS_TEST_TEN(204)
KS_TEST_TEN(205) KS_TEST_TEN(206) KS_TEST_TEN(207) KS_TEST_TEN(208) KS_TEST_TEN(209)

static DEFINE_MUTEX(ks_test_bench_lock);
static unsigned long ks_test_bench_calls;
static u64 ks_test_bench_ns;

static ssize_t ks_test_bench_write(struct file *file, const char __user *ubuf,
				   size_t count, loff_t *ppos)
{
	unsigned long calls, i;
	u64 start;
	int err;

	err = kstrtoul_from_user(ubuf, count, 0, &calls);
	if (err)
		return err;
	mutex_lock(&ks_test_bench_lock);
	start = ktime_get_ns();
	for (i = 0; i < calls; i++)
		test_killswitch_empty();
	ks_test_bench_ns = ktime_get_ns() - start;
	ks_test_bench_calls = calls;
	mutex_unlock(&ks_test_bench_lock);
	return count;
}

static ssize_t ks_test_bench_read(struct file *file, char __user *ubuf,
				  size_t count, loff_t *ppos)
{
	char text[64];
	int len;

	mutex_lock(&ks_test_bench_lock);
	len = scnprintf(text, sizeof(text), "%lu %llu\n", ks_test_bench_calls,
			ks_test_bench_ns);
	mutex_unlock(&ks_test_bench_lock);
	return simple_read_from_buffer(ubuf, count, ppos, text, len);
}

static int ks_test_kprobe_pre(struct kprobe *kp, struct pt_regs *regs)
{
	return 0;
}
NOKPROBE_SYMBOL(ks_test_kprobe_pre);

static struct kprobe ks_test_kprobe = {
	.symbol_name = "test_killswitch_empty",
	.pre_handler = ks_test_kprobe_pre,
};
static bool ks_test_kprobe_on;

static ssize_t ks_test_kprobe_write(struct file *file, const char __user *ubuf,
				    size_t count, loff_t *ppos)
{
	bool on;
	int err;

	err = kstrtobool_from_user(ubuf, count, &on);
	if (err)
		return err;
	mutex_lock(&ks_test_bench_lock);
	if (on && !ks_test_kprobe_on) {
		memset(&ks_test_kprobe, 0, sizeof(ks_test_kprobe));
		ks_test_kprobe.symbol_name = "test_killswitch_empty";
		ks_test_kprobe.pre_handler = ks_test_kprobe_pre;
		err = register_kprobe(&ks_test_kprobe);
		ks_test_kprobe_on = !err;
	} else if (!on && ks_test_kprobe_on) {
		unregister_kprobe(&ks_test_kprobe);
		ks_test_kprobe_on = false;
	}
	mutex_unlock(&ks_test_bench_lock);
	return err ? err : count;
}

static ssize_t ks_test_print(char __user *ubuf, size_t count, loff_t *ppos,
			     const char *fmt, long value)
{
	char text[32];
	int len = scnprintf(text, sizeof(text), fmt, value);

	return simple_read_from_buffer(ubuf, count, ppos, text, len);
}

/* Each read from offset 0 is one call; reading the rest of the text is not. */
static ssize_t ks_test_int_read(struct file *file, char __user *ubuf,
				size_t count, loff_t *ppos)
{
	long value = *ppos ? 0 : test_killswitch_int();

	return *ppos ? 0 : ks_test_print(ubuf, count, ppos, "%ld\n", value);
}

static ssize_t ks_test_long_read(struct file *file, char __user *ubuf,
				 size_t count, loff_t *ppos)
{
	long value = *ppos ? 0 : test_killswitch_long();

	return *ppos ? 0 : ks_test_print(ubuf, count, ppos, "%ld\n", value);
}

static ssize_t ks_test_notrace_read(struct file *file, char __user *ubuf,
				    size_t count, loff_t *ppos)
{
	long value = *ppos ? 0 : test_killswitch_notrace();

	return *ppos ? 0 : ks_test_print(ubuf, count, ppos, "%ld\n", value);
}

static ssize_t ks_test_void_read(struct file *file, char __user *ubuf,
				 size_t count, loff_t *ppos)
{
	if (*ppos)
		return 0;
	test_killswitch_void();
	return simple_read_from_buffer(ubuf, count, ppos, "done\n", 5);
}

static ssize_t ks_test_args_write(struct file *file, const char __user *ubuf,
				  size_t count, loff_t *ppos)
{
	long a[6] = { 0 };
	char *buf;
	int n;

	if (count > 256)
		return -EINVAL;
	buf = memdup_user_nul(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	n = sscanf(buf, "%ld %ld %ld %ld %ld %ld", &a[0], &a[1], &a[2], &a[3],
		   &a[4], &a[5]);
	kfree(buf);
	if (n < 1)
		return -EINVAL;
	mutex_lock(&ks_test_args_lock);
	ks_test_args_result = test_killswitch_args(a[0], a[1], a[2], a[3], a[4], a[5]);
	mutex_unlock(&ks_test_args_lock);
	return count;
}

static ssize_t ks_test_args_read(struct file *file, char __user *ubuf,
				 size_t count, loff_t *ppos)
{
	long value;

	mutex_lock(&ks_test_args_lock);
	value = ks_test_args_result;
	mutex_unlock(&ks_test_args_lock);
	return ks_test_print(ubuf, count, ppos, "%ld\n", value);
}

static ssize_t ks_test_body_runs_read(struct file *file, char __user *ubuf,
				      size_t count, loff_t *ppos)
{
	return ks_test_print(ubuf, count, ppos, "%ld\n",
			     atomic_long_read(&ks_test_body_runs));
}

static ssize_t ks_test_warn_write(struct file *file, const char __user *ubuf,
				  size_t count, loff_t *ppos)
{
	WARN(1, "warning requested through debugfs by a test\n");
	return count;
}

static const struct file_operations ks_test_bench_fops = {
	.read = ks_test_bench_read,
	.write = ks_test_bench_write,
};

static const struct file_operations ks_test_kprobe_fops = {
	.write = ks_test_kprobe_write,
};

static const struct file_operations ks_test_warn_fops = {
	.write = ks_test_warn_write,
};

static const struct file_operations ks_test_int_fops = {
	.read = ks_test_int_read,
};

static const struct file_operations ks_test_long_fops = {
	.read = ks_test_long_read,
};

static const struct file_operations ks_test_notrace_fops = {
	.read = ks_test_notrace_read,
};

static const struct file_operations ks_test_void_fops = {
	.read = ks_test_void_read,
};

static const struct file_operations ks_test_args_fops = {
	.read = ks_test_args_read,
	.write = ks_test_args_write,
};

static const struct file_operations ks_test_body_runs_fops = {
	.read = ks_test_body_runs_read,
};

static int __init ks_test_init(void)
{
	ks_test_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("int", 0444, ks_test_dir, NULL, &ks_test_int_fops);
	debugfs_create_file("long", 0444, ks_test_dir, NULL, &ks_test_long_fops);
	debugfs_create_file("void", 0444, ks_test_dir, NULL, &ks_test_void_fops);
	debugfs_create_file("notrace", 0444, ks_test_dir, NULL,
			    &ks_test_notrace_fops);
	debugfs_create_file("args", 0644, ks_test_dir, NULL, &ks_test_args_fops);
	debugfs_create_file("body_runs", 0444, ks_test_dir, NULL,
			    &ks_test_body_runs_fops);
	debugfs_create_file("warn", 0200, ks_test_dir, NULL, &ks_test_warn_fops);
	debugfs_create_file("bench", 0600, ks_test_dir, NULL, &ks_test_bench_fops);
	debugfs_create_file("kprobe", 0200, ks_test_dir, NULL,
			    &ks_test_kprobe_fops);
	return 0;
}

static void __exit ks_test_exit(void)
{
	debugfs_remove(ks_test_dir);
	if (ks_test_kprobe_on)
		unregister_kprobe(&ks_test_kprobe);
}

module_init(ks_test_init);
module_exit(ks_test_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Target functions for killswitch's tests");
