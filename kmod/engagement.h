/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An engagement: one kernel function whose calls are short-circuited
 * (engaged), only counted (monitoring, or probing during a tryengage
 * window), or that waits for its module to load (pending).
 *
 * Locking: ks_lock serialises every change of state (engage, disengage,
 * arm on module load, disarm on unload, tryengage decisions, retval writes,
 * the securityfs tree) and every walk of the engagement list. The probe
 * handler takes no lock: it reads ->mode and ->retval with READ_ONCE, the
 * condition never changes after engage, and it counts into per-CPU
 * counters. Disarming waits for running handlers.
 */
#ifndef KS_ENGAGEMENT_H
#define KS_ENGAGEMENT_H

#include <linux/kprobes.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/workqueue.h>

#include "condition.h"
#include "return_type.h"

struct dentry;
struct ftrace_ops;
struct ks_caller;
struct ks_command;

enum ks_mode {
	KS_MODE_KILL,		/* short-circuit matching calls */
	KS_MODE_MONITOR,	/* count matching calls, run them all */
	KS_MODE_TRY,		/* count during the tryengage window */
};

struct ks_counters {
	unsigned long hits;	/* calls that matched (short-circuited when killing) */
	unsigned long passes;	/* calls the condition let through */
};

#define KS_FN_FILES 6

/* What runs the handler at the function's entry (engine.c). */
enum ks_engine {
	KS_ENGINE_DIRECT,	/* its ftrace call site calls a trampoline of ours */
	KS_ENGINE_FTRACE,	/* its ftrace call site, in the one shared ops */
	KS_ENGINE_FTRACE_OWN,	/* the same, an ops of its own: next to BPF */
	KS_ENGINE_KPROBE,	/* a kprobe: the function has no ftrace site */
};

/* Room for partner.h's "<table>.init of <name>". */
#define KS_PARTNER_MAX 48

struct ks_engagement {
	struct list_head node;		/* in ks_engagements, under ks_lock */
	int engine;			/* enum ks_engine, chosen when armed */
	unsigned long site;		/* direct, ftrace: the call site */
	struct hlist_node ip_node;	/* direct, ftrace: by site, while armed */
	bool live;			/* direct, ftrace: the site calls us */
	unsigned long stub;		/* ftrace: the return stub, claimed when armed */
	unsigned long tramp;		/* direct: the trampoline, claimed when armed */
	int direct_slot;		/* direct: the trampoline's slot */
	struct ftrace_ops *ops;		/* direct, ftrace own: its ops, while live */
	struct list_head retired_node;	/* direct: retired, not yet off its site */
	struct kprobe kp;		/* kprobe: registered while armed */
	bool armed;			/* false: pending, waiting for its module */
	int mode;			/* enum ks_mode; READ_ONCE in the handler */
	long retval;			/* WRITE_ONCE under ks_lock */
	struct ks_return_type type;	/* from BTF when armed to short-circuit */
	unsigned long entry;		/* armed: where its code is entered (its site) */
	char partner[KS_PARTNER_MAX];	/* partner.h: the ops slot it fills, or "" */
	struct ks_cond cond;		/* fixed at engage */
	struct ks_counters __percpu *counters;
	bool removed;			/* disengaged: open files answer EIDRM */
	struct kref ref;		/* list, open files, a queued try decision */
	struct delayed_work try_work;	/* ends a tryengage window */
	unsigned long try_deadline;	/* jiffies */
	bool expires;			/* engage ... expire=, not confirmed yet */
	struct dentry *dir;		/* fn/<target>/ */
	struct dentry *files[KS_FN_FILES];
	char module[MODULE_NAME_LEN];	/* "" for vmlinux or while unknown */
	char *lookup;			/* "<module>:<symbol>" once the module is known */
	unsigned long at;		/* at=: where it starts, for the first lookup */
	const char *symbol;		/* inside target */
	char target[];			/* as written; the key */
};

extern struct mutex ks_lock;
/* Every engagement, pending ones included, oldest first; under ks_lock. */
extern struct list_head ks_engagements;

#define ks_for_each_engagement(e) \
	list_for_each_entry(e, &ks_engagements, node)

#define ks_for_each_engagement_safe(e, tmp) \
	list_for_each_entry_safe(e, tmp, &ks_engagements, node)

/* A new engagement of @cmd's target, value and condition, not yet listed. */
struct ks_engagement *ks_engagement_new(const struct ks_command *cmd,
					enum ks_mode mode);
void ks_engagement_get(struct ks_engagement *e);
void ks_engagement_put(struct ks_engagement *e);

/*
 * Under ks_lock. Adding sets the taint for good; both return how many
 * engagements are listed afterwards.
 */
unsigned int ks_engagement_add(struct ks_engagement *e);
unsigned int ks_engagement_del(struct ks_engagement *e);
/* How many are in the list; under ks_lock. */
unsigned int ks_engagement_count(void);
struct ks_engagement *ks_lookup(const char *target);

/*
 * Under ks_lock. Changes the value @e returns, if the safety rules allow it
 * for @e's function (0, or -EACCES); logged and audited either way.
 */
int ks_set_retval(struct ks_engagement *e, long retval,
		  const struct ks_caller *who);

/*
 * Under ks_lock, after the list, a value or a mode changed: rebuilds the
 * one-line summary of what is engaged that crash reports print.
 */
void ks_engagement_summary_update(void);
/*
 * That summary, "f=-1 m:g=-13 h(monitoring) (and 2 more)", or "" when
 * nothing is engaged. Lock-free: for oops and panic context.
 */
const char *ks_engagement_summary(void);

bool ks_tainted(void);
const char *ks_state_name(const struct ks_engagement *e);
void ks_counters_sum(const struct ks_engagement *e, struct ks_counters *sum);
unsigned long ks_hits(const struct ks_engagement *e);

#endif /* KS_ENGAGEMENT_H */
