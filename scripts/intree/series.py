#!/usr/bin/env python3
"""Writes the in-tree patch series for one of Debian's kernel source trees.

    series.py <linux-source tarball> <series: 6.1 or 6.12> <output directory> [<export dir>]

The series is made from this repository, not kept beside it: the core
files are kmod/'s (kernel/killswitch/), the test module is kmod/test/'s
(lib/test_killswitch.c), the rest comes from intree/ (Kconfig, docs,
selftests, commit messages). Each patch is one commit in a small git
tree holding only the files the series touches, and `git format-patch`
writes them out. Only that tree is unpacked, so this takes seconds. With
an export directory, the files as the series leaves them are copied
there too (scripts/intree/build-kernel.sh lays them over a whole tree).
"""
import os
import re
import shutil
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KMOD = os.path.join(TOP, "kmod")
INTREE = os.path.join(TOP, "intree")

# What Kbuild's feature tests (kmod/Kbuild) find in each series' headers;
# the in-tree files take that side only (unifdef).
FEATURES = {
    "6.1": ["-UKS_HAVE_LINUX_UNALIGNED", "-DKS_HAVE_FTRACE_DIRECT_MULTI", "-UKS_HAVE_MODULE_MEMORY"],
    "6.12": ["-DKS_HAVE_LINUX_UNALIGNED", "-UKS_HAVE_FTRACE_DIRECT_MULTI", "-DKS_HAVE_MODULE_MEMORY"],
}
# Built in: the out-of-tree module's branches go.
BUILTIN = ["-DCONFIG_KILLSWITCH", "-UMODULE"]


def die(msg):
    sys.stderr.write("series: %s\n" % msg)
    sys.exit(1)


def run(cwd, *cmd, env=None):
    subprocess.run(cmd, cwd=cwd, check=True, env=env)


def read(tree, path):
    with open(os.path.join(tree, path)) as f:
        return f.read()


def write(tree, path, text):
    full = os.path.join(tree, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write(text)


def insert(tree, path, anchor, text, after=True):
    """Inserts @text before or after the first line matching @anchor."""
    lines = read(tree, path).split("\n")
    for i, line in enumerate(lines):
        if re.search(anchor, line):
            at = i + 1 if after else i
            lines[at:at] = text.rstrip("\n").split("\n")
            write(tree, path, "\n".join(lines))
            return
    die("%s: no line matches %r" % (path, anchor))


def replace(tree, path, old, new):
    text = read(tree, path)
    if old not in text:
        die("%s: %r not found" % (path, old))
    write(tree, path, text.replace(old, new, 1))


# --- the edits of files the kernel already has, one function per patch ---

def edit_taint(tree, series):
    replace(tree, "include/linux/panic.h",
            "#define TAINT_FLAGS_COUNT\t\t19",
            "#define TAINT_KILLSWITCH\t\t19\n#define TAINT_FLAGS_COUNT\t\t20")
    if series == "6.1":
        insert(tree, "kernel/panic.c", r"\[ TAINT_TEST \]",
               "\t[TAINT_KILLSWITCH]\t\t= { 'Z', ' ', false },")
    else:
        insert(tree, "kernel/panic.c", r"TAINT_FLAG\(TEST,",
               "\tTAINT_FLAG(KILLSWITCH,\t\t'Z', ' ', false),")
    doc = "Documentation/admin-guide/tainted-kernels.rst"
    insert(tree, doc, r"^ 18  _/N  262144",
           " 19  _/Z  524288  a kernel function was made to return a chosen value")
    text = read(tree, doc)
    # After the list's last entry (17 on 6.1, 18 on 6.12).
    last = None
    for last in re.finditer(r"\n 1[78]\) ``[TN]``.*?(?:\n\n|\Z)", text, re.S):
        pass
    if not last:
        die(doc + ": no entry 17 or 18")
    at = last.end()
    entry = (" 19) ``Z`` killswitch made a kernel function return a chosen value\n"
             "     without running its body (Documentation/admin-guide/killswitch.rst).\n"
             "     The kernel no longer runs all of its code as shipped.\n")
    text = text[:at] + ("" if text[:at].endswith("\n\n") else "\n") + entry + ("\n" if at < len(text) else "") + text[at:]
    write(tree, doc, text)
    insert(tree, "tools/debugging/kernel-chktaint", r"^echo \"For a more detailed",
           'T=`expr $T / 2`\n'
           'if [ `expr $T % 2` -eq 0 ]; then\n'
           '\taddout " "\n'
           'else\n'
           '\taddout "Z"\n'
           '\techo " * killswitch made a kernel function return a chosen value (#19)"\n'
           'fi\n\n', after=False)


def edit_audit(tree, series):
    insert(tree, "include/uapi/linux/audit.h", r"#define AUDIT_DM_EVENT\s+1339",
           "#define AUDIT_KILLSWITCH\t1340\t/* killswitch command or event */")


def edit_lockdown(tree, series):
    insert(tree, "include/linux/security.h", r"^\tLOCKDOWN_INTEGRITY_MAX,",
           "\tLOCKDOWN_KILLSWITCH,", after=False)
    insert(tree, "security/security.c", r"\[LOCKDOWN_INTEGRITY_MAX\] = ",
           '\t[LOCKDOWN_KILLSWITCH] = "killswitch changes",', after=False)


def kbuild_to_makefile(text):
    """kmod/Kbuild as kernel/killswitch/Makefile: built in, no feature tests."""
    text = text.replace("obj-m += killswitch.o", "obj-$(CONFIG_KILLSWITCH) += killswitch.o")
    text = re.sub(r"\n# Feature tests of the kernel headers.*?\n\n", "\n\n", text, flags=re.S)
    text = re.sub(r"\n# A target for the tests.*\Z", "\n", text, flags=re.S)
    text = re.sub(r"\n{3,}", "\n\n", text)
    text = text.replace('"uapi/killswitch.h"', "<uapi/linux/killswitch.h>")
    if "KS_HAVE" in text or "obj-m" in text:
        die("kmod/Kbuild: cannot make the in-tree Makefile of it")
    return text


def unifdef(path, series):
    # Exit status 1 means "changed", which is what we want; 2 is an error.
    r = subprocess.run(["unifdef", "-m"] + BUILTIN + FEATURES[series] + [path])
    if r.returncode > 1:
        die("unifdef failed on " + path)


def kmod_files():
    out = subprocess.run(["git", "ls-files", "kmod"], cwd=TOP, check=True,
                         capture_output=True, text=True).stdout.split()
    return [f[len("kmod/"):] for f in out]


def maintain(tree, path):
    """Adds @path to killswitch's MAINTAINERS entry, made by the first call."""
    text = read(tree, "MAINTAINERS")
    if "\nKILLSWITCH\n" not in text:
        entry = "KILLSWITCH\nM:\t%s\nS:\tMaintained\n\n" % IDENTITY
        at = text.index("\nKHADAS MCU MFD DRIVER\n") + 1
        text = text[:at] + entry + text[at:]
    start = text.index("\nKILLSWITCH\n") + 1
    end = text.index("\n\n", start)
    files = [l for l in text[start:end].split("\n") if l.startswith("F:")] + ["F:\t" + path]
    head = [l for l in text[start:end].split("\n") if not l.startswith("F:")]
    text = text[:start] + "\n".join(head + sorted(files)) + text[end:]
    write(tree, "MAINTAINERS", text)


def add_core(tree, series):
    dest = "kernel/killswitch"
    for f in kmod_files():
        if f.startswith("test/") or f in ("Kbuild", "Makefile"):
            continue
        if f == "uapi/killswitch.h":
            target = "include/uapi/linux/killswitch.h"
        else:
            target = os.path.join(dest, f)
        os.makedirs(os.path.dirname(os.path.join(tree, target)), exist_ok=True)
        shutil.copy(os.path.join(KMOD, f), os.path.join(tree, target))
        if f.endswith((".c", ".h")):
            text = read(tree, target).replace('#include "uapi/killswitch.h"',
                                              "#include <uapi/linux/killswitch.h>")
            write(tree, target, text)
            unifdef(os.path.join(tree, target), series)
    with open(os.path.join(KMOD, "Kbuild")) as f:
        write(tree, dest + "/Makefile", kbuild_to_makefile(f.read()))
    shutil.copy(os.path.join(INTREE, "kernel/killswitch/Kconfig"),
                os.path.join(tree, dest, "Kconfig"))
    insert(tree, "kernel/Makefile", r"^obj-\$\(CONFIG_FAIL_FUNCTION\)",
           "obj-$(CONFIG_KILLSWITCH) += killswitch/")
    insert(tree, "security/Kconfig", r'^source "security/lockdown/Kconfig"',
           'source "kernel/killswitch/Kconfig"')
    maintain(tree, "include/uapi/linux/killswitch.h")
    maintain(tree, "kernel/killswitch/")


def add_docs(tree, series):
    shutil.copy(os.path.join(INTREE, "Documentation/admin-guide/killswitch.rst"),
                os.path.join(tree, "Documentation/admin-guide/killswitch.rst"))
    insert(tree, "Documentation/admin-guide/index.rst", r"^   kernel-per-CPU-kthreads",
           "   killswitch")
    insert(tree, "Documentation/admin-guide/kernel-parameters.txt", r"^\tkmac=\t",
           "\tkillswitch=\t[KNL,SECURITY] Engage killswitch at boot: make each\n"
           "\t\t\tlisted kernel function return the given value\n"
           "\t\t\twithout running its body, before user space runs.\n"
           "\t\t\tFormat: <function>=<value>[,<function>=<value>...]\n"
           "\t\t\t<function> is a symbol or module:symbol (armed when\n"
           "\t\t\tthe module loads); <value> an integer or -E<name>.\n"
           "\t\t\tThe same safety rules as at run time apply; an\n"
           "\t\t\tentry they refuse is logged and skipped. This is\n"
           "\t\t\tthe only way to engage under lockdown.\n"
           "\t\t\tSee Documentation/admin-guide/killswitch.rst.\n", after=False)
    maintain(tree, "Documentation/admin-guide/killswitch.rst")


def add_test_module(tree, series):
    for f in ("test_killswitch.c", "test_killswitch.h"):
        shutil.copy(os.path.join(KMOD, "test", f), os.path.join(tree, "lib", f))
    maintain(tree, "lib/test_killswitch.*")
    insert(tree, "lib/Kconfig.debug", r"^config TEST_KMOD$",
           "config TEST_KILLSWITCH\n"
           "\ttristate \"Test module for killswitch\"\n"
           "\tdepends on KILLSWITCH && DEBUG_FS && m\n"
           "\thelp\n"
           "\t  Functions for the killswitch selftests to engage, each called\n"
           "\t  through a file in debugfs, with a count of how often their\n"
           "\t  bodies ran (tools/testing/selftests/killswitch).\n"
           "\n"
           "\t  If unsure, say N.\n", after=False)
    # lib/ is built without ftrace; the targets need their ftrace sites.
    insert(tree, "lib/Makefile", r"^obj-\$\(CONFIG_TEST_KMOD\)",
           "CFLAGS_test_killswitch.o += $(CC_FLAGS_FTRACE)\n"
           "obj-$(CONFIG_TEST_KILLSWITCH) += test_killswitch.o")


def add_selftests(tree, series):
    src = os.path.join(INTREE, "tools/testing/selftests/killswitch")
    dest = os.path.join(tree, "tools/testing/selftests/killswitch")
    shutil.copytree(src, dest)
    insert(tree, "tools/testing/selftests/Makefile", r"^TARGETS \+= kexec$",
           "TARGETS += killswitch")
    maintain(tree, "tools/testing/selftests/killswitch/")


PATCHES = [
    ("01-taint.txt", edit_taint),
    ("02-audit.txt", edit_audit),
    ("03-lockdown.txt", edit_lockdown),
    ("04-core.txt", add_core),
    ("05-docs.txt", add_docs),
    ("06-test-module.txt", add_test_module),
    ("07-selftests.txt", add_selftests),
]
# The kernel's files the patches edit: the only ones unpacked.
TOUCHED = [
    "include/linux/panic.h", "kernel/panic.c",
    "Documentation/admin-guide/tainted-kernels.rst", "tools/debugging/kernel-chktaint",
    "include/uapi/linux/audit.h", "include/linux/security.h", "security/security.c",
    "kernel/Makefile", "security/Kconfig", "Documentation/admin-guide/index.rst",
    "Documentation/admin-guide/kernel-parameters.txt", "MAINTAINERS",
    "lib/Kconfig.debug", "lib/Makefile", "tools/testing/selftests/Makefile",
]


def identity():
    r = subprocess.run(["git", "log", "-1", "--format=%an <%ae>"], cwd=TOP,
                       capture_output=True, text=True)
    return r.stdout.strip() or "killswitch developers <killswitch@localhost>"


IDENTITY = identity()


def main():
    if len(sys.argv) not in (4, 5) or sys.argv[2] not in FEATURES:
        die("usage: series.py <linux-source tarball> <%s> <output dir> [<export dir>]"
            % "|".join(FEATURES))
    tarball, series, out = sys.argv[1:4]
    export = sys.argv[4] if len(sys.argv) == 5 else None
    work = os.path.join(out, "tree")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(work)
    top = subprocess.run("tar -tJf '%s' | head -n 1" % tarball, shell=True, check=True,
                         capture_output=True, text=True).stdout.split("/")[0]
    run(work, "tar", "-xJf", tarball, "--strip-components=1",
        *["%s/%s" % (top, p) for p in TOUCHED])
    name, email = IDENTITY.rsplit(" <", 1)
    env = dict(os.environ, GIT_AUTHOR_NAME=name, GIT_AUTHOR_EMAIL=email[:-1],
               GIT_COMMITTER_NAME=name, GIT_COMMITTER_EMAIL=email[:-1],
               GIT_AUTHOR_DATE="2026-05-01T00:00:00Z", GIT_COMMITTER_DATE="2026-05-01T00:00:00Z")
    git = lambda *a: run(work, "git", "-c", "init.defaultBranch=main", *a, env=env)
    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "Debian's linux-source-%s, the files the series touches" % series)
    for message, apply in PATCHES:
        apply(work, series)
        git("add", "-A")
        git("commit", "-q", "-s", "-F", os.path.join(INTREE, "messages", message))
    with open(os.path.join(INTREE, "messages", "00-cover.txt")) as f:
        cover = f.read()
    subject, body = cover.split("\n\n", 1)
    git("format-patch", "-q", "--cover-letter", "--no-signature", "--subject-prefix=PATCH",
        "-o", os.path.abspath(out), "HEAD~%d" % len(PATCHES))
    cover_path = os.path.join(out, "0000-cover-letter.patch")
    text = read(out, "0000-cover-letter.patch")
    text = text.replace("*** SUBJECT HERE ***", subject.strip()).replace(
        "*** BLURB HERE ***", body.strip() + "\n\nFor Debian's linux-source-%s." % series)
    write(out, "0000-cover-letter.patch", text)
    if export:
        shutil.rmtree(export, ignore_errors=True)
        shutil.copytree(work, export, ignore=shutil.ignore_patterns(".git"))
    shutil.rmtree(work)
    print("series: %d patches for %s in %s" % (len(PATCHES), series, out))


if __name__ == "__main__":
    main()
