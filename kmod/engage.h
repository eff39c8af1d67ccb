/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The lifecycle of engagements (engage.c): the only code that lists an
 * engagement, takes it off the list, changes its mode or marks it removed.
 */
#ifndef KS_ENGAGE_H
#define KS_ENGAGE_H

#include "engagement.h"

struct ks_caller;
struct ks_command;

/*
 * Under ks_lock. Everything of engaging @cmd's target as @mode says
 * (engage, monitor, tryengage) for @who but going live: the safety rules,
 * the engine attached and the function judged (arm.c), the files, the
 * list. Returns the engagement, armed or pending; or NULL with *@errp
 * (logged): -EBUSY when it is engaged already; -EACCES from the safety
 * rules; -ENOSPC at the limit; or the engine's error. A function in a
 * module not loaded yet is pending.
 */
struct ks_engagement *ks_engage_prepare(const struct ks_command *cmd,
					enum ks_mode mode,
					const struct ks_caller *who, int *errp);
/*
 * Under ks_lock, once the engine is live (ks_engine_enable_all()): starts
 * its window, logs and audits the engage.
 */
void ks_engage_announce(struct ks_engagement *e, const struct ks_command *cmd,
			enum ks_mode mode, const struct ks_caller *who);
/* Logs and audits @cmd refused by the engine going live with @err. */
void ks_engage_refused(const struct ks_command *cmd, enum ks_mode mode,
		       int err, const struct ks_caller *who);
/* Under ks_lock: takes back a prepared engagement that never went live. */
void ks_engage_undo(struct ks_engagement *e);

/* All of it for one command on its own (the engage= parameter). */
int ks_engage(const struct ks_command *cmd, enum ks_mode mode,
	      const struct ks_caller *who);

/*
 * Under ks_lock. Disengages the @n engagements of @list with one ftrace
 * update, each logged and audited.
 */
void ks_disengage_list(struct ks_engagement **list, unsigned int n,
		       const struct ks_caller *who);
void ks_disengage_all(const struct ks_caller *who);

/*
 * Under ks_lock. Whether @target (@e, its engagement or NULL) may be
 * confirmed: 0; -ENOENT when it is not engaged; -EINVAL (logged) when it
 * has no expiry left to confirm.
 */
int ks_confirm_check(const struct ks_engagement *e, const char *target);
/*
 * Under ks_lock. Keeps an engage ... expire= for good when @err is 0;
 * audits the confirm either way.
 */
void ks_confirm_finish(struct ks_engagement *e, const char *target, int err,
		       const struct ks_caller *who);

/*
 * The end of @e's window (given to tryengage.c at load). A tryengage is
 * engaged for good if nothing called it, else disengaged; an engage ...
 * expire= that nobody confirmed is disengaged. Takes ks_lock.
 */
void ks_try_decide(struct ks_engagement *e);

#endif /* KS_ENGAGE_H */
