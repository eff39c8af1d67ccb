/* SPDX-License-Identifier: GPL-2.0 */
/* Under lockdown, killswitch stays loaded while anything is engaged (pin.c). */
#ifndef KS_PIN_H
#define KS_PIN_H

/* Starts watching for lockdown; checks once at once (after engage=). */
void ks_pin_init(void);
void ks_pin_exit(void);

#endif /* KS_PIN_H */
