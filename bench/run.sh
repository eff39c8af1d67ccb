#!/bin/sh
# Runs ks-bench in a fresh guest with instruction-counted time and writes
# docs/performance.md. Usage: bench/run.sh (from `make bench`); with
# KS_ARCH=arm64 (make bench ARCH=arm64) it rewrites only the file's arm64
# section, the cost per call on the arm64 guest.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/docs/performance.md
marker='<!-- arm64: make bench ARCH=arm64 writes from here on -->'
ks_top=$top
. "$top/vm/kernel.sh"
tmp=$(mktemp)
thunks=$(mktemp)
trap 'rm -f "$tmp" "$thunks" "$out.tmp"' EXIT

# The part of the file the other architecture's run wrote, kept as it is.
x86_part() { if [ -f "$out" ]; then sed "/^$marker\$/,\$d" "$out"; fi; }
arm64_part() { if [ -f "$out" ]; then sed -n "/^$marker\$/,\$p" "$out"; fi; }

if [ "$ks_arch" = arm64 ]; then
	{
		x86_part
		echo "$marker"
		echo
		echo "## arm64"
		echo
		echo "Debian's arm64 kernels under QEMU TCG (\`-M virt -cpu max\`), one vCPU,"
		echo "\`-icount shift=0,sleep=off\`: instruction counts again, of arm64"
		echo "instructions, so they compare with each other, not with the x86 rows."
		echo "arm64 has no direct trampolines of ours: every function with an ftrace"
		echo "site is on the shared ops (docs/abi.md, Architectures). 6.1 saves every"
		echo "register for it (\`FTRACE_OPS_FL_SAVE_REGS\`), 6.12 only the argument"
		echo "registers. Reproduce: \`make bench ARCH=arm64\` (every arm64 kernel of"
		echo "vm/kernels)."
		# Each arm64 kernel of the table, its own guest image first.
		grep -v '^#' "$top/vm/kernels" | awk '$2 == "arm64" { print $1 }' | while read -r series; do
			KS_KERNEL=$series KS_ARCH=arm64 sh "$top/vm/build-image.sh" >/dev/null 2>&1
			release=$(KS_KERNEL=$series KS_ARCH=arm64 sh "$top/scripts/kernel-release.sh")
			echo
			echo "### $release"
			echo
			KS_KERNEL=$series KS_ARCH=arm64 VM_ICOUNT=1 VM_SMP=1 VM_TIMEOUT=1800 \
				sh "$top/vm/run.sh" run 'ks-bench calls' | sed 's/^### /#### /'
		done
	} >"$out.tmp"
	mv "$out.tmp" "$out"
	cat "$out"
	exit 0
fi

VM_ICOUNT=1 VM_SMP=1 VM_TIMEOUT=1800 sh "$top/vm/run.sh" run 'ks-bench' >"$tmp"
# The per-call costs again on a CPU model the kernel gives return thunks.
VM_ICOUNT=1 VM_SMP=1 VM_TIMEOUT=1800 VM_QEMU_ARGS="-cpu EPYC" sh "$top/vm/run.sh" run \
	'grep -H . /sys/devices/system/cpu/vulnerabilities/retbleed /sys/devices/system/cpu/vulnerabilities/spec_rstack_overflow; ks-bench calls' >"$thunks"
{
	echo "# Performance"
	echo
	echo "Measured by \`make bench\` (bench/ks_bench.cc) inside the guest: Debian's stock"
	echo "kernel $ks_release under QEMU TCG, one vCPU, with \`-icount shift=0,sleep=off\`,"
	echo "so guest time counts instructions (1 ns per instruction): the numbers are"
	echo "repeatable and the variants compare side by side, but they are instruction"
	echo "counts, not seconds on real hardware."
	echo
	echo "Reproduce: \`make bench\` (rewrites this file but its arm64 section)."
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
	arm64_part | sed '1s/^/\n/'
} >"$out.tmp"
mv "$out.tmp" "$out"
cat "$out"
