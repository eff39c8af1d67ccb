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
	echo "  so the differences are the per-call cost of each mechanism. An engaged"
	echo "  call (b) is a kprobe hit plus a per-CPU counter and a jump to the return"
	echo "  stub, compared with (d), a kprobe whose handler does nothing, the cost the"
	echo "  upstream patch pays. (c) also evaluates the condition and then runs the"
	echo "  body, which kprobes resumes after the probe."
	echo "- The socket rows show what a non-matching conditional engagement on a"
	echo "  syscall's path adds to the whole syscall."
	echo "- Engage time is per command: kprobe registration (an ftrace update with"
	echo "  text patching and a synchronisation), the securityfs files, the log line"
	echo "  (printed on the guest's serial console here) and the audit record. It grows"
	echo "  linearly with N; nothing batches registrations yet. Monitor reads no BTF;"
	echo "  an engage that short-circuits also reads the function's return type from"
	echo "  /sys/kernel/btf (about 0.2 s more per engage in this guest, not measured here)."
	echo "- disengage_all takes every probe out with one unregister_kprobes() call (one"
	echo "  RCU grace period for all); what remains is ftrace rewriting each call site"
	echo "  and removing each engagement's files."
} >"$out"
cat "$out"
