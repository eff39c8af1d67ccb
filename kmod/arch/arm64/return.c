// SPDX-License-Identifier: GPL-2.0
/*
 * arm64: at a function's first instruction, and at its ftrace call site
 * (ftrace keeps the caller's link register for it), the caller's return
 * address is in the link register, so returning at once is setting x0 and
 * resuming there.
 *
 * Except where a BPF trampoline may share the ftrace site (6.12: ftrace
 * direct calls): ftrace hands it the address we resume at as the function
 * itself, and an fexit program makes the trampoline call that address.
 * Called, the caller's own code after its call would run as a function.
 * So the ftrace path resumes at a stub that is a function, a bare return,
 * with the link register still the caller's. x0 is both the first argument
 * and the return value, and the trampoline restores the arguments before
 * it goes on, so the value holds (unlike on x86, see return_slots.c).
 */
#include <linux/ftrace.h>
#include <linux/kprobes.h>
#include <asm/ptrace.h>

#include "arch.h"

void ks_arch_return_now(struct pt_regs *regs, long retval)
{
	regs_set_return_value(regs, retval);
	instruction_pointer_set(regs, procedure_link_pointer(regs));
}
NOKPROBE_SYMBOL(ks_arch_return_now);

#ifdef CONFIG_HAVE_DYNAMIC_FTRACE_WITH_ARGS
asmlinkage void ks_return_stub(void);

/*
 * Reached by a return (from ftrace's caller, or a BPF trampoline), which
 * BTI does not check; a landing pad all the same, should a kernel ever
 * branch here (a hint: a no-op without BTI).
 */
asm(".pushsection .kprobes.text, \"ax\"\n"
	".type ks_return_stub, %function\n"
	"ks_return_stub:\n"
	"hint 38\n"	/* bti jc */
	"ret\n"
	".size ks_return_stub, .-ks_return_stub\n"
	".popsection\n");

/* 6.2 on: ftrace_regs holds x0-x8, fp, lr, sp and pc, not a pt_regs. */
notrace struct pt_regs *ks_arch_ftrace_regs(struct ftrace_regs *fregs,
					    struct pt_regs *scratch)
{
	return ftrace_partial_regs(fregs, scratch);
}

notrace void ks_arch_ftrace_return_now(struct ftrace_regs *fregs,
				       unsigned long stub, long retval)
{
	ftrace_regs_set_return_value(fregs, retval);
	ftrace_regs_set_instruction_pointer(fregs, (unsigned long)ks_return_stub);
}
#else
/* 6.1: a full pt_regs (FTRACE_OPS_FL_SAVE_REGS, ftrace_engine.c). */
notrace struct pt_regs *ks_arch_ftrace_regs(struct ftrace_regs *fregs,
					    struct pt_regs *scratch)
{
	return &fregs->regs;
}

notrace void ks_arch_ftrace_return_now(struct ftrace_regs *fregs,
				       unsigned long stub, long retval)
{
	ks_arch_return_now(&fregs->regs, retval);
}
#endif

int ks_arch_return_stub_claim(unsigned long *stub)
{
	*stub = 0;
	return 0;
}

void ks_arch_return_stub_release(unsigned long stub)
{
}
