/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The test targets of killswitch_test.c. Global, not static, so that
 * kallsyms has them under these names; declared here because kernels from
 * 6.12 on build with -Wmissing-prototypes.
 */
#ifndef KS_TEST_H
#define KS_TEST_H

int killswitch_test_int(void);
long killswitch_test_long(void);
long killswitch_test_args(long a1, long a2, long a3, long a4, long a5, long a6);
int killswitch_test_notrace(void);
void killswitch_test_void(void);
int killswitch_test_empty(void);

#endif /* KS_TEST_H */
