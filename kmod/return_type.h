/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a function returns, read from the kernel's own BTF: the fact the
 * fail-closed rule (safety.c) is built on. A value is judged by the type
 * it lands in, not by the function's name.
 *
 * Pure code: it reads raw BTF bytes (as /sys/kernel/btf/vmlinux serves
 * them, and a module's split BTF on top of them) and allocates nothing.
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

/* "int", "bool", "pointer", ... for logs and the tool. */
const char *ks_return_kind_name(enum ks_return_kind kind);

#endif /* KS_RETURN_TYPE_H */
