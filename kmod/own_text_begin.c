// SPDX-License-Identifier: GPL-2.0
/*
 * Built in, the first object of killswitch: its one function marks where
 * killswitch's text begins (own_code.c). Never called.
 */
#include "own_code.h"

void ks_own_text_begin(void)
{
}
