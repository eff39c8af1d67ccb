#!/usr/bin/env python3
"""The catalog's table in docs/profiles.md, written from profiles/*.toml.

  catalog-table.py          rewrite the table between its markers
  catalog-table.py --check  exit 1 when the table is not what the catalog says

One row per profile: the CVE, the part of the kernel, each function with
its value (and condition), what it breaks (first sentence), the first
fixed Debian package of each of Debian 12's two series (or the mainline
release that had the fix before the series began), and the kernels its
proof runs on: every Debian kernel of vm/kernels. A profile with a [proof]
is proven there by guest.CatalogProofTest (the test fails on one that lacks
its functions); Dirty Frag, without one, by DirtyFragProfileTest's ESP test,
which runs with the backbone on each of them.
"""
import pathlib
import sys
import tomllib

TOP = pathlib.Path(__file__).resolve().parent.parent
DOC = TOP / "docs" / "profiles.md"
BEGIN = "<!-- catalog table: scripts/catalog-table.py writes it -->"
END = "<!-- end of catalog table -->"


def cell(text):
    return " ".join(text.split()).replace("|", "\\|")


def first_sentence(text):
    text = " ".join(text.split())
    return text.split(". ")[0].rstrip(".")


def fixed_in(profile, series):
    fixed = profile.get("fixed", {})
    for version in fixed.get("debian", []):
        if version.startswith(series + "."):
            return version
    mainline = fixed.get("mainline")
    if mainline and tuple(map(int, mainline.split("."))) <= tuple(map(int, series.split("."))):
        return f"never (mainline {mainline})"
    return "?"


def debian_kernels():
    """(series, arch) of vm/kernels' Debian lines, the default first."""
    kernels = []
    for line in (TOP / "vm" / "kernels").read_text().splitlines():
        fields = line.split()
        if fields and not line.startswith("#") and fields[2] != "-":
            kernels.append((fields[0], fields[1]))
    return kernels


def proven_on(profile, kernels):
    return ", ".join(f"{series} {arch}" for series, arch in kernels)


def row(profile, kernels):
    targets = "<br>".join(
        f"`{t['function']}` → `{t['value']}`" + (f" if `{t['condition']}`" if t.get("condition") else "")
        for t in profile["target"])
    return "| {} | {} | {} | {} | {} | {} | {} |".format(
        profile["id"], profile.get("subsystem", ""), targets, cell(first_sentence(profile["behaviour"]["breaks"])),
        fixed_in(profile, "6.1"), fixed_in(profile, "6.12"), proven_on(profile, kernels))


def table():
    profiles = [tomllib.loads(p.read_text()) for p in sorted((TOP / "profiles").glob("*.toml"))]
    kernels = debian_kernels()
    lines = ["| CVE | subsystem | function → value | breaks | fixed 6.1 | fixed 6.12 | proven on |",
             "|---|---|---|---|---|---|---|"]
    lines += [row(p, kernels) for p in profiles]
    return "\n".join(lines)


def main():
    doc = DOC.read_text()
    start, end = doc.index(BEGIN) + len(BEGIN), doc.index(END)
    wanted = doc[:start] + "\n" + table() + "\n" + doc[end:]
    if "--check" in sys.argv[1:]:
        if wanted != doc:
            sys.exit("docs/profiles.md: the catalog table is not what profiles/ says; run scripts/catalog-table.py")
        return
    DOC.write_text(wanted)


if __name__ == "__main__":
    main()
