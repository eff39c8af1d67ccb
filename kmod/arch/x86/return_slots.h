/* SPDX-License-Identifier: GPL-2.0 */
/* Return stubs that load their own value (return_slots.c). */
#ifndef KS_RETURN_SLOTS_H
#define KS_RETURN_SLOTS_H

/*
 * Stores @retval in the slot of @stub when it is a slot's stub (from
 * ks_arch_return_stub_claim()); does nothing for any other address. For
 * the hot path: no lookup.
 */
void ks_arch_return_slot_set(unsigned long stub, long retval);

#endif /* KS_RETURN_SLOTS_H */
