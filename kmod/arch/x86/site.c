// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64: what sits at a function's entry. The ftrace call site is a
 * 5-byte call (a NOP while nothing traces the function), right at the
 * start or after an ENDBR, and kprobes puts a probe there on ftrace.
 */
#include <linux/kprobes.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "arch.h"

#define KS_CALL_OPCODE 0xe8
#define KS_CALL_SIZE 5

unsigned long ks_arch_ftrace_site(struct kprobe *scout)
{
	return kprobe_ftrace(scout) ? (unsigned long)scout->addr : 0;
}

unsigned long ks_arch_call_target(unsigned long addr)
{
	u8 insn[KS_CALL_SIZE];
	s32 rel;

	if (copy_from_kernel_nofault(insn, (void *)addr, sizeof(insn)) ||
	    insn[0] != KS_CALL_OPCODE)
		return 0;
	memcpy(&rel, insn + 1, sizeof(rel));
	return addr + KS_CALL_SIZE + rel;
}
