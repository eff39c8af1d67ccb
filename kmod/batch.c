// SPDX-License-Identifier: GPL-2.0
/*
 * One write to control is one transaction, however many lines it holds.
 *
 * Every line is parsed first: one malformed line refuses the whole write.
 * Then, under ks_lock, every line is checked and prepared in order (an
 * engagement is judged and attached but not live; a disengage or confirm
 * finds its target), and only then does everything go live, with one
 * ftrace update for all the engaged call sites. A line that fails takes
 * the whole write back: nothing it would engage ever ran, nothing it would
 * disengage was touched. Each line gets its log line and audit record.
 *
 * Each engagement may be named once per write, and disengage_all stands
 * alone: the lines are independent, so their order does not matter.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "arm.h"
#include "audit.h"
#include "batch.h"
#include "caller.h"
#include "direct_engine.h"
#include "engage.h"
#include "engine.h"
#include "parse.h"
#include "uapi/killswitch.h"

struct ks_line {
	struct ks_command cmd;
	/* The engagement it prepared (engage), or its target (the others). */
	struct ks_engagement *e;
};

struct ks_batch {
	struct ks_line *lines;
	unsigned int n;
	const struct ks_caller *who;
};

static enum ks_mode ks_mode_of(enum ks_verb verb)
{
	if (verb == KS_CMD_MONITOR)
		return KS_MODE_MONITOR;
	return verb == KS_CMD_TRYENGAGE ? KS_MODE_TRY : KS_MODE_KILL;
}

static bool ks_engages(enum ks_verb verb)
{
	return verb == KS_CMD_ENGAGE || verb == KS_CMD_MONITOR ||
	       verb == KS_CMD_TRYENGAGE;
}

static const char *ks_verb_name(enum ks_verb verb)
{
	switch (verb) {
	case KS_CMD_ENGAGE:
		return KS_VERB_ENGAGE;
	case KS_CMD_MONITOR:
		return KS_VERB_MONITOR;
	case KS_CMD_TRYENGAGE:
		return KS_VERB_TRYENGAGE;
	case KS_CMD_DISENGAGE:
		return KS_VERB_DISENGAGE;
	case KS_CMD_DISENGAGE_ALL:
		return KS_VERB_DISENGAGE_ALL;
	case KS_CMD_CONFIRM:
		return KS_VERB_CONFIRM;
	}
	return "?";
}

/* Lines in @buf: its newlines, plus a last line without one. */
static unsigned int ks_count_lines(const char *buf, size_t count)
{
	unsigned int n = 0;
	size_t i;

	for (i = 0; i < count; i++)
		n += buf[i] == '\n';
	return n + (count && buf[count - 1] != '\n');
}

/* Logs and audits a malformed line @line (1-based) of @b. */
static void ks_refuse_malformed(const struct ks_batch *b, unsigned int line,
				const char *raw, size_t len, size_t count)
{
	char whotext[KS_CALLER_MAX];

	/* Not rate-limited: only root writes here, and each write counts. */
	ks_caller_format(b->who, whotext, sizeof(whotext));
	if (b->n == 1)
		pr_warn("malformed command refused (%zu bytes) from %s\n", count,
			whotext);
	else
		pr_warn("malformed command refused (line %u of %u, %zu bytes): nothing of the write is carried out, from %s\n",
			line, b->n, count, whotext);
	ks_audit_malformed(raw, min_t(size_t, len, KS_AUDIT_RAW_MAX), count,
			   b->who);
}

/*
 * Cuts @buf into lines and parses each; -EINVAL (logged) if one is
 * malformed, -EOPNOTSUPP (logged) for engagebpf.
 */
static int ks_batch_parse(struct ks_batch *b, char *buf, size_t count)
{
	char raw[KS_AUDIT_RAW_MAX];
	unsigned int i, disengage_all = 0;
	char *line = buf, *end;
	size_t len;
	int err;

	for (i = 0; i < b->n; i++) {
		end = strchr(line, '\n');
		len = end ? (size_t)(end - line) : strlen(line);
		if (end)
			*end = '\0';
		/* Kept for the audit record: the parser cuts the line in place. */
		memcpy(raw, line, min_t(size_t, len, sizeof(raw)));
		err = ks_parse_command(line, len, &b->lines[i].cmd);
		if (err == -EOPNOTSUPP) {
			pr_warn("engagebpf refused: it overrides returns with BPF past the kernel's error-injection allowlist, around the safety rules every engagement here passes; write engage <target> <retval> instead\n");
			ks_audit_malformed(raw, min_t(size_t, len, KS_AUDIT_RAW_MAX),
					   count, b->who);
			return err;
		}
		if (err) {
			ks_refuse_malformed(b, i + 1, raw, len, b->n == 1 ? count : len);
			return -EINVAL;
		}
		disengage_all += b->lines[i].cmd.verb == KS_CMD_DISENGAGE_ALL;
		line = end ? end + 1 : line + len;
	}
	if (disengage_all && b->n > 1) {
		pr_warn("malformed write refused: disengage_all must be alone in its write\n");
		ks_audit_malformed(KS_VERB_DISENGAGE_ALL,
				   strlen(KS_VERB_DISENGAGE_ALL), count, b->who);
		return -EINVAL;
	}
	return 0;
}

/* Whether a line before @i already names @e. */
static bool ks_named_before(const struct ks_batch *b, unsigned int i,
			    const struct ks_engagement *e)
{
	unsigned int j;

	for (j = 0; j < i; j++) {
		if (b->lines[j].e == e)
			return true;
	}
	return false;
}

/* Checks and prepares line @i; its error, logged, leaves it unprepared. */
static int ks_line_prepare(struct ks_batch *b, unsigned int i)
{
	struct ks_line *l = &b->lines[i];
	struct ks_engagement *e;
	int err = 0;

	if (ks_engages(l->cmd.verb)) {
		l->e = ks_engage_prepare(&l->cmd, ks_mode_of(l->cmd.verb), b->who,
					 &err);
		return err;
	}
	e = ks_lookup(l->cmd.target);
	if (e && ks_named_before(b, i, e)) {
		pr_warn("%s %s refused: named twice in one write\n",
			ks_verb_name(l->cmd.verb), l->cmd.target);
		err = -EINVAL;
	} else if (l->cmd.verb == KS_CMD_CONFIRM) {
		err = ks_confirm_check(e, l->cmd.target);
	} else if (!e) {
		err = -ENOENT;
	}
	if (err)
		ks_audit(ks_verb_name(l->cmd.verb), l->cmd.target, 0, NULL, 0,
			 b->who);
	else
		l->e = e;
	return err;
}

/* Every prepared engagement goes live at once; the failing line in *@failed. */
static int ks_batch_go_live(struct ks_batch *b, unsigned int *failed)
{
	struct ks_engagement **list;
	unsigned int *line_of, m = 0, i, which;
	int err;

	list = kvmalloc_array(b->n, sizeof(*list), GFP_KERNEL);
	line_of = kvmalloc_array(b->n, sizeof(*line_of), GFP_KERNEL);
	err = list && line_of ? 0 : -ENOMEM;
	for (i = 0; !err && i < b->n; i++) {
		if (ks_engages(b->lines[i].cmd.verb)) {
			line_of[m] = i;
			list[m++] = b->lines[i].e;
		}
	}
	*failed = 0;
	if (!err) {
		err = ks_engine_enable_all(list, m, &which);
		if (err) {
			*failed = line_of[which];
			ks_engage_refused(&b->lines[*failed].cmd,
					  ks_mode_of(b->lines[*failed].cmd.verb),
					  err, b->who);
		}
	}
	kvfree(line_of);
	kvfree(list);
	return err;
}

/*
 * The write failed at line @failed with @err: takes back every line
 * prepared so far and records each line that was not carried out.
 */
static void ks_batch_undo(struct ks_batch *b, unsigned int failed, int err)
{
	struct ks_line *l;
	unsigned int i;

	for (i = 0; i < b->n; i++) {
		l = &b->lines[i];
		if (ks_engages(l->cmd.verb) && l->e)
			ks_engage_undo(l->e);
		if (i == failed)
			continue;	/* logged and audited as it failed */
		pr_warn("%s %s not carried out: line %u of the write failed (error %d)\n",
			ks_verb_name(l->cmd.verb), l->cmd.target, failed + 1, err);
		ks_audit(ks_verb_name(l->cmd.verb), l->cmd.target, l->cmd.retval,
			 NULL, 0, b->who);
	}
}

/* Everything is live: each line is logged and audited, disengages done. */
static void ks_batch_finish(struct ks_batch *b)
{
	struct ks_engagement **gone;
	struct ks_line *l;
	unsigned int i, n = 0;

	gone = kvmalloc_array(b->n, sizeof(*gone), GFP_KERNEL);
	for (i = 0; i < b->n; i++) {
		l = &b->lines[i];
		if (ks_engages(l->cmd.verb))
			ks_engage_announce(l->e, &l->cmd, ks_mode_of(l->cmd.verb),
					   b->who);
		else if (l->cmd.verb == KS_CMD_CONFIRM)
			ks_confirm_finish(l->e, l->cmd.target, 0, b->who);
		else if (gone)
			gone[n++] = l->e;
		else
			ks_disengage_list(&l->e, 1, b->who);
	}
	/* Every disengaged call site in one ftrace update. */
	ks_disengage_list(gone, n, b->who);
	kvfree(gone);
}

static int ks_batch_execute(struct ks_batch *b)
{
	unsigned int i, failed = 0;
	int err = 0;

	mutex_lock(&ks_lock);
	/* A long write goes on the shared ops, in one ftrace update. */
	ks_direct_batch(b->n);
	for (i = 0; !err && i < b->n; i++) {
		err = ks_line_prepare(b, i);
		failed = i;
	}
	ks_direct_batch(0);
	if (!err)
		err = ks_batch_go_live(b, &failed);
	if (err)
		ks_batch_undo(b, failed, err);
	else
		ks_batch_finish(b);
	ks_arm_done();
	mutex_unlock(&ks_lock);
	return err;
}

int ks_batch_run(char *buf, size_t count, const struct ks_caller *who)
{
	struct ks_batch b = { .who = who, .n = ks_count_lines(buf, count) };
	int err;

	/* A NUL inside would hide the rest of its line from the parser. */
	if (b.n == 0 || b.n > KS_BATCH_LINES_MAX || memchr(buf, '\0', count)) {
		b.n = 1;
		ks_refuse_malformed(&b, 1, buf, count, count);
		return -EINVAL;
	}
	b.lines = kvcalloc(b.n, sizeof(*b.lines), GFP_KERNEL);
	if (!b.lines)
		return -ENOMEM;
	err = ks_batch_parse(&b, buf, count);
	if (!err && b.lines[0].cmd.verb == KS_CMD_DISENGAGE_ALL)
		ks_disengage_all(who);
	else if (!err)
		err = ks_batch_execute(&b);
	kvfree(b.lines);
	return err;
}
