/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parsing of what is written to the control file and of the engage= module
 * parameter. Pure functions over caller-owned buffers: no allocation, no
 * locks, no kernel-only headers, so the same file builds in user space.
 *
 *   engage <target> <retval> [expire=<seconds>] [at=<address>] [if <cond>]
 *   disengage <target>
 *   disengage_all
 *   tryengage <target> <retval> <seconds> [at=<address>]  (0 seconds: engage)
 *   monitor <target> [at=<address>]
 *   confirm <target>
 *
 * <target> is <symbol> or <module>:<symbol>; <retval> a C integer literal
 * or an errno name (-EPERM); <cond> is described in condition.h. The
 * options come in any order, each at most once; <address> is where the
 * function starts, as /proc/kallsyms says, which spares the module looking
 * the name up (it checks the two agree).
 */
#ifndef KS_PARSE_H
#define KS_PARSE_H

#include "shim.h"
#include "condition.h"

enum ks_verb {
	KS_CMD_ENGAGE = 1,
	KS_CMD_DISENGAGE,
	KS_CMD_DISENGAGE_ALL,
	KS_CMD_TRYENGAGE,
	KS_CMD_MONITOR,
	KS_CMD_CONFIRM,
};

struct ks_command {
	enum ks_verb verb;
	/*
	 * The target as written, NUL-terminated inside the parsed buffer, with
	 * '-' in a module name turned into '_' as the kernel names modules.
	 * NULL for disengage_all.
	 */
	const char *target;
	size_t module_len;	/* length of "<module>" before ':'; 0 if bare */
	const char *symbol;	/* the part after ':', or the whole target */
	long retval;		/* engage, tryengage */
	unsigned int seconds;	/* tryengage; engage ... expire=, 0 without */
	struct ks_cond cond;	/* engage ... if; cond.n == 0 without one */
	unsigned long at;	/* ... at=<address>; 0 without */
};

/*
 * Parses one command. @buf holds @len bytes followed by a NUL and is cut
 * into tokens in place, so @cmd's strings point into it.
 * Returns 0, -EOPNOTSUPP for engagebpf (the out-of-tree module's BPF
 * override, which this module refuses), or -EINVAL for anything malformed.
 */
int ks_parse_command(char *buf, size_t len, struct ks_command *cmd);

/*
 * Parses one "<target>=<retval>" entry of the engage= module parameter, in
 * place. Returns 0 with @cmd an engage command, or -EINVAL with @entry as
 * it was.
 */
int ks_parse_param_entry(char *entry, struct ks_command *cmd);

/*
 * Parses what is written to fn/<target>/retval: one value and an optional
 * trailing newline, in @buf of @len bytes plus a NUL. 0 or -EINVAL.
 */
int ks_parse_retval_write(char *buf, size_t len, long *retval);

/*
 * Whether the kernel command line @cmdline sets module parameter @param of
 * killswitch to exactly @value: "killswitch.<param>=<value>", the value
 * possibly in double quotes, '-' and '_' alike in the name as the kernel
 * reads them. Under lockdown, engage= is taken only from there.
 */
bool ks_cmdline_sets(const char *cmdline, const char *param, const char *value);

/* A kernel symbol name: [A-Za-z0-9_.], not empty, shorter than KS_SYMBOL_MAX. */
bool ks_symbol_valid(const char *symbol);

/*
 * Checks and normalises a target in place: "<symbol>" or "<module>:<symbol>"
 * with a module name of [A-Za-z0-9_-] ('-' becomes '_'). Fills the target
 * fields of @cmd. 0 or -EINVAL.
 */
int ks_parse_target(char *text, struct ks_command *cmd);

#endif /* KS_PARSE_H */
