// SPDX-License-Identifier: GPL-2.0
/*
 * arm64: what sits at a function's entry. A function ftrace can trace
 * starts (after a BTI landing pad, if any) with the two instructions
 * ftrace_init_nop() leaves there:
 *
 *   mov x9, x30      keep the caller's return address for ftrace_caller
 *   nop              the call site: "bl ftrace_caller" while traced
 *
 * ftrace's record, the ip its handlers get, is the second one. arm64 has
 * no kprobes on ftrace, so the scout kprobe sits on the function's first
 * instruction and the site is found by reading the code.
 */
#include <linux/bitops.h>
#include <linux/kprobes.h>
#include <linux/uaccess.h>
#include <asm/byteorder.h>

#include "arch.h"

#define KS_INSN_SIZE 4
#define KS_INSN_MOV_X9_X30 0xaa1e03e9	/* orr x9, xzr, x30 */
#define KS_INSN_NOP 0xd503201f
#define KS_INSN_BL_MASK 0xfc000000
#define KS_INSN_BL 0x94000000
/* BTI c, BTI j, BTI jc: hints a function may start with. */
#define KS_INSN_BTI_MASK 0xffffff3f
#define KS_INSN_BTI 0xd503241f

static bool ks_insn_at(unsigned long addr, u32 *insn)
{
	__le32 raw;

	if (copy_from_kernel_nofault(&raw, (void *)addr, sizeof(raw)))
		return false;
	*insn = le32_to_cpu(raw);
	return true;
}

unsigned long ks_arch_ftrace_site(struct kprobe *scout)
{
	unsigned long addr = (unsigned long)scout->addr;
	u32 insn;

	if (!ks_insn_at(addr, &insn))
		return 0;
	if ((insn & KS_INSN_BTI_MASK) == KS_INSN_BTI) {
		addr += KS_INSN_SIZE;
		if (!ks_insn_at(addr, &insn))
			return 0;
	}
	if (insn != KS_INSN_MOV_X9_X30)
		return 0;
	addr += KS_INSN_SIZE;
	if (!ks_insn_at(addr, &insn) ||
	    (insn != KS_INSN_NOP && (insn & KS_INSN_BL_MASK) != KS_INSN_BL))
		return 0;
	return addr;
}

unsigned long ks_arch_call_target(unsigned long addr)
{
	u32 insn;

	if (!ks_insn_at(addr, &insn) || (insn & KS_INSN_BL_MASK) != KS_INSN_BL)
		return 0;
	/* imm26, in instructions, signed. */
	return addr + (sign_extend64(insn & ~KS_INSN_BL_MASK, 25) << 2);
}
