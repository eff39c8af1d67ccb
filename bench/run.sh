#!/bin/sh
# Runs ks-bench in a fresh guest with instruction-counted time and writes
# docs/performance.md. Usage: bench/run.sh (from `make bench`).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/docs/performance.md
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
VM_ICOUNT=1 VM_SMP=1 VM_TIMEOUT=1800 sh "$top/vm/run.sh" run 'ks-bench' >"$tmp"
# The per-call costs again on a CPU model the kernel gives return thunks.
thunks=$(mktemp)
trap 'rm -f "$tmp" "$thunks"' EXIT
VM_ICOUNT=1 VM_SMP=1 VM_TIMEOUT=1800 VM_QEMU_ARGS="-cpu EPYC" sh "$top/vm/run.sh" run \
	'grep -H . /sys/devices/system/cpu/vulnerabilities/retbleed /sys/devices/system/cpu/vulnerabilities/spec_rstack_overflow; ks-bench calls' >"$thunks"
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
	echo "### The same with return thunks"
	echo
	echo "QEMU \`-cpu EPYC\` (AMD Zen): the kernel then returns through thunks, as on"
	echo "such hardware:"
	echo
	grep '^/sys' "$thunks" | sed 's|^/sys/devices/system/cpu/vulnerabilities/|- |; s|:| — |'
	echo
	sed -n '/^| variant/,/^$/p' "$thunks"
	echo
	cat "$top/bench/how-to-read.md"
} >"$out"
cat "$out"
