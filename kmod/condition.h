/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Conditions of "engage <target> <retval> if <cond>": predicates on the
 * calling task and the function's arguments, joined by &&. Parsed here
 * (pure code), evaluated by the probe handler (condition_eval.c).
 *
 *   uid==N uid!=N euid==N euid!=N    ids in the initial user namespace
 *   userns==init userns!=init        the caller's user namespace
 *   argK==V argK!=V argK&V           K = 1..6, V a C integer literal
 *   comm==NAME comm!=NAME            the task's comm, at most 15 bytes
 */
#ifndef KS_CONDITION_H
#define KS_CONDITION_H

#include "shim.h"

#define KS_COND_MAX 8		/* predicates in one condition */
#define KS_COND_COMM_LEN 16	/* the kernel's TASK_COMM_LEN */
#define KS_COND_ARGS 6		/* arguments passed in registers */
#define KS_COND_TEXT_MAX 512	/* longest canonical text of a condition */

enum ks_pred_field {
	KS_FIELD_UID = 1,
	KS_FIELD_EUID,
	KS_FIELD_USERNS,
	KS_FIELD_ARG,
	KS_FIELD_COMM,
};

enum ks_pred_op {
	KS_OP_EQ = 1,	/* == */
	KS_OP_NE,	/* != */
	KS_OP_AND,	/* &, arguments only: any bit of V set */
};

struct ks_pred {
	unsigned char field;		/* enum ks_pred_field */
	unsigned char op;		/* enum ks_pred_op */
	unsigned char arg;		/* 1..6 for KS_FIELD_ARG */
	long value;			/* uid, argument value or mask; userns: 0 = init */
	char comm[KS_COND_COMM_LEN];	/* KS_FIELD_COMM */
};

struct ks_cond {
	unsigned int n;			/* 0: no condition, every call matches */
	struct ks_pred preds[KS_COND_MAX];
};

/*
 * A value as commands and conditions write it: a C integer literal that
 * fits a long ("-1", "0x10", "-022") or an errno name with an optional
 * sign ("-EPERM"). 0 or -EINVAL. Commands use it too (parse.c): a
 * condition is part of a command, so this is the lower of the two parsers.
 */
int ks_parse_value(const char *text, long *value);

/*
 * A kernel address as /proc/kallsyms gives it, in hex with "0x": at most 16
 * digits, not 0. 0 or -EINVAL.
 */
int ks_parse_address(const char *text, unsigned long *address);

/* Parses @text (not modified). Returns 0, or -EINVAL for anything malformed. */
int ks_parse_condition(const char *text, struct ks_cond *cond);

/*
 * Writes the canonical text of @cond ("uid!=0&&arg1==38") into @buf, which
 * the parser reads back to the same condition. Returns its length.
 */
int ks_format_condition(const struct ks_cond *cond, char *buf, size_t len);

#endif /* KS_CONDITION_H */
