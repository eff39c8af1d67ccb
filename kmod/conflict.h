/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Other users of a function's entry that an engagement cannot share it with:
 * found before the probe is registered, refused with -EBUSY and a log line
 * that names them.
 */
#ifndef KS_CONFLICT_H
#define KS_CONFLICT_H

/*
 * Whether @name ("symbol" or "module:symbol") can be engaged next to what
 * already uses its entry: 0, or -EBUSY (logged) for a kprobe already there
 * (a kprobe event, say) or an attached BPF trampoline (fentry, fexit).
 * Errors of the symbol lookup itself are left to the real registration.
 */
int ks_conflict_check(const char *name);

/*
 * Passes @err from registering the probe at @name through; logs what an
 * -EBUSY means: another ftrace user that moves the instruction pointer,
 * such as a livepatch.
 */
int ks_conflict_explain(const char *name, int err);

#endif /* KS_CONFLICT_H */
