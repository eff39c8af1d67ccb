# Shared by the role's modules: run the killswitch tool for its JSON, and
# read what is engaged. Ansible ships this to the host with each module.
import json

ENGAGED = "/sys/kernel/security/killswitch/engaged"


def tool(module, *args):
    """(exit status, parsed --json output) of `killswitch <args> --json`; fails the task without JSON."""
    rc, out, err = module.run_command(["killswitch", *args, "--json"])
    try:
        doc = json.loads(out)
    except ValueError:
        module.fail_json(msg="killswitch %s: no JSON (exit %d): %s" % (args[0], rc, (err or out).strip()), rc=rc)
    return rc, doc


def engaged_text():
    """The engaged file, its lines sorted (for diffs); empty without killswitch."""
    try:
        with open(ENGAGED) as f:
            return "".join(sorted(f.readlines()))
    except OSError:
        return ""
