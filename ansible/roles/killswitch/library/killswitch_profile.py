#!/usr/bin/python3
# Ansible module: apply, revert, confirm or check killswitch mitigation
# profiles on a host. Thin on purpose: the killswitch tool decides (need,
# safety, idempotence) and reports as JSON; this maps its report onto
# Ansible's changed / failed / check mode / diff.

DOCUMENTATION = r"""
module: killswitch_profile
short_description: Apply, revert, confirm or check killswitch mitigation profiles
description:
  - Runs C(killswitch apply|revert|confirm --json) and reports what changed.
  - In check mode it runs C(--dry-run) and changes nothing.
  - A profile the running kernel does not need is reported in C(not_needed)
    and left alone.
options:
  profiles:
    description: Profile ids (CVE-...) of the installed catalog, or profile files on the host.
    type: list
    elements: str
    default: []
  state:
    description: applied, reverted, confirmed (keep what an earlier C(confirm) run engaged), or checked (report only).
    type: str
    choices: [applied, reverted, confirmed, checked]
    default: applied
  confirm:
    description: With state=applied, the kernel disengages what this run engages after this many seconds unless confirmed (0 for good).
    type: int
    default: 0
  persist:
    description: Also keep it across reboots (killswitch persist), or, with state=reverted, stop doing so (unpersist).
    type: bool
    default: false
"""

import os

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.killswitch_tool import engaged_text as engaged, tool

PERSIST_DIR = "/etc/killswitch/profiles.d"


def persisted():
    try:
        return sorted(n[:-5] for n in os.listdir(PERSIST_DIR) if n.endswith(".toml"))
    except OSError:
        return []


def predicted(before, results):
    """The engaged file as a dry run says it would become."""
    actions = {t["function"]: t.get("action") for r in results for t in r.get("targets", [])}
    kept = [line for line in before.splitlines(True) if actions.get(line.split(" ", 1)[0]) != "would disengage"]
    added = ["%s (would engage)\n" % f for f, a in actions.items() if a == "would engage"]
    return "".join(sorted(kept + added))


def profile_id(name, results):
    """The id of a profile named by id or by file, from the tool's report."""
    for r in results:
        if name in (r.get("id"), r.get("source")):
            return r["id"]
    return os.path.basename(name)[:-5] if name.endswith(".toml") else name


def main():
    module = AnsibleModule(
        argument_spec=dict(
            profiles=dict(type="list", elements="str", default=[]),
            state=dict(type="str", default="applied", choices=["applied", "reverted", "confirmed", "checked"]),
            confirm=dict(type="int", default=0),
            persist=dict(type="bool", default=False),
        ),
        supports_check_mode=True,
    )
    p = module.params
    state, names, check = p["state"], p["profiles"], module.check_mode
    before = engaged()
    result = dict(changed=False, not_needed=[], applied=[], reverted=[], confirmed=[], persisted=[],
                  unpersisted=[], results=[])

    if state == "confirmed":
        if check:
            result["changed"] = "timeout_left=" in before
        else:
            rc, doc = tool(module, "confirm")
            result["confirmed"] = doc.get("done", [])
            result["changed"] = bool(result["confirmed"])
            if rc != 0:
                module.fail_json(msg="killswitch confirm: %s" % doc.get("errors"), **result)
        module.exit_json(**result)

    if not names:
        module.fail_json(msg="name at least one profile")
    verb = "revert" if state == "reverted" else "apply"
    # What would happen, decided by the tool; nothing is written.
    rc, plan = tool(module, verb, "--dry-run", *names)
    result["kernel"] = plan.get("kernel")
    results = plan.get("results", [])
    result["results"] = results
    result["not_needed"] = [r["id"] for r in results if r["outcome"] == "not-applicable"]
    # What this host needs and has not yet: the apply would engage it, or
    # fails only because killswitch.ko is not loaded yet.
    result["needed"] = [r["id"] for r in results if r["outcome"] in ("would-apply", "already-applied", "failed")]
    if state == "checked":
        module.exit_json(**result)
    if plan.get("errors") or [r for r in results if r["outcome"] == "failed"]:
        module.fail_json(msg="killswitch %s refuses: %s" % (verb, "; ".join(
            [e.get("what", str(e)) for e in plan.get("errors", [])] +
            ["%s: %s" % (r["id"], r["reason"]) for r in results if r["outcome"] == "failed"])), **result)

    keep = [r["id"] for r in results if r["outcome"] in ("would-apply", "already-applied")]
    result.pop("needed")
    now_persisted = persisted()
    if state == "applied":
        todo = [r["id"] for r in results if r["outcome"] == "would-apply"]
        to_persist = [i for i in keep if p["persist"] and i not in now_persisted]
    else:  # a dry-run revert says "reverted" for what it would disengage
        todo = [r["id"] for r in results if r["outcome"] == "reverted"]
        to_persist = []
    ids = [profile_id(n, results) for n in names]
    to_unpersist = [i for i in ids if state == "reverted" and p["persist"] and i in now_persisted]
    result["changed"] = bool(todo or to_persist or to_unpersist)

    if not check:
        wanted = [n for n in names if profile_id(n, results) in todo]
        if wanted:
            args = [verb] + (["--confirm", str(p["confirm"])] if state == "applied" and p["confirm"] > 0 else [])
            rc, done = tool(module, *(args + wanted))
            result["results"] = done.get("results", [])
            if rc != 0 or done.get("failed"):
                module.fail_json(msg="killswitch %s failed: %s" % (verb, "; ".join(
                    "%s: %s" % (r["id"], r["reason"]) for r in done.get("results", []) if r["outcome"] == "failed")),
                    **result)
        for group, cmd in ((to_persist, "persist"), (to_unpersist, "unpersist")):
            files = [n for n in names if profile_id(n, results) in group]
            if files:
                rc, out, err = module.run_command(["killswitch", cmd] + files)
                if rc != 0:
                    module.fail_json(msg="killswitch %s: %s" % (cmd, (err or out).strip()), **result)
    result["applied" if state == "applied" else "reverted"] = todo
    result["persisted"], result["unpersisted"] = to_persist, to_unpersist
    if module._diff:
        result["diff"] = dict(before_header="engaged", after_header="engaged", before=before,
                              after=engaged() if not check else predicted(before, results))
    module.exit_json(**result)


if __name__ == "__main__":
    main()
