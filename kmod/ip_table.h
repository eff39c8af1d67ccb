/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Engagements on the ftrace engine by the address of their ftrace call
 * site (ip_table.c): the handler finds the engagement of the call it is
 * handling here. Changed under ks_lock; read under RCU (the handler runs
 * with preemption off).
 */
#ifndef KS_IP_TABLE_H
#define KS_IP_TABLE_H

#include <linux/hash.h>
#include <linux/rculist.h>

#include "engagement.h"

/* One bucket per engagement at most (KS_MAX_ENGAGEMENTS). */
#define KS_IP_TABLE_BITS 10

extern struct hlist_head ks_ip_table[1 << KS_IP_TABLE_BITS];

/* The engagement at ftrace site @ip, or NULL. Lock-free, for the handler. */
static __always_inline struct ks_engagement *ks_ip_lookup(unsigned long ip)
{
	struct ks_engagement *e;

	hlist_for_each_entry_rcu(e, &ks_ip_table[hash_long(ip, KS_IP_TABLE_BITS)],
				 ip_node, true) {
		if (e->site == ip)
			return e;
	}
	return NULL;
}

/* Under ks_lock: @e by e->site; -EBUSY when that site has one already. */
int ks_ip_insert(struct ks_engagement *e);
/* Under ks_lock; readers may still see @e until a grace period passes. */
void ks_ip_remove(struct ks_engagement *e);

#endif /* KS_IP_TABLE_H */
