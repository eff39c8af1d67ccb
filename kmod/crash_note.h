/* SPDX-License-Identifier: GPL-2.0 */
/* What was engaged, in every oops and panic report (crash_note.c). */
#ifndef KS_CRASH_NOTE_H
#define KS_CRASH_NOTE_H

int ks_crash_note_init(void);
void ks_crash_note_exit(void);

#endif /* KS_CRASH_NOTE_H */
