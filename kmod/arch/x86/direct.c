// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64 direct trampolines: code an engaged function's ftrace call site
 * calls in place of ftrace's own caller (direct_engine.c). No registers
 * are saved for a call without a condition, so an engaged call costs a
 * few instructions more than a plain one.
 *
 * Trampoline i serves the engagement of slot i. It sees the stack as the
 * call site left it: the return into the function's body on top, the
 * caller's return address under it.
 *
 *   no condition:  count a hit; monitor or tryengage: return into the body;
 *                  kill: load the value into %rax and return through
 *                  ks_return_stub, which returns to the caller, so every
 *                  call is matched by one return (return prediction stays
 *                  in step).
 *   a condition:   save the argument registers where a pt_regs keeps
 *                  them and ask ks_direct_decide() (handler.c), then as
 *                  above.
 *
 * %r10 and %r11 carry no argument and are dead at a function's entry
 * (ftrace's own caller does not keep them either). The trampolines are in
 * .kprobes.text: nothing probes or traces them.
 */
#include <linux/kprobes.h>
#include <linux/linkage.h>
#include <linux/objtool.h>
#include <linux/ptrace.h>
#include <linux/stringify.h>

#include "arch.h"
#include "engagement.h"
#include "handler.h"

/* Each trampoline is padded to this size: trampoline i is at tramp0 + i * it. */
#define KS_DIRECT_TRAMP_SIZE 80

/* Read by the trampolines; claimed under ks_lock, NULL when free. */
struct ks_engagement *ks_direct_slot[KS_DIRECT_SLOTS];

asmlinkage void ks_direct_tramp0(void);
asmlinkage void ks_return_stub(void);

/*
 * Emitted from a function so the asm can take the structures' offsets as
 * operands; the function itself is never called.
 */
static void __used ks_direct_emit(void)
{
	asm volatile(".pushsection .kprobes.text, \"ax\"\n"
		".macro ks_direct_tramp n\n"
		".type ks_direct_tramp\\n, @function\n"
		"ks_direct_tramp\\n:\n"
		ANNOTATE_NOENDBR
		"movq ks_direct_slot+8*\\n(%%rip), %%r11\n"
		"cmpl $0, %c[cond_n](%%r11)\n"
		"jne ks_direct_cond\n"
		"movq %c[counters](%%r11), %%r10\n"
		"incq %%gs:%c[hits](%%r10)\n"
		"cmpl $%c[kill], %c[mode](%%r11)\n"
		"jne 1f\n"
		"movq %c[retval](%%r11), %%rax\n"
		"leaq ks_return_stub(%%rip), %%r10\n"
		"movq %%r10, (%%rsp)\n"
		"1:\n"
		ASM_RET
		".size ks_direct_tramp\\n, .-ks_direct_tramp\\n\n"
		/* Pads to the size; an error if it outgrew it. */
		".org ks_direct_tramp\\n + " __stringify(KS_DIRECT_TRAMP_SIZE) ", 0xcc\n"
		".endm\n"
		".altmacro\n"
		".balign 16\n"
		".set ks_direct_i, 0\n"
		".rept " __stringify(KS_DIRECT_SLOTS) "\n"
		"ks_direct_tramp %%ks_direct_i\n"
		".set ks_direct_i, ks_direct_i + 1\n"
		".endr\n"
		".noaltmacro\n"

		".type ks_direct_cond, @function\n"
		"ks_direct_cond:\n"
		ANNOTATE_NOENDBR
		"subq $%c[regs_size], %%rsp\n"
		"movq %%rdi, %c[di](%%rsp)\n"
		"movq %%rsi, %c[si](%%rsp)\n"
		"movq %%rdx, %c[dx](%%rsp)\n"
		"movq %%rcx, %c[cx](%%rsp)\n"
		"movq %%r8, %c[r8](%%rsp)\n"
		"movq %%r9, %c[r9](%%rsp)\n"
		"movq %%rax, %c[ax](%%rsp)\n"
		"movq %%r11, %c[r11](%%rsp)\n"
		"movq %%rsp, %%rdi\n"
		"movq %%r11, %%rsi\n"
		"call ks_direct_decide\n"
		"movl %%eax, %%r10d\n"
		"movq %c[r11](%%rsp), %%r11\n"
		"movq %c[ax](%%rsp), %%rax\n"
		"movq %c[r9](%%rsp), %%r9\n"
		"movq %c[r8](%%rsp), %%r8\n"
		"movq %c[cx](%%rsp), %%rcx\n"
		"movq %c[dx](%%rsp), %%rdx\n"
		"movq %c[si](%%rsp), %%rsi\n"
		"movq %c[di](%%rsp), %%rdi\n"
		"addq $%c[regs_size], %%rsp\n"
		"testb %%r10b, %%r10b\n"
		"jnz ks_direct_kill\n"
		ASM_RET
		".size ks_direct_cond, .-ks_direct_cond\n"

		".type ks_direct_kill, @function\n"
		"ks_direct_kill:\n"
		ANNOTATE_NOENDBR
		"movq %c[retval](%%r11), %%rax\n"
		"leaq ks_return_stub(%%rip), %%r10\n"
		"movq %%r10, (%%rsp)\n"
		ASM_RET
		".size ks_direct_kill, .-ks_direct_kill\n"
		".popsection\n"
		:
		: [cond_n] "i" (offsetof(struct ks_engagement, cond.n)),
		  [counters] "i" (offsetof(struct ks_engagement, counters)),
		  [hits] "i" (offsetof(struct ks_counters, hits)),
		  [mode] "i" (offsetof(struct ks_engagement, mode)),
		  [kill] "i" (KS_MODE_KILL),
		  [retval] "i" (offsetof(struct ks_engagement, retval)),
		  [regs_size] "i" (sizeof(struct pt_regs)),
		  [di] "i" (offsetof(struct pt_regs, di)),
		  [si] "i" (offsetof(struct pt_regs, si)),
		  [dx] "i" (offsetof(struct pt_regs, dx)),
		  [cx] "i" (offsetof(struct pt_regs, cx)),
		  [r8] "i" (offsetof(struct pt_regs, r8)),
		  [r9] "i" (offsetof(struct pt_regs, r9)),
		  [ax] "i" (offsetof(struct pt_regs, ax)),
		  [r11] "i" (offsetof(struct pt_regs, r11)));
}

int ks_arch_direct_claim(struct ks_engagement *e, unsigned long *tramp)
{
	int i;

	/* The asm reads these as a 4-byte int and an 8-byte long. */
	BUILD_BUG_ON(sizeof(e->cond.n) != 4 || sizeof(e->mode) != 4);
	BUILD_BUG_ON(sizeof(e->retval) != 8);
	lockdep_assert_held(&ks_lock);
	for (i = 0; i < KS_DIRECT_SLOTS; i++) {
		if (!READ_ONCE(ks_direct_slot[i])) {
			WRITE_ONCE(ks_direct_slot[i], e);
			*tramp = (unsigned long)ks_direct_tramp0 +
				 i * KS_DIRECT_TRAMP_SIZE;
			return i;
		}
	}
	return -ENOSPC;
}

void ks_arch_direct_point(int slot, struct ks_engagement *e)
{
	WRITE_ONCE(ks_direct_slot[slot], e);
}

void ks_arch_direct_release(int slot)
{
	/* Only a claim under ks_lock makes a free slot taken again. */
	WRITE_ONCE(ks_direct_slot[slot], NULL);
}
