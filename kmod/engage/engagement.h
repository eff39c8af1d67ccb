/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An engagement: one kernel function that returns a chosen value without
 * running its body, for as long as the engagement lives.
 *
 * Locking: ks_lock serialises every change of state (engage, disengage,
 * retval writes, the securityfs tree) and every walk of the engagement list.
 * The probe handler takes no lock: it reads ->retval with READ_ONCE and
 * counts into per-CPU ->hits, and unregistering the probe waits for it.
 */
#ifndef KS_ENGAGEMENT_H
#define KS_ENGAGEMENT_H

#include <linux/kprobes.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>

struct dentry;
struct ks_command;
struct seq_file;

struct ks_engagement {
	struct list_head node;		/* in the engagement list, under ks_lock */
	struct kprobe kp;
	long retval;			/* WRITE_ONCE under ks_lock, READ_ONCE anywhere */
	unsigned long __percpu *hits;	/* calls short-circuited */
	bool removed;			/* disengaged: open files answer EIDRM */
	struct kref ref;		/* one for the list, one per open file */
	struct dentry *dir;		/* fn/<symbol>/ */
	struct dentry *retval_file;
	struct dentry *hits_file;
	char symbol[];
};

extern struct mutex ks_lock;

int ks_engage(const char *symbol, long retval, const char *who);
int ks_disengage(const char *symbol, const char *who);
void ks_disengage_all(const char *who);
int ks_execute(const struct ks_command *cmd, const char *who);

/* Under ks_lock. */
struct ks_engagement *ks_lookup(const char *symbol);
void ks_set_retval(struct ks_engagement *e, long retval, const char *who);
void ks_show_engaged(struct seq_file *m);
bool ks_tainted(void);

unsigned long ks_hits(const struct ks_engagement *e);
void ks_engagement_get(struct ks_engagement *e);
void ks_engagement_put(struct ks_engagement *e);

#endif /* KS_ENGAGEMENT_H */
