/* SPDX-License-Identifier: GPL-2.0 */
/* Symbolic errno names ("EPERM") and their values, both ways. */
#ifndef KS_ERRNO_NAMES_H
#define KS_ERRNO_NAMES_H

#include "shim.h"

/* The value of an errno name such as "EPERM" (positive), or 0 if unknown. */
int ks_errno_value(const char *name);

/* The name of a positive errno value, or NULL if it has none here. */
const char *ks_errno_name(int value);

#endif /* KS_ERRNO_NAMES_H */
