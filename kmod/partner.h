/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Constructors whose caller runs a destructor when they fail. A qdisc's
 * ->init is followed by its ->destroy when it returns an error
 * (qdisc_create(), qdisc_create_dflt()), and a socket protocol's ->init
 * by its ->destroy (inet_create() and inet6_create(), through
 * sk_common_release()). Short-circuited, the constructor sets nothing up
 * and the destructor then tears down what was never there: cake's destroy
 * cancels a watchdog timer its skipped init never set up, and the kernel
 * oopses for any user who may create a qdisc in a network namespace of
 * their own.
 *
 * So the safety rules ask where the function is stored, not what it is
 * called: found as the init of such an ops table, with a destroy, it is
 * refused whatever its name (safety.h, KS_RULE_PARTNER).
 */
#ifndef KS_PARTNER_H
#define KS_PARTNER_H

#include "engagement.h"

/*
 * Under ks_lock, @e attached (e->entry known). Fills @slot with the ops
 * table and member @e's function is stored in, with the table's name
 * ("Qdisc_ops.init of cake"), or "" when it is stored in none. Returns 0,
 * or an error when the data to search cannot be found (then nothing
 * shows it safe).
 */
int ks_partner_find(const struct ks_engagement *e, char slot[KS_PARTNER_MAX]);

#endif /* KS_PARTNER_H */
