// SPDX-License-Identifier: GPL-2.0
/*
 * Parser for control-file commands and engage= parameter entries. It sees
 * only bytes a user wrote, so it is strict: one command, printable ASCII,
 * blanks between tokens, one optional trailing newline, nothing else.
 */
#include "parse.h"
#include "uapi/killswitch.h"

/* Module names are at most MODULE_NAME_LEN - 1 = 55 bytes. */
#define KS_MODULE_NAME_MAX 55

struct ks_verb_spec {
	const char *name;
	enum ks_verb verb;
	int nargs;		/* tokens after the verb, a condition aside */
};

static const struct ks_verb_spec ks_verbs[] = {
	{ KS_VERB_ENGAGE, KS_CMD_ENGAGE, 2 },
	{ KS_VERB_DISENGAGE, KS_CMD_DISENGAGE, 1 },
	{ KS_VERB_DISENGAGE_ALL, KS_CMD_DISENGAGE_ALL, 0 },
	{ KS_VERB_TRYENGAGE, KS_CMD_TRYENGAGE, 3 },
	{ KS_VERB_MONITOR, KS_CMD_MONITOR, 1 },
	{ KS_VERB_CONFIRM, KS_CMD_CONFIRM, 1 },
};

bool ks_symbol_valid(const char *symbol)
{
	size_t len = 0;
	const char *p;

	for (p = symbol; *p != '\0'; p++, len++) {
		char c = *p;

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '.'))
			return false;
	}
	return len > 0 && len < KS_SYMBOL_MAX;
}

int ks_parse_target(char *text, struct ks_command *cmd)
{
	char *colon = strchr(text, ':');
	char *p;

	cmd->target = text;
	cmd->module_len = 0;
	cmd->symbol = text;
	if (!colon)
		return ks_symbol_valid(text) ? 0 : -EINVAL;

	if (colon == text || colon - text > KS_MODULE_NAME_MAX)
		return -EINVAL;
	for (p = text; p < colon; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
			return -EINVAL;
	}
	if (!ks_symbol_valid(colon + 1))
		return -EINVAL;
	/* Valid: now name the module as the kernel does. */
	for (p = text; p < colon; p++) {
		if (*p == '-')
			*p = '_';
	}
	cmd->module_len = (size_t)(colon - text);
	cmd->symbol = colon + 1;
	return 0;
}

/*
 * Accepts @len bytes of printable ASCII and blanks, with one optional
 * trailing newline, which it removes. Anything else (a NUL inside, a second
 * line, control characters) makes the whole write malformed.
 */
static int ks_check_text(char *buf, size_t len)
{
	size_t i;

	if (len > 0 && buf[len - 1] == '\n')
		buf[--len] = '\0';
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (!(c == '\t' || (c >= 0x20 && c < 0x7f)))
			return -EINVAL;
	}
	return 0;
}

/* Cuts the next blank-separated token out of *cursor, in place; NULL at the end. */
static char *ks_next_token(char **cursor)
{
	char *p = *cursor, *start;

	while (ks_is_blank(*p))
		p++;
	if (*p == '\0') {
		*cursor = p;
		return NULL;
	}
	start = p;
	while (*p != '\0' && !ks_is_blank(*p))
		p++;
	if (*p != '\0')
		*p++ = '\0';
	*cursor = p;
	return start;
}

static int ks_parse_seconds(const char *text, unsigned int *seconds)
{
	long value;

	if (*text < '1' || *text > '9' || ks_parse_value(text, &value) ||
	    value > KS_TRY_SECONDS_MAX)
		return -EINVAL;
	*seconds = (unsigned int)value;
	return 0;
}

/* The tokens after the verb: target, then retval, then seconds, as @spec says. */
static int ks_parse_args(const struct ks_verb_spec *spec, char **cursor,
			 struct ks_command *cmd)
{
	char *token;
	int i;

	for (i = 0; i < spec->nargs; i++) {
		token = ks_next_token(cursor);
		if (!token)
			return -EINVAL;
		if (i == 0 && ks_parse_target(token, cmd))
			return -EINVAL;
		if (i == 1 && ks_parse_value(token, &cmd->retval))
			return -EINVAL;
		/* tryengage's window; "0" engages at once (see below). */
		if (i == 2 && strcmp(token, "0") != 0 &&
		    ks_parse_seconds(token, &cmd->seconds))
			return -EINVAL;
	}
	return 0;
}

/* Whether @token is "<keyword><value>"; *@value then points at the value. */
static bool ks_is_option(const char *token, const char *keyword, const char **value)
{
	size_t len = strlen(keyword);

	if (strncmp(token, keyword, len) != 0)
		return false;
	*value = token + len;
	return true;
}

/*
 * The options after the arguments, each at most once: "expire=<seconds>"
 * (engage), "at=<address>" (the verbs that engage), then "if <cond>" to the
 * end (engage).
 */
static int ks_parse_options(char **cursor, struct ks_command *cmd)
{
	bool engage = cmd->verb == KS_CMD_ENGAGE;
	bool engages = engage || cmd->verb == KS_CMD_TRYENGAGE ||
		       cmd->verb == KS_CMD_MONITOR;
	bool expire = false;
	const char *token, *value;

	while ((token = ks_next_token(cursor))) {
		if (engage && !expire && ks_is_option(token, KS_EXPIRE_KEYWORD, &value)) {
			if (ks_parse_seconds(value, &cmd->seconds))
				return -EINVAL;
			expire = true;
		} else if (engages && !cmd->at && ks_is_option(token, KS_AT_KEYWORD, &value)) {
			if (ks_parse_address(value, &cmd->at))
				return -EINVAL;
		} else if (engage && strcmp(token, KS_COND_KEYWORD) == 0) {
			return ks_parse_condition(*cursor, &cmd->cond);
		} else {
			return -EINVAL;
		}
	}
	return 0;
}

int ks_parse_command(char *buf, size_t len, struct ks_command *cmd)
{
	const struct ks_verb_spec *spec = NULL;
	char *cursor = buf, *verb;
	size_t i;

	if (len == 0 || len > KS_CONTROL_MAX || ks_check_text(buf, len))
		return -EINVAL;
	memset(cmd, 0, sizeof(*cmd));
	verb = ks_next_token(&cursor);
	if (!verb)
		return -EINVAL;
	for (i = 0; i < KS_ARRAY_SIZE(ks_verbs); i++) {
		if (strcmp(verb, ks_verbs[i].name) == 0)
			spec = &ks_verbs[i];
	}
	/* The out-of-tree module's BPF override: refused by name, not as a typo. */
	if (!spec && strcmp(verb, KS_VERB_ENGAGEBPF) == 0)
		return -EOPNOTSUPP;
	if (!spec)
		return -EINVAL;
	cmd->verb = spec->verb;
	if (ks_parse_args(spec, &cursor, cmd))
		return -EINVAL;
	if (ks_parse_options(&cursor, cmd))
		return -EINVAL;
	/*
	 * "tryengage <target> <retval> 0" engages at once, as the out-of-tree
	 * module's scripts write it by default; it is an engage from here on.
	 */
	if (cmd->verb == KS_CMD_TRYENGAGE && cmd->seconds == 0)
		cmd->verb = KS_CMD_ENGAGE;
	return 0;
}

/* Whether @len bytes at @a equal @b, with '-' and '_' alike. */
static bool ks_param_name_eq(const char *a, size_t len, const char *b)
{
	size_t i;

	for (i = 0; i < len; i++) {
		char x = a[i] == '-' ? '_' : a[i];
		char y = b[i] == '-' ? '_' : b[i];

		if (b[i] == '\0' || x != y)
			return false;
	}
	return b[len] == '\0';
}

bool ks_cmdline_sets(const char *cmdline, const char *param, const char *value)
{
	static const char prefix[] = "killswitch.";
	const char *p = cmdline, *start, *eq, *val;
	size_t val_len;
	bool quoted;

	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		start = p;
		quoted = false;
		/* A token ends at a blank outside double quotes (the kernel's next_arg). */
		while (*p && (quoted || !(*p == ' ' || *p == '\t' || *p == '\n'))) {
			if (*p == '"')
				quoted = !quoted;
			p++;
		}
		if (strncmp(start, prefix, sizeof(prefix) - 1) != 0)
			continue;
		eq = memchr(start, '=', p - start);
		if (!eq || !ks_param_name_eq(start + sizeof(prefix) - 1,
					     eq - start - (sizeof(prefix) - 1), param))
			continue;
		val = eq + 1;
		val_len = p - val;
		if (val_len >= 2 && val[0] == '"' && val[val_len - 1] == '"') {
			val++;
			val_len -= 2;
		}
		if (strlen(value) == val_len && strncmp(val, value, val_len) == 0)
			return true;
	}
	return false;
}

int ks_parse_retval_write(char *buf, size_t len, long *retval)
{
	if (len == 0 || ks_check_text(buf, len))
		return -EINVAL;
	return ks_parse_value(buf, retval);
}

int ks_parse_param_entry(char *entry, struct ks_command *cmd)
{
	char *sep = strchr(entry, KS_PARAM_VALUE_SEP);

	if (!sep)
		return -EINVAL;
	memset(cmd, 0, sizeof(*cmd));
	*sep = '\0';
	if (ks_parse_value(sep + 1, &cmd->retval) || ks_parse_target(entry, cmd)) {
		/* Leave the entry as it was, so the caller can quote it. */
		*sep = KS_PARAM_VALUE_SEP;
		return -EINVAL;
	}
	cmd->verb = KS_CMD_ENGAGE;
	return 0;
}
