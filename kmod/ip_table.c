// SPDX-License-Identifier: GPL-2.0
/*
 * The ftrace engine's table of engagements by call-site address. One ops
 * serves every function, so its handler is told only the address; a hash
 * of RCU lists turns that into the engagement in a few loads.
 */
#include <linux/mutex.h>

#include "ip_table.h"

struct hlist_head ks_ip_table[1 << KS_IP_TABLE_BITS];

int ks_ip_insert(struct ks_engagement *e)
{
	lockdep_assert_held(&ks_lock);
	/* The same function engaged under another name (clone, alias). */
	if (ks_ip_lookup(e->site))
		return -EBUSY;
	hlist_add_head_rcu(&e->ip_node,
			   &ks_ip_table[hash_long(e->site, KS_IP_TABLE_BITS)]);
	return 0;
}

void ks_ip_remove(struct ks_engagement *e)
{
	lockdep_assert_held(&ks_lock);
	hlist_del_init_rcu(&e->ip_node);
}
