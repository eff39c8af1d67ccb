// SPDX-License-Identifier: GPL-2.0
/*
 * Return stubs that carry their own value. The plain stub returns whatever
 * is in %rax, which the probe handler set; but a BPF trampoline on the same
 * function (fentry, fexit) runs between the handler and the stub, and it
 * does not keep %rax: the caller would get a garbage value. So each probed
 * address gets a slot (claimed on its first early return, lock-free, never
 * released) holding the value, and a stub of its own that loads it:
 *
 *   ks_slot_stub<i>: movq ks_slot_value+8*i(%rip), %rax; ret
 *
 * The stubs live in .kprobes.text, so nothing probes them. When all slots
 * are taken, the plain stub is used (correct without a BPF trampoline).
 */
#include <linux/atomic.h>
#include <linux/hash.h>
#include <linux/kprobes.h>
#include <linux/linkage.h>
#include <linux/objtool.h>
#include <linux/stringify.h>

#include "arch.h"
#include "return_slots.h"

#define KS_SLOT_BITS 10
#define KS_SLOTS (1 << KS_SLOT_BITS)
/* Each stub is padded to this size, so stub i is at ks_slot_stub0 + i * it. */
#define KS_SLOT_STUB_SIZE 16
/* Slots looked at from the hashed one before giving up. */
#define KS_SLOT_PROBES 32

static unsigned long ks_slot_owner[KS_SLOTS];
/* Read by the stubs (asm), so neither static nor unused to the compiler. */
long ks_slot_value[KS_SLOTS];

asm(".pushsection .kprobes.text, \"ax\"\n"
	".macro ks_slot_stub n\n"
	".balign " __stringify(KS_SLOT_STUB_SIZE) "\n"
	".type ks_slot_stub\\n, @function\n"
	"ks_slot_stub\\n:\n"
	ANNOTATE_NOENDBR
	"movq ks_slot_value+8*\\n(%rip), %rax\n"
	ASM_RET
	".size ks_slot_stub\\n, .-ks_slot_stub\\n\n"
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

/* The slot of @key (claimed now if need be), or -1 when none is free. */
static int ks_slot_of(unsigned long key)
{
	unsigned int start = hash_long(key, KS_SLOT_BITS);
	unsigned int i;

	for (i = 0; i < KS_SLOT_PROBES; i++) {
		unsigned int slot = (start + i) & (KS_SLOTS - 1);
		unsigned long owner = READ_ONCE(ks_slot_owner[slot]);

		if (owner == key)
			return slot;
		if (!owner) {
			owner = cmpxchg(&ks_slot_owner[slot], 0, key);
			if (!owner || owner == key)
				return slot;
		}
	}
	return -1;
}
NOKPROBE_SYMBOL(ks_slot_of);

unsigned long ks_arch_return_slot(unsigned long key, long retval)
{
	int slot = ks_slot_of(key);

	if (slot < 0)
		return 0;
	WRITE_ONCE(ks_slot_value[slot], retval);
	return (unsigned long)ks_slot_stub0 + slot * KS_SLOT_STUB_SIZE;
}
NOKPROBE_SYMBOL(ks_arch_return_slot);

notrace void ks_arch_return_slot_set(unsigned long stub, long retval)
{
	unsigned long slot = (stub - (unsigned long)ks_slot_stub0) / KS_SLOT_STUB_SIZE;

	/* Unsigned: an address below the first stub wraps and fails too. */
	if (slot < KS_SLOTS)
		WRITE_ONCE(ks_slot_value[slot], retval);
}
NOKPROBE_SYMBOL(ks_arch_return_slot_set);
