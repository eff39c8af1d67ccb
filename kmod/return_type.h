/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a function returns, read from the kernel's own BTF: the fact the
 * fail-closed rule (safety.c) is built on. A value is judged by the type
 * it lands in, not by the function's name.
 *
 * Pure code: it reads raw BTF bytes (as /sys/kernel/btf/vmlinux serves
 * them, and a module's split BTF on top of them) and allocates nothing:
 * a caller that looks up many functions gives the room for an index.
 * Every offset and id is bounds-checked, so a truncated or corrupt blob
 * gives -EINVAL, never a read out of bounds.
 */
#ifndef KS_RETURN_TYPE_H
#define KS_RETURN_TYPE_H

#include "shim.h"

enum ks_return_kind {
	KS_RET_UNKNOWN = 0,	/* not in BTF, or its entries disagree */
	KS_RET_VOID,
	KS_RET_BOOL,
	KS_RET_SIGNED,		/* int, long, ssize_t, ... (and plain char) */
	KS_RET_UNSIGNED,	/* unsigned int, size_t, __poll_t, u8, ... */
	KS_RET_POINTER,
	KS_RET_ENUM,
	KS_RET_OTHER,		/* struct, union, float: not a register value */
};

struct ks_return_type {
	enum ks_return_kind kind;
	unsigned int size;	/* bytes; 0 for void and unknown */
};

/* Raw BTF as the kernel serves it: a header, types, strings. */
struct ks_btf_blob {
	const void *data;
	size_t size;
};

/*
 * One blob's sections, checked against its size, and its types counted:
 * ks_btf_view_init() walks every record once, so that many lookups in the
 * same blob (the lines of a batch, the writes that follow) need not.
 */
struct ks_btf_view {
	const uint8_t *types;
	const char *strings;
	uint32_t types_len;
	uint32_t strings_len;
	uint32_t first_id;	/* 1 for vmlinux, after vmlinux for a module */
	uint32_t first_string;	/* string offsets of a module start after vmlinux's */
	uint32_t count;		/* types in this blob */
	const uint32_t *offsets; /* each type's record, by id; NULL: walk to it */
};

/*
 * Checks @blob and counts its types; @base is vmlinux's view when @blob is
 * a module's split BTF, NULL when it is vmlinux's. 0 or -EINVAL.
 */
int ks_btf_view_init(struct ks_btf_view *v, const struct ks_btf_blob *blob,
		     const struct ks_btf_view *base);

/*
 * Fills @offsets (room for v->count of them) with where each type's record
 * starts, and has @v look types up by id there rather than walk to them.
 */
void ks_btf_view_index(struct ks_btf_view *v, uint32_t *offsets);

/* Length of @symbol without a compiler-clone suffix (".isra.0", ...). */
size_t ks_base_name_len(const char *symbol);

/*
 * The return type of the function called @name in
 * @split (a module's BTF, NULL for vmlinux's own functions) on top of
 * @base (vmlinux); a clone suffix of @name is looked through, as BTF
 * names the function it was cloned from. When a name has several BTF entries (static functions
 * of the same name in several files) they must agree, else the answer is
 * KS_RET_UNKNOWN. Returns 0 with @out filled, -ENOENT when no function of
 * that name is in the BTF searched, -EINVAL for malformed BTF.
 */
int ks_btf_return_type(const struct ks_btf_blob *base,
		       const struct ks_btf_blob *split, const char *name,
		       struct ks_return_type *out);

/* The same, in views made once by ks_btf_view_init() (@split may be NULL). */
int ks_btf_view_return_type(const struct ks_btf_view *base,
			    const struct ks_btf_view *split, const char *name,
			    struct ks_return_type *out);

/* "int", "bool", "pointer", ... for logs and the tool. */
const char *ks_return_kind_name(enum ks_return_kind kind);

#endif /* KS_RETURN_TYPE_H */
