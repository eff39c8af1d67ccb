// SPDX-License-Identifier: GPL-2.0
/* Carries out one parsed command on behalf of @who. */
#include "engagement.h"
#include "parse.h"

int ks_execute(const struct ks_command *cmd, const struct ks_caller *who)
{
	switch (cmd->verb) {
	case KS_CMD_ENGAGE:
		return ks_engage(cmd, KS_MODE_KILL, who);
	case KS_CMD_MONITOR:
		return ks_engage(cmd, KS_MODE_MONITOR, who);
	case KS_CMD_TRYENGAGE:
		return ks_engage(cmd, KS_MODE_TRY, who);
	case KS_CMD_DISENGAGE:
		return ks_disengage(cmd->target, who);
	case KS_CMD_DISENGAGE_ALL:
		ks_disengage_all(who);
		return 0;
	}
	return -EINVAL;
}
