/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parsing of what is written to the control file and of the engage= module
 * parameter. Pure functions over caller-owned buffers: no allocation, no
 * locks, no kernel-only headers, so the same file builds in user space.
 */
#ifndef KS_PARSE_COMMAND_H
#define KS_PARSE_COMMAND_H

#include "shim.h"

enum ks_verb {
	KS_CMD_ENGAGE = 1,
	KS_CMD_DISENGAGE,
	KS_CMD_DISENGAGE_ALL,
};

struct ks_command {
	enum ks_verb verb;
	const char *target;	/* points into the parsed buffer; NULL for disengage_all */
	long retval;		/* engage only */
};

/*
 * Parses one command. @buf holds @len bytes followed by a NUL and is cut
 * into tokens in place, so @cmd->target points into it.
 * Returns 0, or -EINVAL for anything malformed.
 */
int ks_parse_command(char *buf, size_t len, struct ks_command *cmd);

/*
 * Parses one "<symbol>=<retval>" entry of the engage= module parameter, in
 * place. Returns 0 with @cmd an engage command, or -EINVAL.
 */
int ks_parse_param_entry(char *entry, struct ks_command *cmd);

/*
 * Parses what is written to fn/<symbol>/retval: one value and an optional
 * trailing newline, in @buf of @len bytes plus a NUL. 0 or -EINVAL.
 */
int ks_parse_retval_write(char *buf, size_t len, long *retval);

/* A C integer literal ("-1", "0x10", "-022") that fits a long. 0 or -EINVAL. */
int ks_parse_retval(const char *text, long *retval);

/* A kernel symbol name: [A-Za-z0-9_.], not empty, shorter than KS_SYMBOL_MAX. */
bool ks_symbol_valid(const char *symbol);

#endif /* KS_PARSE_COMMAND_H */
