// SPDX-License-Identifier: GPL-2.0
/*
 * The one way an engagement goes live, at engage and when its module
 * loads: attach the engine, not live (which tells where the function
 * lives), read what it returns from that object's BTF and where that
 * object stores it (partner.h), judge the value, and only then let the
 * engine run. So no call is ever short-circuited with
 * a value the rules have not seen against the function's real type.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include "arm.h"
#include "btf_file.h"
#include "conflict.h"
#include "engagement.h"
#include "engine.h"
#include "partner.h"

int ks_arm_judged(struct ks_engagement *e, struct ks_verdict *verdict)
{
	bool short_circuits = READ_ONCE(e->mode) != KS_MODE_MONITOR;
	bool searched;
	int err;

	lockdep_assert_held(&ks_lock);
	verdict->rule = KS_RULE_ACCEPTED;
	verdict->entry = NULL;
	err = ks_engine_attach(e);
	if (err)
		return err;
	e->type.kind = KS_RET_UNKNOWN;
	e->type.size = 0;
	e->partner[0] = '\0';
	if (short_circuits) {
		err = ks_btf_function_type(e->module, e->symbol, &e->type);
		if (err)
			goto out_disarm;
	}
	err = ks_check_safety(e->symbol, short_circuits, e->retval, &e->type,
			      verdict);
	if (err)
		goto out_disarm;
	if (short_circuits) {
		/* Searched once the value passed: the only costly rule. */
		err = ks_partner_find(e, e->partner);
		searched = err == 0;
		if (!searched)
			pr_warn("%s: where it is stored could not be searched (error %d)\n",
				e->target, err);
		err = ks_check_partner(e->symbol, short_circuits,
				       searched ? e->partner : NULL, verdict);
		if (err)
			goto out_disarm;
	}
	return 0;

out_disarm:
	ks_disarm(e);
	return err;
}

int ks_arm(struct ks_engagement *e, struct ks_verdict *verdict)
{
	int err = ks_arm_judged(e, verdict);

	if (err)
		return err;
	err = ks_engine_enable(e);
	if (err)
		ks_disarm(e);
	return err;
}

void ks_arm_done(void)
{
	lockdep_assert_held(&ks_lock);
	ks_sites_release();
	ks_btf_release();
}
