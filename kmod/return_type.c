// SPDX-License-Identifier: GPL-2.0
/*
 * A reader of raw BTF just wide enough to answer one question: what does
 * this function return. The kernel exports no lookup by name to modules
 * (btf_find_by_name_kind is not exported on 6.1), so the module reads the
 * format itself; the layout is the stable one of Documentation/bpf/btf.rst.
 */
#include "return_type.h"

#define KS_BTF_MAGIC 0xeB9F
#define KS_BTF_HEADER_MIN 24
#define KS_BTF_TYPE_SIZE 12
#define KS_BTF_MAX_HOPS 32	/* typedef and qualifier chains are short */

/* BTF kinds, as in include/uapi/linux/btf.h. */
enum {
	KS_BTF_INT = 1, KS_BTF_PTR, KS_BTF_ARRAY, KS_BTF_STRUCT, KS_BTF_UNION,
	KS_BTF_ENUM, KS_BTF_FWD, KS_BTF_TYPEDEF, KS_BTF_VOLATILE, KS_BTF_CONST,
	KS_BTF_RESTRICT, KS_BTF_FUNC, KS_BTF_FUNC_PROTO, KS_BTF_VAR,
	KS_BTF_DATASEC, KS_BTF_FLOAT, KS_BTF_DECL_TAG, KS_BTF_TYPE_TAG,
	KS_BTF_ENUM64,
};

#define KS_BTF_INT_SIGNED 0x1
#define KS_BTF_INT_BOOL 0x4

/* One type record's fixed part; what follows it depends on the kind. */
struct ks_btf_type {
	uint32_t name_off;
	uint32_t info;		/* vlen 0-15, kind 24-28 */
	uint32_t size_or_type;
	uint32_t extra;		/* the INT encoding, when kind is INT */
};

/* The two blobs a lookup reads: vmlinux's, and a module's on top (or NULL). */
struct ks_btf {
	const struct ks_btf_view *base;
	const struct ks_btf_view *split;
};

static uint32_t ks_load32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static unsigned int ks_kind(uint32_t info)
{
	return (info >> 24) & 0x1f;
}

static unsigned int ks_vlen(uint32_t info)
{
	return info & 0xffff;
}

/* Bytes that follow the fixed part of a record of this kind, or -1. */
static long ks_trailer_size(unsigned int kind, unsigned int vlen)
{
	switch (kind) {
	case KS_BTF_INT:
	case KS_BTF_VAR:
	case KS_BTF_DECL_TAG:
		return 4;
	case KS_BTF_ARRAY:
		return 12;
	case KS_BTF_STRUCT:
	case KS_BTF_UNION:
	case KS_BTF_DATASEC:
	case KS_BTF_ENUM64:
		return 12L * vlen;
	case KS_BTF_ENUM:
	case KS_BTF_FUNC_PROTO:
		return 8L * vlen;
	case KS_BTF_PTR:
	case KS_BTF_FWD:
	case KS_BTF_TYPEDEF:
	case KS_BTF_VOLATILE:
	case KS_BTF_CONST:
	case KS_BTF_RESTRICT:
	case KS_BTF_FUNC:
	case KS_BTF_FLOAT:
	case KS_BTF_TYPE_TAG:
		return 0;
	}
	return -1;
}

/*
 * Reads the record at @*pos into @t and moves @*pos past it; -EINVAL when
 * it does not fit or has an unknown kind.
 */
static int ks_next_type(const struct ks_btf_view *v, uint32_t *pos,
			struct ks_btf_type *t)
{
	long trailer;

	if (v->types_len - *pos < KS_BTF_TYPE_SIZE)
		return -EINVAL;
	t->name_off = ks_load32(v->types + *pos);
	t->info = ks_load32(v->types + *pos + 4);
	t->size_or_type = ks_load32(v->types + *pos + 8);
	trailer = ks_trailer_size(ks_kind(t->info), ks_vlen(t->info));
	if (trailer < 0 || v->types_len - *pos - KS_BTF_TYPE_SIZE < (uint32_t)trailer)
		return -EINVAL;
	t->extra = trailer >= 4 ? ks_load32(v->types + *pos + KS_BTF_TYPE_SIZE) : 0;
	*pos += KS_BTF_TYPE_SIZE + (uint32_t)trailer;
	return 0;
}

int ks_btf_view_init(struct ks_btf_view *v, const struct ks_btf_blob *blob,
		     const struct ks_btf_view *base)
{
	const uint8_t *p = blob->data;
	uint32_t hdr_len, type_off, type_len, str_off, str_len, pos;
	uint32_t first_id = base ? base->first_id + base->count : 1;
	uint32_t first_string = base ? base->strings_len : 0;
	struct ks_btf_type t;
	uint64_t body;

	v->offsets = NULL;
	if (!p || blob->size < KS_BTF_HEADER_MIN)
		return -EINVAL;
	if ((p[0] | p[1] << 8) != KS_BTF_MAGIC || p[2] != 1)
		return -EINVAL;
	hdr_len = ks_load32(p + 4);
	type_off = ks_load32(p + 8);
	type_len = ks_load32(p + 12);
	str_off = ks_load32(p + 16);
	str_len = ks_load32(p + 20);
	if (hdr_len < KS_BTF_HEADER_MIN || hdr_len > blob->size)
		return -EINVAL;
	body = blob->size - hdr_len;
	if ((uint64_t)type_off + type_len > body || (uint64_t)str_off + str_len > body)
		return -EINVAL;
	v->types = p + hdr_len + type_off;
	v->types_len = type_len;
	v->strings = (const char *)p + hdr_len + str_off;
	v->strings_len = str_len;
	v->first_id = first_id;
	v->first_string = first_string;
	v->count = 0;
	for (pos = 0; pos < v->types_len; v->count++) {
		if (ks_next_type(v, &pos, &t))
			return -EINVAL;
	}
	return 0;
}

void ks_btf_view_index(struct ks_btf_view *v, uint32_t *offsets)
{
	struct ks_btf_type t;
	uint32_t pos = 0, i;

	/* ks_btf_view_init() walked these very records: each one fits. */
	for (i = 0; i < v->count; i++) {
		offsets[i] = pos;
		if (ks_next_type(v, &pos, &t))
			return;
	}
	v->offsets = offsets;
}

size_t ks_base_name_len(const char *symbol)
{
	const char *dot = strchr(symbol, '.');

	return dot ? (size_t)(dot - symbol) : strlen(symbol);
}

/* Whether the string at @off (in @b's numbering) is the @len bytes at @name. */
static bool ks_name_is(const struct ks_btf *b, uint32_t off, const char *name,
		       size_t len)
{
	const struct ks_btf_view *v = b->base;

	if (b->split && off >= b->split->first_string)
		v = b->split;
	off -= v->first_string;
	if (off >= v->strings_len || v->strings_len - off <= len)
		return false;
	return memcmp(v->strings + off, name, len) == 0 && v->strings[off + len] == '\0';
}

/* The record of type @id, from whichever blob holds it. */
static int ks_type_by_id(const struct ks_btf *b, uint32_t id,
			 struct ks_btf_type *t)
{
	const struct ks_btf_view *v = b->base;
	uint32_t pos = 0, i;
	int err;

	if (b->split && id >= b->split->first_id)
		v = b->split;
	if (id < v->first_id || id - v->first_id >= v->count)
		return -EINVAL;
	if (v->offsets) {
		pos = v->offsets[id - v->first_id];
		return ks_next_type(v, &pos, t);
	}
	for (i = v->first_id; i <= id; i++) {
		err = ks_next_type(v, &pos, t);
		if (err)
			return err;
	}
	return 0;
}

/* What type @id is once typedefs and qualifiers are looked through. */
static int ks_classify(const struct ks_btf *b, uint32_t id,
		       struct ks_return_type *out)
{
	struct ks_btf_type t;
	int hops, err;

	for (hops = 0; hops < KS_BTF_MAX_HOPS; hops++) {
		if (id == 0) {
			out->kind = KS_RET_VOID;
			out->size = 0;
			return 0;
		}
		err = ks_type_by_id(b, id, &t);
		if (err)
			return err;
		switch (ks_kind(t.info)) {
		case KS_BTF_TYPEDEF:
		case KS_BTF_VOLATILE:
		case KS_BTF_CONST:
		case KS_BTF_RESTRICT:
		case KS_BTF_TYPE_TAG:
			id = t.size_or_type;
			continue;
		case KS_BTF_INT:
			out->size = t.size_or_type;
			if ((t.extra >> 24) & KS_BTF_INT_BOOL)
				out->kind = KS_RET_BOOL;
			else if ((t.extra >> 24) & KS_BTF_INT_SIGNED)
				out->kind = KS_RET_SIGNED;
			else
				out->kind = KS_RET_UNSIGNED;
			return 0;
		case KS_BTF_PTR:
			out->kind = KS_RET_POINTER;
			out->size = sizeof(void *);
			return 0;
		case KS_BTF_ENUM:
		case KS_BTF_ENUM64:
			out->kind = KS_RET_ENUM;
			out->size = t.size_or_type;
			return 0;
		default:
			out->kind = KS_RET_OTHER;
			out->size = 0;
			return 0;
		}
	}
	return -EINVAL;
}

/* The return type of FUNC @t (which names a FUNC_PROTO). */
static int ks_function_returns(const struct ks_btf *b,
			       const struct ks_btf_type *func,
			       struct ks_return_type *out)
{
	struct ks_btf_type proto;
	int err;

	err = ks_type_by_id(b, func->size_or_type, &proto);
	if (err)
		return err;
	if (ks_kind(proto.info) != KS_BTF_FUNC_PROTO)
		return -EINVAL;
	return ks_classify(b, proto.size_or_type, out);
}

int ks_btf_return_type(const struct ks_btf_blob *base,
		       const struct ks_btf_blob *split, const char *name,
		       struct ks_return_type *out)
{
	struct ks_btf_view base_view, split_view;
	int err;

	err = ks_btf_view_init(&base_view, base, NULL);
	if (err)
		return err;
	if (split) {
		err = ks_btf_view_init(&split_view, split, &base_view);
		if (err)
			return err;
	}
	return ks_btf_view_return_type(&base_view, split ? &split_view : NULL,
				       name, out);
}

int ks_btf_view_return_type(const struct ks_btf_view *base,
			    const struct ks_btf_view *split, const char *name,
			    struct ks_return_type *out)
{
	const struct ks_btf b = { base, split };
	const struct ks_btf_view *searched = split ? split : base;
	struct ks_return_type found, first = { KS_RET_UNKNOWN, 0 };
	size_t len = ks_base_name_len(name);
	struct ks_btf_type t;
	bool seen = false;
	uint32_t pos;
	int err;

	for (pos = 0; pos < searched->types_len;) {
		err = ks_next_type(searched, &pos, &t);
		if (err)
			return err;
		if (ks_kind(t.info) != KS_BTF_FUNC || !ks_name_is(&b, t.name_off, name, len))
			continue;
		err = ks_function_returns(&b, &t, &found);
		if (err)
			return err;
		if (seen && (found.kind != first.kind || found.size != first.size))
			first.kind = KS_RET_UNKNOWN;	/* entries disagree */
		else if (!seen)
			first = found;
		seen = true;
	}
	if (!seen)
		return -ENOENT;
	*out = first;
	if (out->kind == KS_RET_UNKNOWN)
		out->size = 0;
	return 0;
}

const char *ks_return_kind_name(enum ks_return_kind kind)
{
	switch (kind) {
	case KS_RET_VOID:
		return "void";
	case KS_RET_BOOL:
		return "bool";
	case KS_RET_SIGNED:
		return "signed integer";
	case KS_RET_UNSIGNED:
		return "unsigned integer";
	case KS_RET_POINTER:
		return "pointer";
	case KS_RET_ENUM:
		return "enum";
	case KS_RET_OTHER:
		return "struct, union or float";
	case KS_RET_UNKNOWN:
		break;
	}
	return "unknown (no BTF)";
}
