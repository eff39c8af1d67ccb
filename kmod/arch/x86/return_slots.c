// SPDX-License-Identifier: GPL-2.0
/*
 * Return stubs that carry their own value. The plain stub returns whatever
 * is in %rax, which the handler set; but a BPF trampoline on the same
 * function (fentry, fexit) runs between the handler and the stub, and it
 * does not keep %rax: the caller would get a garbage value. So every
 * engagement that may return early on an ftrace call site holds a slot:
 * the value, and a stub of its own that loads it:
 *
 *   ks_slot_stub<i>: endbr64; movq ks_slot_value+8*i(%rip), %rax; ret
 *
 * The ENDBR is there because a BPF trampoline with an fexit program calls
 * the stub, an indirect call, which indirect branch tracking (6.12) checks.
 *
 * There is a slot for every engagement there can be, so a claim never
 * fails for want of one. A released slot is not reused at once: a call
 * the handler sent to its stub may still be on its way (preempted, or in a
 * sleepable BPF program). Released slots are freed together, after the
 * grace periods that wait for such calls, only when a claim finds none
 * free: the wait is paid rarely and by the write that needs the slot.
 *
 * The stubs live in .kprobes.text, so nothing probes them. All of this is
 * under ks_lock.
 */
#include <linux/bitmap.h>
#include <linux/build_bug.h>
#include <linux/kprobes.h>
#include <linux/linkage.h>
#include <linux/stringify.h>
#include <asm/ibt.h>

#include "arch.h"
#include "return_slots.h"
#include "uapi/killswitch.h"

#define KS_SLOTS 1024
/* Each stub is padded to this size, so stub i is at ks_slot_stub0 + i * it. */
#define KS_SLOT_STUB_SIZE 16

/* Claimed, or released and maybe still read (then also in ks_slot_released). */
static DECLARE_BITMAP(ks_slot_taken, KS_SLOTS);
static DECLARE_BITMAP(ks_slot_released, KS_SLOTS);
/* Read by the stubs (asm), so neither static nor unused to the compiler. */
long ks_slot_value[KS_SLOTS];

asm(".pushsection .kprobes.text, \"ax\"\n"
	".macro ks_slot_stub n\n"
	".balign " __stringify(KS_SLOT_STUB_SIZE) "\n"
	".type ks_slot_stub\\n, @function\n"
	"ks_slot_stub\\n:\n"
	ASM_ENDBR
	"movq ks_slot_value+8*\\n(%rip), %rax\n"
	ASM_RET
	".size ks_slot_stub\\n, .-ks_slot_stub\\n\n"
	/*
	 * ENDBR, the load and a return thunk's jump fill it exactly; padded
	 * with no-ops to the next stub, and a stub that outgrew its size
	 * stops the build here ("attempt to move .org backwards").
	 */
	".balign " __stringify(KS_SLOT_STUB_SIZE) "\n"
	".org ks_slot_stub\\n + " __stringify(KS_SLOT_STUB_SIZE) "\n"
	".endm\n"
	".altmacro\n"
	".set ks_slot_i, 0\n"
	".rept " __stringify(KS_SLOTS) "\n"
	"ks_slot_stub %ks_slot_i\n"
	".set ks_slot_i, ks_slot_i + 1\n"
	".endr\n"
	".noaltmacro\n"
	".popsection\n");

asmlinkage void ks_slot_stub0(void);

static __always_inline unsigned long ks_slot_of_stub(unsigned long stub)
{
	/* Unsigned: an address below the first stub wraps and fails too. */
	return (stub - (unsigned long)ks_slot_stub0) / KS_SLOT_STUB_SIZE;
}

/* Frees the released slots once no call can still be on its way to one. */
static void ks_slots_settle(void)
{
	ks_wait_return_stub_leavers();
	bitmap_andnot(ks_slot_taken, ks_slot_taken, ks_slot_released, KS_SLOTS);
	bitmap_zero(ks_slot_released, KS_SLOTS);
}

int ks_arch_return_stub_claim(unsigned long *stub)
{
	unsigned long slot;

	BUILD_BUG_ON(KS_SLOTS < KS_MAX_ENGAGEMENTS);
	slot = find_first_zero_bit(ks_slot_taken, KS_SLOTS);
	if (slot >= KS_SLOTS && !bitmap_empty(ks_slot_released, KS_SLOTS)) {
		ks_slots_settle();
		slot = find_first_zero_bit(ks_slot_taken, KS_SLOTS);
	}
	if (slot >= KS_SLOTS)
		return -ENOSPC;
	__set_bit(slot, ks_slot_taken);
	WRITE_ONCE(ks_slot_value[slot], 0);
	*stub = (unsigned long)ks_slot_stub0 + slot * KS_SLOT_STUB_SIZE;
	return 0;
}

void ks_arch_return_stub_release(unsigned long stub)
{
	unsigned long slot = ks_slot_of_stub(stub);

	if (slot < KS_SLOTS)
		__set_bit(slot, ks_slot_released);
}

notrace void ks_arch_return_slot_set(unsigned long stub, long retval)
{
	unsigned long slot = ks_slot_of_stub(stub);

	if (slot < KS_SLOTS)
		WRITE_ONCE(ks_slot_value[slot], retval);
}
NOKPROBE_SYMBOL(ks_arch_return_slot_set);
