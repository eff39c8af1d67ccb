#!/bin/sh
# Tests of the VM harness itself (vm/run.sh): exit status, module loading,
# shares, that an oops, WARN, panic or hang fails the run; and what a panic
# report says about killswitch (docs/safety.md, rule 4).
#   usage: harness_test.sh <case>
set -u
here=$(cd "$(dirname "$0")" && pwd)
run=$here/../../vm/run.sh
out=$(mktemp)
trap 'rm -rf "$out" "$out.d"' EXIT

# expect <status> <what the output must contain> -- runs the rest as vm/run.sh
expect() {
	want=$1 needle=$2
	shift 2
	"$@" >"$out" 2>&1
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "FAIL: exit status $got, wanted $want"; cat "$out"; exit 1
	fi
	if ! grep -q -- "$needle" "$out"; then
		echo "FAIL: output lacks '$needle'"; cat "$out"; exit 1
	fi
	echo "ok: status $got, output has '$needle'"
}

ctl=/sys/kernel/security/killswitch/control
case "${1:-}" in
exit_status)
	expect 7 "hello from the guest" "$run" run 'echo hello from the guest; exit 7' ;;
loads_killswitch)
	expect 0 "killswitch" "$run" run "test -w $ctl && lsmod | grep killswitch" ;;
ks_load_0)
	KS_LOAD=0 expect 0 "loaded on demand" "$run" run \
		"! test -e $ctl && modprobe killswitch && test -e $ctl && echo loaded on demand" ;;
share)
	mkdir -p "$out.d"
	cp /bin/busybox "$out.d/busybox"
	echo "shared text" >"$out.d/note"
	VM_SHARE=$out.d expect 0 "shared text" "$run" run \
		'cat /mnt/host/note && /mnt/host/busybox true' ;;
detects_warn)
	expect 126 "WARNING: CPU" "$run" run \
		'modprobe test_killswitch && echo 1 > /sys/kernel/debug/test_killswitch/warn; exit 0' ;;
detects_panic)
	expect 125 "Kernel panic" "$run" run 'echo c > /proc/sysrq-trigger' ;;
detects_hang)
	VM_TIMEOUT=20 expect 124 "guest hung" "$run" run 'sleep 600' ;;
crash_report)
	# A panic with something engaged: its report names what, and says K.
	expect 125 "killswitch: engaged at the time of the panic: test_killswitch_int=-1 test_killswitch:test_killswitch_long(monitoring)" \
		"$run" run "modprobe test_killswitch && echo 'engage test_killswitch_int -EPERM' > $ctl &&
			echo 'monitor test_killswitch:test_killswitch_long' > $ctl && echo c > /proc/sysrq-trigger"
	grep -q "Tainted: .*K" "$out" || { echo "FAIL: the panic's Tainted: line lacks K"; cat "$out"; exit 1; }
	echo "ok: Tainted: says K" ;;
# The in-tree kernel (make intree): killswitch built in, its own taint
# flag 'Z' on the Tainted: line, and the same report of what is engaged.
intree_crash_report)
	KS_KERNEL=intree expect 125 "killswitch: engaged at the time of the panic: test_killswitch_int=-1" \
		"$run" run "modprobe test_killswitch && echo 'engage test_killswitch_int -EPERM' > $ctl &&
			echo c > /proc/sysrq-trigger"
	grep -q "Tainted: .*Z" "$out" || { echo "FAIL: the panic's Tainted: line lacks Z"; cat "$out"; exit 1; }
	echo "ok: Tainted: says Z" ;;
# The same on arm64 (one serial port: the output comes back as a file;
# backtraces say "Call trace:").
arm64_exit_status)
	KS_ARCH=arm64 expect 7 "hello from aarch64" "$run" run 'echo hello from $(uname -m); exit 7' ;;
arm64_detects_warn)
	KS_ARCH=arm64 expect 126 "Call trace:" "$run" run \
		'modprobe test_killswitch && echo 1 > /sys/kernel/debug/test_killswitch/warn; exit 0' ;;
arm64_detects_panic)
	KS_ARCH=arm64 expect 125 "Kernel panic" "$run" run 'echo c > /proc/sysrq-trigger' ;;
unknown_kernel)
	# A kernel vm/kernels does not list: refused, with the ones it does.
	KS_KERNEL=5.10 expect 2 "KERNEL=6.12 ARCH=arm64" "$run" run true ;;
*)
	echo "usage: $0 exit_status|loads_killswitch|ks_load_0|share|detects_warn|detects_panic|detects_hang|crash_report|arm64_exit_status|arm64_detects_warn|arm64_detects_panic|unknown_kernel" >&2
	exit 2 ;;
esac
