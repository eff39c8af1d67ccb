#!/usr/bin/env python3
"""The published JSON schemas (docs/json-schema/) against what the tool
prints: each document below, from the killswitch binary on the unit tests'
fixture tree, must validate; and the schemas must reject a document that
breaks them, so the check can fail. Uses Debian's python3-jsonschema."""
import json
import pathlib
import subprocess
import sys
import warnings

import jsonschema

tool, root, source = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])
schemas = {p.name: json.loads(p.read_text()) for p in (source / "docs/json-schema").glob("*.json")}
warnings.simplefilter("ignore", DeprecationWarning)  # RefResolver, kept for python3-jsonschema 4.10


def validator(name):
    store = {s["$id"]: s for s in schemas.values()}
    store.update({n: s for n, s in schemas.items()})
    resolver = jsonschema.RefResolver(base_uri=schemas[name]["$id"], referrer=schemas[name], store=store)
    return jsonschema.Draft202012Validator(schemas[name], resolver=resolver)


def document(args):
    run = subprocess.run([tool, "--root", root, *args], capture_output=True, text=True)
    return json.loads(run.stdout)


failed = False
cases = [
    ("status.schema.json", ["status", "--json"]),
    ("document.schema.json", ["status", "--json"]),
    ("document.schema.json", ["check", "af_alg_sendmsg", "-EPERM", "--json"]),
    ("document.schema.json", ["profiles", "show", "/missing.toml", "--json"]),
    ("document.schema.json", ["profiles", "lst", "--json"]),
    ("document.schema.json", ["engage", "no_such_function_here", "--json"]),
    ("document.schema.json", ["disengage", "af_alg_sendmsg", "--json"]),
    ("document.schema.json", ["apply", "/nonexistent", "--json"]),
]
for schema, args in cases:
    doc = document(args)
    errors = list(validator(schema).iter_errors(doc))
    print(("FAIL" if errors else "ok") + f": {' '.join(args)} against {schema}")
    for e in errors:
        print(f"  {list(e.path)}: {e.message}")
    failed = failed or bool(errors)

# The schemas can fail: a document that breaks each is rejected.
bad = document(["status", "--json"])
bad["version"] = 2
del bad["versions"]
if validator("status.schema.json").is_valid(bad):
    print("FAIL: status.schema.json accepted a broken document")
    failed = True
broken_error = {"version": 1, "error": {"code": "oops", "message": ""}}
if validator("document.schema.json").is_valid(broken_error):
    print("FAIL: document.schema.json accepted a broken error")
    failed = True
sys.exit(1 if failed else 0)
