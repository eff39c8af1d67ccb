// SPDX-License-Identifier: GPL-2.0
/*
 * The control file: the start of the data path. A write is checked for
 * privilege, lockdown and size and copied (privilege.c), parsed (parse.c)
 * and carried out by its verb (engage.c). A refused write changes nothing.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/slab.h>

#include "audit.h"
#include "caller.h"
#include "control.h"
#include "engage.h"
#include "parse.h"
#include "privilege.h"
#include "uapi/killswitch.h"

/* Carries out one parsed command on behalf of @who. */
static int ks_execute(const struct ks_command *cmd, const struct ks_caller *who)
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
	case KS_CMD_CONFIRM:
		return ks_confirm(cmd->target, who);
	}
	return -EINVAL;
}

/* What one write carries: the parsed command, and its start as written. */
struct ks_request {
	struct ks_command cmd;
	char raw[KS_AUDIT_RAW_MAX];
};

static ssize_t ks_control_write(struct file *file, const char __user *ubuf,
				size_t count, loff_t *ppos)
{
	char whotext[KS_CALLER_MAX];
	size_t raw_len = min_t(size_t, count, KS_AUDIT_RAW_MAX);
	struct ks_request *req;
	struct ks_caller who;
	char *buf;
	int err;

	buf = ks_privileged_copy(ubuf, count, KS_CONTROL_MAX, "control", NULL,
				 &who);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	/* The command holds a condition: too big for the stack. */
	req = kmalloc(sizeof(*req), GFP_KERNEL);
	if (!req) {
		kfree(buf);
		return -ENOMEM;
	}

	/* Kept for the audit record: the parser cuts buf in place. */
	memcpy(req->raw, buf, raw_len);
	err = ks_parse_command(buf, count, &req->cmd);
	if (err) {
		/* Not rate-limited: only root writes here, and each write counts. */
		ks_caller_format(&who, whotext, sizeof(whotext));
		pr_warn("malformed command refused (%zu bytes) from %s\n", count,
			whotext);
		ks_audit_malformed(req->raw, raw_len, count, &who);
	} else {
		err = ks_execute(&req->cmd, &who);
	}
	kfree(req);
	kfree(buf);
	return err ? err : count;
}

const struct file_operations ks_control_fops = {
	.owner = THIS_MODULE,
	.write = ks_control_write,
	.llseek = noop_llseek,
};
