// SPDX-License-Identifier: GPL-2.0
/*
 * Finds whether a function is the constructor of an ops table whose
 * caller runs the table's destructor after a failed constructor
 * (partner.h). It looks for the function's address in the data of the
 * object the function lives in (an ops table names its owner, so it is
 * in the owner's data) and checks that the address sits at the
 * constructor's offset of a table that is what it claims: owned by that
 * object, with a name, and with a destructor that is a function.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/sizes.h>
#include <net/sch_generic.h>
#include <net/sock.h>

#include "data_ranges.h"
#include "partner.h"

/* An ops table whose caller destroys what a failed init left. */
struct ks_partner_table {
	const char *name;
	size_t size;
	size_t init;		/* offsets of its members */
	size_t destroy;
	size_t owner;
	size_t id;		/* its name, NUL-terminated in id_len bytes */
	size_t id_len;
};

#define KS_PARTNER_TABLE(type, tag, id_member)                         \
	{                                                              \
		.name = tag, .size = sizeof(struct type),              \
		.init = offsetof(struct type, init),                   \
		.destroy = offsetof(struct type, destroy),             \
		.owner = offsetof(struct type, owner),                 \
		.id = offsetof(struct type, id_member),                \
		.id_len = sizeof_field(struct type, id_member),        \
	}

static const struct ks_partner_table ks_partner_tables[] = {
	KS_PARTNER_TABLE(Qdisc_ops, "Qdisc_ops.init", id),
	KS_PARTNER_TABLE(proto, "proto.init", name),
};

/* Where the function that @site is in starts: its address as a pointer. */
static unsigned long ks_function_start(unsigned long site)
{
	char where[KSYM_SYMBOL_LEN];
	unsigned long offset;
	char *plus, *slash;

	sprint_symbol(where, site);
	plus = strstr(where, "+0x");
	slash = plus ? strchr(plus, '/') : NULL;
	if (!slash)
		return 0;
	*slash = '\0';
	if (kstrtoul(plus + 3, 16, &offset) || offset > site)
		return 0;
	return site - offset;
}

/*
 * Whether @id is a table's name: two or more of letters, digits and
 * "_-./" ("pfifo_fast", "TCP", "UDP-Lite", "L2TP/IP"), NUL-terminated
 * within @len bytes.
 * Strict, so that other data read as a table does not pass for one.
 */
static bool ks_is_name(const char *id, size_t len)
{
	size_t i;

	for (i = 0; i < len && id[i]; i++)
		if (!isascii(id[i]) || !(isalnum(id[i]) || strchr("_-./", id[i])))
			return false;
	return i > 1 && i < len;
}

/* Whether @addr is where a function starts, by kallsyms. */
static bool ks_is_function_start(unsigned long addr)
{
	return addr && ks_function_start(addr) == addr;
}

/* Whether the word at @at, in @range, is the init of a @t of @owner. */
static bool ks_table_at(const struct ks_partner_table *t, unsigned long at,
			const struct ks_data_range *range,
			const struct module *owner)
{
	unsigned long base = at - t->init;

	if (at < range->start + t->init || base + t->size > range->end)
		return false;
	return *(struct module **)(base + t->owner) == owner &&
	       ks_is_name((const char *)(base + t->id), t->id_len) &&
	       *(unsigned long *)(base + t->destroy) != 0 &&
	       ks_is_function_start(*(unsigned long *)(base + t->destroy));
}

static bool ks_search(const struct ks_data_ranges *r, unsigned long func,
		      char *slot, size_t len)
{
	unsigned int i, k;
	unsigned long at;

	for (i = 0; i < r->n; i++) {
		const struct ks_data_range *range = &r->range[i];

		for (at = ALIGN(range->start, sizeof(long));
		     at + sizeof(long) <= range->end; at += sizeof(long)) {
			if (!(at & (SZ_64K - 1)))
				cond_resched();
			if (*(unsigned long *)at != func)
				continue;
			for (k = 0; k < ARRAY_SIZE(ks_partner_tables); k++) {
				const struct ks_partner_table *t = &ks_partner_tables[k];

				if (!ks_table_at(t, at, range, r->owner))
					continue;
				snprintf(slot, len, "%s of %s", t->name,
					 (const char *)(at - t->init + t->id));
				return true;
			}
		}
	}
	return false;
}

int ks_partner_find(const struct ks_engagement *e, char slot[KS_PARTNER_MAX])
{
	struct ks_data_ranges ranges;
	unsigned long func = ks_function_start(e->entry);
	int err;

	slot[0] = '\0';
	if (!func)
		return -ENOENT;
	err = ks_data_ranges_get(e->module, &ranges);
	if (err)
		return err;
	ks_search(&ranges, func, slot, KS_PARTNER_MAX);
	ks_data_ranges_put(&ranges);
	return 0;
}
