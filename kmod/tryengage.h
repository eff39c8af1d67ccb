/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The window of a tryengage: a delayed work item of the engagement's, on a
 * queue of our own. What happens when it ends is the decide function
 * handed to ks_try_wq_init() (engage.c's ks_try_decide()), so the window
 * knows nothing of the lifecycle.
 */
#ifndef KS_TRYENGAGE_H
#define KS_TRYENGAGE_H

#include <linux/types.h>

struct ks_engagement;

/* Called from the queue, without ks_lock, when @e's window ends. */
typedef void (*ks_try_decide_fn)(struct ks_engagement *e);

int ks_try_wq_init(ks_try_decide_fn decide);
/* Waits for a decision still running. */
void ks_try_wq_exit(void);

/* Once, before the engagement is listed: every removal cancels the window. */
void ks_try_init(struct ks_engagement *e);
/* Under ks_lock. The window holds a reference on @e until it ends. */
void ks_try_start(struct ks_engagement *e, unsigned int seconds);
/* Under ks_lock, so it must not wait for the work (which takes ks_lock). */
void ks_try_cancel(struct ks_engagement *e);
/*
 * Seconds left of @e's window (a tryengage, or an expire= not confirmed
 * yet); 0 once it ended, and for an engagement without one.
 */
unsigned long ks_try_seconds_left(const struct ks_engagement *e);
/* Whether @e has a window running: a tryengage, or an unconfirmed expire=. */
bool ks_try_window_open(const struct ks_engagement *e);

#endif /* KS_TRYENGAGE_H */
