/* SPDX-License-Identifier: GPL-2.0 */
/* Who asked for a change, for the log line that records it. */
#ifndef KS_CALLER_H
#define KS_CALLER_H

#include <linux/types.h>

#define KS_CALLER_MAX 128

/* "uid=0 auid=1000 ses=3 pid=812 comm=sh" for the current task. */
void ks_describe_caller(char *buf, size_t len);

#endif /* KS_CALLER_H */
