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
 * Engages @cmd's target as @mode says (engage, monitor, tryengage) for
 * @who, after the safety rules; logged and audited, refused or not.
 * 0; -EBUSY when it is engaged already; -EACCES from the safety rules; or
 * the probe's error. A function in a module not loaded yet is pending.
 */
int ks_engage(const struct ks_command *cmd, enum ks_mode mode,
	      const struct ks_caller *who);
/* 0, or -ENOENT when @target is not engaged. */
int ks_disengage(const char *target, const struct ks_caller *who);
void ks_disengage_all(const struct ks_caller *who);
/*
 * Keeps an engage ... expire= for good. 0; -ENOENT when @target is not
 * engaged; -EINVAL when it has no expiry left to confirm.
 */
int ks_confirm(const char *target, const struct ks_caller *who);

/*
 * The end of @e's window (given to tryengage.c at load). A tryengage is
 * engaged for good if nothing called it, else disengaged; an engage ...
 * expire= that nobody confirmed is disengaged. Takes ks_lock.
 */
void ks_try_decide(struct ks_engagement *e);

#endif /* KS_ENGAGE_H */
