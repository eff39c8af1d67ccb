/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The test targets of test_killswitch.c. Global, not static, so that
 * kallsyms has them under these names; declared here because kernels from
 * 6.12 on build with -Wmissing-prototypes.
 */
#ifndef KS_TEST_H
#define KS_TEST_H

int test_killswitch_int(void);
long test_killswitch_long(void);
long test_killswitch_args(long a1, long a2, long a3, long a4, long a5, long a6);
int test_killswitch_notrace(void);
void test_killswitch_void(void);
int test_killswitch_empty(void);

#endif /* KS_TEST_H */
