// SPDX-License-Identifier: GPL-2.0
/*
 * Which functions are killswitch's own (own_code.h). The engine asks
 * twice: by name before it looks anything up, and by address once the
 * function is found, whatever name it was asked by.
 */
#include <linux/kallsyms.h>
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/string.h>

#include "own_code.h"

#ifdef MODULE
/* Whether this module (killswitch.ko) has a symbol of that name. */
static bool ks_module_has_symbol(const char *symbol)
{
	const struct mod_kallsyms *syms;
	bool found = false;
	unsigned int i;

	rcu_read_lock();
	syms = rcu_dereference(THIS_MODULE->kallsyms);
	for (i = 0; syms && i < syms->num_symtab && !found; i++)
		found = strcmp(syms->strtab + syms->symtab[i].st_name, symbol) == 0;
	rcu_read_unlock();
	return found;
}

bool ks_own_symbol(const char *name)
{
	const char *colon = strchr(name, ':');

	return ks_module_has_symbol(colon ? colon + 1 : name) &&
	       (!colon || strncmp(name, THIS_MODULE->name, colon - name) == 0);
}

bool ks_own_text(unsigned long addr)
{
	return within_module(addr, THIS_MODULE);
}
#else
/*
 * Built in, every object of ours is linked between the two markers, and
 * Kbuild keeps the compiler from moving any part of a function into
 * another text section (no .text.unlikely, no .cold), so the range holds
 * all of it. __init code is gone after boot and cannot be engaged.
 */
bool ks_own_text(unsigned long addr)
{
	return addr >= (unsigned long)ks_own_text_begin &&
	       addr < (unsigned long)ks_own_text_end;
}

bool ks_own_symbol(const char *name)
{
	const char *colon = strchr(name, ':');

	/* No module of killswitch's name can load beside the built-in one. */
	if (colon)
		return colon - name == strlen(KBUILD_MODNAME) &&
		       strncmp(name, KBUILD_MODNAME, colon - name) == 0;
	return ks_own_text(kallsyms_lookup_name(name));
}
#endif
