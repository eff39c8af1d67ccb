#!/bin/sh
# Boots a fresh guest on Debian's stock kernel under QEMU (TCG) and either runs
# one shell command in it as root or gives an interactive shell.
#   usage: vm/run.sh run '<command>'   output on stdout, exits with its status
#          vm/run.sh shell
# Environment:
#   KS_KERNEL, KS_ARCH  which kernel of vm/kernels to boot (make's KERNEL=
#                    and ARCH=); the table's first line by default
#   KS_LOAD=0        boot without loading killswitch.ko
#   VM_SHARE=<dir>   readable in the guest at /mnt/host
#   VM_SMP, VM_MEM   vCPUs (2) and memory (1024M)
#   VM_TIMEOUT       seconds before a hung guest is killed (600)
#   VM_ICOUNT=1      count guest time in instructions (-icount shift=0,sleep=off)
#   VM_APPEND        extra kernel command line
#   VM_TCG_THREAD    single (default) or multi: how QEMU runs the vCPUs
#   VM_QEMU_ARGS     extra QEMU options (a gdb stub: "-gdb tcp::1234")
#   VM_SECURE_BOOT=<vars file>   boot as a Secure Boot host: UEFI firmware
#                    with Microsoft's keys (OVMF, this writable variables
#                    file), Debian's signed shim and grub, the signed kernel
#                    (vm/secure-boot/esp.sh); the machine-owner keys enrolled
#                    live in the variables file
#   VM_MODULES=<dir> the modules tree to share instead of the staged one
#   VM_BOOT=bzimage  boot an x86 kernel through its bzImage, as shipped; by
#                    default the vmlinux inside it (vm/build-image.sh unpacks
#                    it) is booted through its PVH entry: the same kernel,
#                    without the decompressor, which takes 4.5 s of TCG on
#                    6.1 (xz; 1 s on 6.12, zstd). The decompressor is also
#                    what randomizes the kernel's address (KASLR): the 6.12
#                    amd64 guest tests boot the bzImage to keep that covered.
# An oops, panic, WARN or hung guest fails the run and prints the guest's log.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
ks_top=$(cd "$here/.." && pwd)
. "$here/kernel.sh"
build=$ks_build
release=$ks_release
kroot=$ks_kroot
initrd=$ks_initrd
mode=${1:-}

[ -f "$initrd" ] && [ -f "$kroot/.complete" ] && [ -d "$ks_guest_dir" ] || {
	echo "vm: no guest image for $release; run 'make vm-image KERNEL=$ks_series ARCH=$ks_arch' first" >&2
	exit 2
}
case "$mode" in
run) [ $# -eq 2 ] || { echo "usage: $0 run '<command>'" >&2; exit 2; } ;;
shell) ;;
*) echo "usage: $0 run '<command>' | shell" >&2; exit 2 ;;
esac

out=$(mktemp -d "${TMPDIR:-/tmp}/ks-vm.XXXXXX")
trap 'rm -rf "$out"' EXIT
[ "$mode" = run ] && printf '%s\n' "$2" >"$out/cmd"

# One host thread runs all vCPUs by default. With one thread per vCPU, QEMU
# can keep running an old translation of code that another vCPU has just
# patched (seen: a CPU looping on a stale int3 at a function entry whose
# memory already held the NOP again, freed by a gdb single-step), which
# breaks the kernel's own text patching; docs/safety.md has the details.
# What differs between the architectures: the machine, the console, and
# where the command's output goes (x86 has a second serial port for it;
# arm64's virt machine has one, so the output comes back as a file).
case "$ks_arch" in
amd64) qemu=qemu-system-x86_64 machine="-machine pc -cpu max" console=ttyS0 output=ttyS1 ;;
arm64) qemu=qemu-system-aarch64 machine="-machine virt -cpu max,pauth-impdef=on" console=ttyAMA0 output=file ;;
esac
share=0
# shellcheck disable=SC2086 # $machine is several options
set -- -accel "tcg,thread=${VM_TCG_THREAD:-single}" $machine -m "${VM_MEM:-1024M}" -smp "${VM_SMP:-2}" \
	-display none -monitor none -no-reboot -nodefaults \
	-virtfs "local,path=${VM_MODULES:-$kroot/lib/modules},mount_tag=modules,security_model=none,readonly=on" \
	-virtfs "local,path=$out,mount_tag=ksout,security_model=none" \
	-virtfs "local,path=$ks_guest_dir,mount_tag=ksbuild,security_model=none,readonly=on"
if [ -n "${VM_SHARE:-}" ]; then
	share=1
	set -- "$@" -virtfs "local,path=$(cd "$VM_SHARE" && pwd),mount_tag=host,security_model=none,readonly=on"
fi
if [ -n "${VM_QEMU_ARGS:-}" ]; then
	# shellcheck disable=SC2086 # word splitting wanted
	set -- "$@" $VM_QEMU_ARGS
fi
if [ "${VM_ICOUNT:-0}" = 1 ]; then
	set -- "$@" -icount shift=0,sleep=off
fi
# no_timer_check: on a busy host the IO-APIC timer test at boot can miss its
# window under TCG and panic ("IO-APIC + timer doesn't work"); seen in local runs.
append="console=$console panic=-1 loglevel=7 no_timer_check ks.mode=$mode ks.load=${KS_LOAD:-1} ks.share=$share ks.output=$output ${VM_APPEND:-}"
if [ -n "${VM_SECURE_BOOT:-}" ]; then
	# The firmware verifies shim, shim verifies grub, grub (through shim)
	# verifies the kernel; the initramfs is not signed, the modules are.
	sh "$here/secure-boot/esp.sh" "$out/esp" "$kroot/boot/vmlinuz-$release" "$initrd" "$append"
	set -- "$@" $(sh "$here/secure-boot/qemu-args.sh" "$VM_SECURE_BOOT" "$out/esp")
else
	kernel=$kroot/boot/vmlinuz-$release
	[ "${VM_BOOT:-pvh}" = bzimage ] || [ ! -f "$kroot/vmlinux" ] || kernel=$kroot/vmlinux
	set -- "$@" -kernel "$kernel" -initrd "$initrd"
fi

if [ "$mode" = shell ]; then
	[ -n "${VM_SECURE_BOOT:-}" ] || set -- "$@" -append "$append"
	rc=0
	"$qemu" "$@" -serial mon:stdio || rc=$?
	exit "$rc"
fi
[ -n "${VM_SECURE_BOOT:-}" ] || set -- "$@" -append "$append"

rc=0
if [ "$output" = ttyS1 ]; then
	set -- "$@" -serial "file:$out/console.log" -serial stdio
else
	set -- "$@" -serial "file:$out/console.log"
fi
timeout -k 10 "${VM_TIMEOUT:-600}" "$qemu" "$@" </dev/null || rc=$?
[ "$output" = file ] && [ -f "$out/output" ] && cat "$out/output"

show_log() {
	echo "---- guest log ($1) ----" >&2
	if [ -f "$out/dmesg" ]; then log=$out/dmesg; else log=$out/console.log; fi
	tail -n "${VM_LOG_LINES:-200}" "$log" >&2
	echo "---- end of guest log ----" >&2
}

if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
	show_log "guest hung: killed after ${VM_TIMEOUT:-600}s"
	exit 124
fi
status=$(cat "$out/status" 2>/dev/null || true)
case "$status" in
'' | *[!0-9]*) status= ;;
esac
if [ -z "$status" ]; then
	show_log "guest stopped before the command finished (panic or qemu exit $rc)"
	exit 125
fi
. "$here/kernel-problems.sh"
problems=$ks_kernel_problems
if grep -E -q "$problems" "$out/dmesg"; then
	show_log "the guest kernel reported a problem"
	echo "---- the lines that show it ----" >&2
	grep -E -A 30 "$problems" "$out/dmesg" | head -n 120 >&2
	exit 126
fi
exit "$status"
