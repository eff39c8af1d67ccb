#!/bin/sh
# Runs ks-bench in a fresh guest with instruction-counted time and writes
# docs/performance.md. Usage: bench/run.sh (from `make bench`).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/docs/performance.md
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
VM_ICOUNT=1 VM_SMP=1 VM_TIMEOUT=1800 sh "$top/vm/run.sh" run 'ks-bench' >"$tmp"
{
	echo "# Performance"
	echo
	echo "Measured by \`make bench\` (bench/ks_bench.cc) inside the guest: Debian's stock"
	echo "kernel $(sh "$top/scripts/kernel-release.sh") under QEMU TCG, one vCPU, with \`-icount shift=0,sleep=off\`,"
	echo "so guest time counts instructions (1 ns per instruction): the numbers are"
	echo "repeatable and the variants compare side by side, but they are instruction"
	echo "counts, not seconds on real hardware."
	echo
	echo "Reproduce: \`make bench\` (rewrites this file)."
	echo
	cat "$tmp"
	echo
	echo "## How to read it"
	echo
	echo "- (a)-(d) run the same loop in the kernel (the bench file of killswitch_test.ko),"
	echo "  so the differences are the per-call cost of each mechanism. (b), (c) and (c')"
	echo "  run on the ftrace engine: the function's call site calls the engine's"
	echo "  ftrace_ops trampoline (argument registers saved, no full pt_regs, no trap),"
	echo "  whose handler finds the engagement by the site's address, counts the call"
	echo "  and, to short-circuit, points the return at a stub that loads the value."
	echo "  (d) is a kprobe whose handler does nothing, the cost the upstream patch pays."
	echo "  (c) also evaluates the condition and then runs the body. (e) and (e') put"
	echo "  the function tracer on the same function: two ftrace users share the call"
	echo "  site through ftrace's list function, which both pay."
	echo "- The getpgid(0) rows put the same variants on a real system call's entry"
	echo "  function, so the per-call costs can be read against a whole syscall."
	echo "- The socket rows show what a non-matching conditional engagement on a"
	echo "  syscall's path adds to the whole syscall."
	echo "- Engage time is for one write holding N lines, carried out as one"
	echo "  transaction: each function is looked up (a disabled kprobe, all let go"
	echo "  together with one RCU grace period), all call sites go live in one ftrace"
	echo "  update, and each line gets its securityfs files, its log line and its"
	echo "  audit record (in the kernel log, not on the guest's slow serial console:"
	echo "  the bench sets the console loglevel to 4, as Debian's quiet boot does)."
	echo "  Nearly all of the per-line cost is the lookup: registering a kprobe, even"
	echo "  a disabled one, scans every jump label entry of the kernel for an overlap"
	echo "  (jump_label_text_reserved, about 94% of it in a function_graph trace);"
	echo "  6.1 exports no other lookup of a function by name. Monitor reads no BTF;"
	echo "  an engage that short-circuits also reads the function's return type from"
	echo "  /sys/kernel/btf: the file once per write, then a walk of it per line (not"
	echo "  measured here); an index of it is the next thing to add."
	echo "- disengage_all takes every call site out in one ftrace update with one wait"
	echo "  for handlers in flight; what remains is removing each engagement's files."
} >"$out"
cat "$out"
