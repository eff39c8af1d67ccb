/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KS_OWN_CODE_H
#define KS_OWN_CODE_H

#include <linux/types.h>

/*
 * killswitch never engages itself: that could take away the way back
 * (disengage_all) until reboot. As a module its code is the module's;
 * built in, it is the text between the two marker objects that Kbuild
 * links first and last (own_text_begin.c, own_text_end.c).
 */
bool ks_own_symbol(const char *name);	/* "symbol" or "module:symbol" */
bool ks_own_text(unsigned long addr);

#ifndef MODULE
void ks_own_text_begin(void);
void ks_own_text_end(void);
#endif

#endif /* KS_OWN_CODE_H */
