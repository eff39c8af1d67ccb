/* SPDX-License-Identifier: GPL-2.0 */
/* One write to control, one transaction (batch.c). */
#ifndef KS_BATCH_H
#define KS_BATCH_H

#include <linux/types.h>

struct ks_caller;

/*
 * Carries out the commands of @buf (@count bytes and a NUL, one command a
 * line, cut in place) for @who, all or none. 0, or the error of the first
 * line that failed, with nothing changed: -EINVAL when any line is
 * malformed; else the line's own error (engage.h).
 */
int ks_batch_run(char *buf, size_t count, const struct ks_caller *who);

#endif /* KS_BATCH_H */
