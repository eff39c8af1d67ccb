/* SPDX-License-Identifier: GPL-2.0 */
/* The handlers of both engines (handler.c), installed by engine.c. */
#ifndef KS_HANDLER_H
#define KS_HANDLER_H

struct ftrace_ops;
struct ftrace_regs;
struct ks_engagement;
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

/* The same for the ftrace engine, at the engaged call site @ip. */
void ks_ftrace_handler(unsigned long ip, unsigned long parent_ip,
		       struct ftrace_ops *ops, struct ftrace_regs *fregs);

/*
 * For a direct trampoline (arch.h) whose engagement @e has a condition:
 * tests it against the argument registers in @regs (only those are saved)
 * and counts the call. Whether the call is to return at once.
 */
bool ks_direct_decide(struct pt_regs *regs, struct ks_engagement *e);

#endif /* KS_HANDLER_H */
