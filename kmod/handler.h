/* SPDX-License-Identifier: GPL-2.0 */
/* The kprobe handlers (handler.c), installed by probe.c. */
#ifndef KS_HANDLER_H
#define KS_HANDLER_H

struct kprobe;
struct pt_regs;

/*
 * Counts the call as a hit or a pass and, when the engagement kills and its
 * condition holds, returns to the caller with the engagement's value.
 * No lock, no allocation: callable in any context.
 */
int ks_pre_handler(struct kprobe *kp, struct pt_regs *regs);
/* Empty, but its presence matters (see handler.c). */
void ks_post_handler(struct kprobe *kp, struct pt_regs *regs,
		     unsigned long flags);

#endif /* KS_HANDLER_H */
