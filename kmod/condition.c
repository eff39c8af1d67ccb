// SPDX-License-Identifier: GPL-2.0
/*
 * Parser and printer of conditions; the grammar is in condition.h. Also
 * the parser of values, which commands use too (parse.c calls down here).
 */
#include "condition.h"
#include "errno_names.h"

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

static int ks_parse_literal(const char *p, bool negative, long *value)
{
	unsigned long limit, magnitude = 0;
	unsigned int base = 10;

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
		if (magnitude > (limit - (unsigned long)digit) / base)
			return -EINVAL;
		magnitude = magnitude * base + (unsigned long)digit;
	}
	*value = negative ? (long)(0UL - magnitude) : (long)magnitude;
	return 0;
}

int ks_parse_value(const char *text, long *value)
{
	const char *p = text;
	bool negative = false;
	int errno_value;

	if (*p == '-' || *p == '+')
		negative = *p++ == '-';
	if (*p != 'E')
		return ks_parse_literal(p, negative, value);
	errno_value = ks_errno_value(p);
	if (!errno_value)
		return -EINVAL;
	*value = negative ? -errno_value : errno_value;
	return 0;
}

int ks_parse_address(const char *text, unsigned long *address)
{
	unsigned long value = 0;
	const char *p;

	if (text[0] != '0' || text[1] != 'x' || text[2] == '\0' ||
	    strlen(text + 2) > 2 * sizeof(value))
		return -EINVAL;
	for (p = text + 2; *p != '\0'; p++) {
		int digit = ks_digit_value(*p);

		if (digit < 0)
			return -EINVAL;
		value = value << 4 | (unsigned long)digit;
	}
	if (!value)
		return -EINVAL;
	*address = value;
	return 0;
}

struct ks_field_spec {
	const char *name;
	enum ks_pred_field field;
	bool allows_and;	/* argK&V */
};

static const struct ks_field_spec ks_fields[] = {
	{ "uid", KS_FIELD_UID, false },
	{ "euid", KS_FIELD_EUID, false },
	{ "userns", KS_FIELD_USERNS, false },
	{ "comm", KS_FIELD_COMM, false },
	{ "arg", KS_FIELD_ARG, true },
};

static const char *ks_skip_blanks(const char *p)
{
	while (ks_is_blank(*p))
		p++;
	return p;
}

/* A value ends at a blank, at the end, or at '&' (the start of "&&"). */
static size_t ks_value_len(const char *p)
{
	size_t n = 0;

	while (p[n] != '\0' && !ks_is_blank(p[n]) && p[n] != '&' && p[n] != '=' &&
	       p[n] != '!')
		n++;
	return n;
}

static bool ks_has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Reads "name" or "argK" at *p; fills field and arg, advances *p. */
static int ks_parse_field(const char **p, struct ks_pred *pred,
			  const struct ks_field_spec **spec)
{
	size_t i;

	for (i = 0; i < KS_ARRAY_SIZE(ks_fields); i++) {
		const char *name = ks_fields[i].name;

		if (!ks_has_prefix(*p, name))
			continue;
		*p += strlen(name);
		*spec = &ks_fields[i];
		pred->field = ks_fields[i].field;
		if (pred->field == KS_FIELD_ARG) {
			if (**p < '1' || **p > '0' + KS_COND_ARGS)
				return -EINVAL;
			pred->arg = (unsigned char)(**p - '0');
			(*p)++;
		}
		/* "uidx==1" is not "uid" followed by junk. */
		if ((**p >= 'a' && **p <= 'z') || (**p >= '0' && **p <= '9'))
			return -EINVAL;
		return 0;
	}
	return -EINVAL;
}

static int ks_parse_op(const char **p, struct ks_pred *pred, bool allows_and)
{
	if ((*p)[0] == '=' && (*p)[1] == '=') {
		pred->op = KS_OP_EQ;
		*p += 2;
	} else if ((*p)[0] == '!' && (*p)[1] == '=') {
		pred->op = KS_OP_NE;
		*p += 2;
	} else if ((*p)[0] == '&' && (*p)[1] != '&' && allows_and) {
		pred->op = KS_OP_AND;
		*p += 1;
	} else {
		return -EINVAL;
	}
	return 0;
}

/* Parses the value of @pred from the @n bytes at @text. */
static int ks_parse_pred_value(const char *text, size_t n, struct ks_pred *pred)
{
	char value[32];
	long number;

	if (n == 0)
		return -EINVAL;
	if (pred->field == KS_FIELD_COMM) {
		if (n >= KS_COND_COMM_LEN)
			return -EINVAL;
		memcpy(pred->comm, text, n);
		pred->comm[n] = '\0';
		return 0;
	}
	if (pred->field == KS_FIELD_USERNS) {
		if (n != 4 || strncmp(text, "init", 4) != 0)
			return -EINVAL;
		pred->value = 0;
		return 0;
	}
	if (n >= sizeof(value))
		return -EINVAL;
	memcpy(value, text, n);
	value[n] = '\0';
	if (ks_parse_value(value, &number))
		return -EINVAL;
	/* Ids are uid_t, and (uid_t)-1 means "no id": refuse it. */
	if ((pred->field == KS_FIELD_UID || pred->field == KS_FIELD_EUID) &&
	    (number < 0 || number >= 0xffffffffL))
		return -EINVAL;
	pred->value = number;
	return 0;
}

int ks_parse_condition(const char *text, struct ks_cond *cond)
{
	const char *p = ks_skip_blanks(text);

	memset(cond, 0, sizeof(*cond));
	if (*p == '\0')
		return -EINVAL;
	for (;;) {
		struct ks_pred *pred;
		const struct ks_field_spec *spec;
		size_t n;

		if (cond->n == KS_COND_MAX)
			return -EINVAL;
		pred = &cond->preds[cond->n++];
		if (ks_parse_field(&p, pred, &spec))
			return -EINVAL;
		p = ks_skip_blanks(p);
		if (ks_parse_op(&p, pred, spec->allows_and))
			return -EINVAL;
		p = ks_skip_blanks(p);
		n = ks_value_len(p);
		if (ks_parse_pred_value(p, n, pred))
			return -EINVAL;
		p = ks_skip_blanks(p + n);
		if (*p == '\0')
			return 0;
		if (p[0] != '&' || p[1] != '&')
			return -EINVAL;
		p = ks_skip_blanks(p + 2);
	}
}

static const char *ks_field_name(const struct ks_pred *pred)
{
	size_t i;

	for (i = 0; i < KS_ARRAY_SIZE(ks_fields); i++) {
		if (ks_fields[i].field == pred->field)
			return ks_fields[i].name;
	}
	return "?";
}

int ks_format_condition(const struct ks_cond *cond, char *buf, size_t len)
{
	size_t used = 0;
	unsigned int i;

	if (len > 0)
		buf[0] = '\0';
	for (i = 0; i < cond->n && used < len; i++) {
		const struct ks_pred *pred = &cond->preds[i];
		const char *op = pred->op == KS_OP_EQ ? "==" :
				 pred->op == KS_OP_NE ? "!=" : "&";
		const char *sep = i ? "&&" : "";
		int n;

		if (pred->field == KS_FIELD_COMM)
			n = snprintf(buf + used, len - used, "%scomm%s%s", sep,
				     op, pred->comm);
		else if (pred->field == KS_FIELD_USERNS)
			n = snprintf(buf + used, len - used, "%suserns%sinit",
				     sep, op);
		else if (pred->field == KS_FIELD_ARG && pred->op == KS_OP_AND &&
			 pred->value >= 0)
			/* Masks read best in hex; a negative one must stay signed to parse back. */
			n = snprintf(buf + used, len - used, "%sarg%u&0x%lx",
				     sep, pred->arg, (unsigned long)pred->value);
		else if (pred->field == KS_FIELD_ARG)	/* ==, != and a negative & */
			n = snprintf(buf + used, len - used, "%sarg%u%s%ld", sep,
				     pred->arg, op, pred->value);
		else
			n = snprintf(buf + used, len - used, "%s%s%s%ld", sep,
				     ks_field_name(pred), op, pred->value);
		if (n < 0)
			break;
		used += (size_t)n;
	}
	return (int)(used < len ? used : len - 1);
}
