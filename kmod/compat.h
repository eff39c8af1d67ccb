/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel interfaces that differ between the kernels the module builds
 * against (Debian 12's 6.1 and 6.12), in one place. The in-tree form
 * needs none of this: it takes the newer side.
 */
#ifndef KS_COMPAT_H
#define KS_COMPAT_H

#include <linux/ftrace.h>

/* Kbuild tells which of the two the headers have (a feature test). */
#ifdef KS_HAVE_LINUX_UNALIGNED
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

/*
 * 6.5 folded the _multi direct-call API into register_ftrace_direct(),
 * whose unregister can also free the filter (ours frees its own).
 */
static inline int ks_register_ftrace_direct(struct ftrace_ops *ops,
					    unsigned long addr)
{
#ifdef KS_HAVE_FTRACE_DIRECT_MULTI
	return register_ftrace_direct_multi(ops, addr);
#else
	return register_ftrace_direct(ops, addr);
#endif
}

static inline int ks_unregister_ftrace_direct(struct ftrace_ops *ops,
					      unsigned long addr)
{
#ifdef KS_HAVE_FTRACE_DIRECT_MULTI
	return unregister_ftrace_direct_multi(ops, addr);
#else
	return unregister_ftrace_direct(ops, addr, false);
#endif
}

/*
 * The pt_regs inside an architecture's ftrace_regs: 6.12 hides it behind
 * arch_ftrace_regs(), 6.1 has it as a member.
 */
#ifdef arch_ftrace_regs
#define ks_ftrace_regs_pt_regs(fregs) (&arch_ftrace_regs(fregs)->regs)
#else
#define ks_ftrace_regs_pt_regs(fregs) (&(fregs)->regs)
#endif

#endif /* KS_COMPAT_H */
