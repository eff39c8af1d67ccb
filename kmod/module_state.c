// SPDX-License-Identifier: GPL-2.0
#include <linux/namei.h>
#include <linux/path.h>
#include <linux/slab.h>

#include "module_state.h"

bool ks_module_loaded(const char *name)
{
	struct path path;
	char *file;
	int err;

	file = kasprintf(GFP_KERNEL, "/sys/module/%s/initstate", name);
	if (!file)
		return true;	/* cannot tell: do not make it pending */
	err = kern_path(file, LOOKUP_FOLLOW, &path);
	kfree(file);
	if (err)
		return false;
	path_put(&path);
	return true;
}
