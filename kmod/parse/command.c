// SPDX-License-Identifier: GPL-2.0
/*
 * Parser for control-file commands and engage= parameter entries. It sees
 * only bytes a user wrote, so it is strict: one command, printable ASCII,
 * blanks between tokens, one optional trailing newline, nothing else.
 */
#include "command.h"
#include "../uapi/killswitch.h"

/* engage <symbol> <retval> is the longest command; one more token is an error. */
#define KS_MAX_TOKENS 4

struct ks_verb_spec {
	const char *name;
	enum ks_verb verb;
	int nargs;
};

static const struct ks_verb_spec ks_verbs[] = {
	{ KS_VERB_ENGAGE, KS_CMD_ENGAGE, 2 },
	{ KS_VERB_DISENGAGE, KS_CMD_DISENGAGE, 1 },
	{ KS_VERB_DISENGAGE_ALL, KS_CMD_DISENGAGE_ALL, 0 },
};

static bool ks_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int ks_digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int ks_parse_retval(const char *text, long *retval)
{
	const char *p = text;
	bool negative = false;
	unsigned long limit, value = 0;
	unsigned int base = 10;

	if (*p == '-' || *p == '+')
		negative = *p++ == '-';
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	} else if (p[0] == '0' && p[1] != '\0') {
		base = 8;
		p++;
	}
	if (*p == '\0')
		return -EINVAL;

	/* The magnitude of LONG_MIN is one more than LONG_MAX. */
	limit = negative ? (unsigned long)LONG_MAX + 1 : (unsigned long)LONG_MAX;
	for (; *p != '\0'; p++) {
		int digit = ks_digit_value(*p);

		if (digit < 0 || (unsigned int)digit >= base)
			return -EINVAL;
		if (value > (limit - (unsigned long)digit) / base)
			return -EINVAL;
		value = value * base + (unsigned long)digit;
	}
	*retval = negative ? (long)(0UL - value) : (long)value;
	return 0;
}

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

/* Cuts @buf into blank-separated tokens in place; returns how many, or -EINVAL. */
static int ks_split_tokens(char *buf, char **tokens, int max)
{
	char *p = buf;
	int n = 0;

	for (;;) {
		while (ks_is_blank(*p))
			*p++ = '\0';
		if (*p == '\0')
			return n;
		if (n == max)
			return -EINVAL;
		tokens[n++] = p;
		while (*p != '\0' && !ks_is_blank(*p))
			p++;
	}
}

int ks_parse_command(char *buf, size_t len, struct ks_command *cmd)
{
	char *tokens[KS_MAX_TOKENS];
	const struct ks_verb_spec *spec = NULL;
	size_t i;
	int n;

	if (len == 0 || len > KS_CONTROL_MAX || ks_check_text(buf, len))
		return -EINVAL;
	n = ks_split_tokens(buf, tokens, KS_MAX_TOKENS);
	if (n <= 0)
		return -EINVAL;

	for (i = 0; i < KS_ARRAY_SIZE(ks_verbs); i++) {
		if (strcmp(tokens[0], ks_verbs[i].name) == 0)
			spec = &ks_verbs[i];
	}
	if (!spec || n - 1 != spec->nargs)
		return -EINVAL;

	cmd->verb = spec->verb;
	cmd->target = NULL;
	cmd->retval = 0;
	if (spec->nargs >= 1) {
		if (!ks_symbol_valid(tokens[1]))
			return -EINVAL;
		cmd->target = tokens[1];
	}
	if (spec->nargs >= 2 && ks_parse_retval(tokens[2], &cmd->retval))
		return -EINVAL;
	return 0;
}

int ks_parse_retval_write(char *buf, size_t len, long *retval)
{
	if (len == 0 || ks_check_text(buf, len))
		return -EINVAL;
	return ks_parse_retval(buf, retval);
}

int ks_parse_param_entry(char *entry, struct ks_command *cmd)
{
	char *sep = strchr(entry, KS_PARAM_VALUE_SEP);

	if (!sep)
		return -EINVAL;
	*sep = '\0';
	if (!ks_symbol_valid(entry) || ks_parse_retval(sep + 1, &cmd->retval)) {
		/* Leave the entry as it was, so the caller can quote it. */
		*sep = KS_PARAM_VALUE_SEP;
		return -EINVAL;
	}
	cmd->verb = KS_CMD_ENGAGE;
	cmd->target = entry;
	return 0;
}
