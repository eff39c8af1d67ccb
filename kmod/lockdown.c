// SPDX-License-Identifier: GPL-2.0
#include <linux/errno.h>
#include <linux/security.h>

#include "lockdown.h"

int ks_lockdown_check(void)
{
	/*
	 * Changing what kernel functions return is an integrity matter, the
	 * class of fail_function, which lockdown blocks through debugfs. The
	 * kernel exports no level to compare with, only this question, so we
	 * ask it with the integrity-class reason closest to ours.
	 */
	return security_locked_down(LOCKDOWN_DEBUGFS) ? -EPERM : 0;
}
