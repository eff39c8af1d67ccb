// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64: at a function's first instruction the stack top is the caller's
 * return address, so a bare return lands in the caller. The stub is that
 * return, built the way the kernel builds its own (a return thunk under
 * CONFIG_RETHUNK), and it is never probed or traced itself.
 */
#include <linux/kprobes.h>
#include <linux/linkage.h>
#include <linux/objtool.h>
#include <asm/ftrace.h>
#include <asm/ptrace.h>

#include "arch.h"
#include "compat.h"
#include "return_slots.h"

asmlinkage void ks_return_stub(void);

asm(".text\n"
	".type ks_return_stub, @function\n"
	".globl ks_return_stub\n"
	"ks_return_stub:\n"
	ANNOTATE_NOENDBR
	ASM_RET
	".size ks_return_stub, .-ks_return_stub\n");
NOKPROBE_SYMBOL(ks_return_stub);

/*
 * The kprobe engine's: its functions have no ftrace call site, so no BPF
 * trampoline can run between the probe and the stub, and %rax holds.
 */
void ks_arch_return_now(struct pt_regs *regs, long retval)
{
	regs_set_return_value(regs, retval);
	instruction_pointer_set(regs, (unsigned long)ks_return_stub);
}
NOKPROBE_SYMBOL(ks_arch_return_now);

void ks_arch_skip_ftrace_site(struct pt_regs *regs, unsigned long site)
{
	instruction_pointer_set(regs, site + MCOUNT_INSN_SIZE);
}
NOKPROBE_SYMBOL(ks_arch_skip_ftrace_site);

notrace struct pt_regs *ks_arch_ftrace_regs(struct ftrace_regs *fregs,
					    struct pt_regs *scratch)
{
	/*
	 * x86_64: ftrace_regs is a pt_regs whose argument registers, ip and sp
	 * are always saved, even without FTRACE_OPS_FL_SAVE_REGS.
	 */
	return ks_ftrace_regs_pt_regs(fregs);
}

notrace void ks_arch_ftrace_return_now(struct ftrace_regs *fregs,
				       unsigned long stub, long retval)
{
	/* The slot's stub loads it again, after whatever ran in between. */
	ks_ftrace_regs_pt_regs(fregs)->ax = retval;
	ks_arch_return_slot_set(stub, retval);
	/*
	 * ftrace returns to this ip with the stack as the function found it,
	 * so the stub's return lands in the caller (as a livepatch lands in
	 * its new function).
	 */
	instruction_pointer_set(ks_ftrace_regs_pt_regs(fregs), stub);
}
