// SPDX-License-Identifier: GPL-2.0
/*
 * Whoever reads an oops or a panic report must learn that killswitch had
 * changed what kernel functions return, and which ones: the Tainted: line
 * says K (engagement.c), and this adds the list. It runs from the die and
 * panic notifier chains, where nothing may sleep or take ks_lock, so it
 * prints the summary engagement.c keeps lock-free for this.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kdebug.h>
#include <linux/notifier.h>
#include <linux/panic_notifier.h>
#include <linux/printk.h>

#include "crash_note.h"
#include "engagement.h"

static void ks_crash_note(const char *what)
{
	const char *summary;

	if (!ks_tainted())
		return;	/* nothing was ever engaged since load */
	summary = ks_engagement_summary();
	if (*summary)
		pr_emerg("engaged at the time of the %s: %s\n", what, summary);
	else
		pr_emerg("nothing engaged at the time of the %s (something was earlier)\n",
			 what);
}

static int ks_die_event(struct notifier_block *nb, unsigned long val,
			void *data)
{
	if (val == DIE_OOPS)
		ks_crash_note("oops");
	return NOTIFY_DONE;
}

static int ks_panic_event(struct notifier_block *nb, unsigned long val,
			  void *data)
{
	ks_crash_note("panic");
	return NOTIFY_DONE;
}

static struct notifier_block ks_die_nb = { .notifier_call = ks_die_event };
static struct notifier_block ks_panic_nb = { .notifier_call = ks_panic_event };

int ks_crash_note_init(void)
{
	int err = register_die_notifier(&ks_die_nb);

	if (err)
		return err;
	atomic_notifier_chain_register(&panic_notifier_list, &ks_panic_nb);
	return 0;
}

void ks_crash_note_exit(void)
{
	atomic_notifier_chain_unregister(&panic_notifier_list, &ks_panic_nb);
	unregister_die_notifier(&ks_die_nb);
}
