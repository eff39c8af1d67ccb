#!/usr/bin/python3
# Ansible module: engage or disengage one kernel function with killswitch.
# Thin on purpose: `killswitch check --json` decides (safety, the compiler
# clones an engagement covers, the value it resolves to); this compares that
# with what is engaged and maps the answer onto changed / check mode / diff.

DOCUMENTATION = r"""
module: killswitch_function
short_description: Engage or disengage one kernel function with killswitch
description:
  - With state=engaged, runs C(killswitch check --json) first and fails with
    its reasons when the safety rules refuse the engagement or call it unsafe
    (this module never forces); then C(killswitch engage --json).
  - Unchanged when every target is already engaged with the same value and
    condition; fails when it is engaged differently (disengage it first).
  - With state=disengaged, disengages the function and its clones if engaged.
  - In check mode nothing is written.
options:
  function:
    description: The function, or module:function.
    type: str
    required: true
  value:
    description: What it returns (-EPERM, EPERM, -1, NULL, false, ...); the tool's default when omitted.
    type: str
  condition:
    description: Only calls for which this holds (killswitch engage --if).
    type: str
  state:
    description: engaged or disengaged.
    type: str
    choices: [engaged, disengaged]
    default: engaged
  confirm:
    description: With state=engaged, the kernel disengages it after this many seconds unless confirmed (0 for good).
    type: int
    default: 0
"""

import json

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.killswitch_tool import engaged_text, tool


def engaged_lines():
    """The engaged file (sorted) and, for each target, its fields (retval, if, state, ...)."""
    text = engaged_text()
    lines = {}
    for line in text.splitlines():
        head, _, cond = line.partition(" if=")  # the condition is last and may hold spaces
        target, *pairs = head.split(" ")
        fields = dict(p.split("=", 1) for p in pairs if "=" in p)
        if cond:
            fields["if"] = cond
        lines[target] = fields
    return text, lines


def is_clone_of(target, function):
    """target is function or one of its compiler clones (name.isra.0, ...), with the same module prefix."""
    return target == function or target.startswith(function + ".")


def error_text(doc):
    err = doc.get("error") or {}
    return err.get("message") or json.dumps(doc)


def main():
    module = AnsibleModule(
        argument_spec=dict(
            function=dict(type="str", required=True),
            value=dict(type="str"),
            condition=dict(type="str"),
            state=dict(type="str", default="engaged", choices=["engaged", "disengaged"]),
            confirm=dict(type="int", default=0),
        ),
        supports_check_mode=True,
    )
    p = module.params
    fn, check = p["function"], module.check_mode
    before, lines = engaged_lines()
    result = dict(changed=False, function=fn, targets=[])

    if p["state"] == "disengaged":
        targets = sorted(t for t in lines if is_clone_of(t, fn))
        result["targets"] = targets
        if targets and not check:
            rc, doc = tool(module, "disengage", fn)
            if rc != 0:
                module.fail_json(msg="killswitch disengage %s: %s" % (fn, error_text(doc)), **result)
        result["changed"] = bool(targets)
        after = "".join(l for l in before.splitlines(True) if l.split(" ", 1)[0] not in targets)
    else:
        args = [fn] + ([p["value"]] if p["value"] else []) + (["--if", p["condition"]] if p["condition"] else [])
        rc, report = tool(module, "check", *args)
        result["check"] = report
        verdict = report.get("verdict")
        # Exit 1 is "can be engaged, with warnings" (a module not loaded yet, say).
        if rc not in (0, 1) or verdict in ("refused", "unsafe", "not_found") or report.get("error"):
            reasons = [r["message"] for r in report.get("reasons", []) if r["severity"] in ("refused", "unsafe")]
            module.fail_json(msg="killswitch check %s: %s" % (fn, "; ".join(reasons) or report.get(
                "verdict_line") or error_text(report)), **result)
        targets, value, cond = report["targets"], report["value"], report.get("condition")
        result["targets"] = targets
        differ = [t for t in targets if t in lines and (int(lines[t].get("retval", "0")) != value or
                                                          lines[t].get("if") != cond)]
        if differ:
            module.fail_json(msg="%s is already engaged differently (%s); disengage it first" % (
                ", ".join(differ), "; ".join("retval=%s if=%s" % (lines[t].get("retval"), lines[t].get("if"))
                                             for t in differ)), **result)
        todo = [t for t in targets if t not in lines]
        if todo and not check:
            extra = ["--confirm", str(p["confirm"])] if p["confirm"] > 0 else []
            rc, doc = tool(module, "engage", *(args + extra))
            if rc != 0:
                module.fail_json(msg="killswitch engage %s: %s" % (fn, error_text(doc)), **result)
        result["changed"] = bool(todo)
        after = "".join(sorted(before.splitlines(True) + ["%s retval=%d (would engage)\n" % (t, value) for t in todo]))
    if module._diff:
        result["diff"] = dict(before_header="engaged", after_header="engaged", before=before,
                              after=after if check else engaged_text())
    module.exit_json(**result)


if __name__ == "__main__":
    main()
