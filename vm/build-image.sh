#!/bin/sh
# The guest of the kernel vm/kernel.sh picks (KS_KERNEL, KS_ARCH): Debian's
# image and modules tree, our modules built for it and staged in that tree,
# and an initramfs for that release and architecture.
set -eu
ks_top=$(cd "$(dirname "$0")/.." && pwd)
if [ "${KS_KERNEL:-}" = intree ]; then
	# Built from source with killswitch in it, and laid out alike.
	sh "$ks_top/scripts/intree/build-kernel.sh" >/dev/null
	exit 0
fi
. "$ks_top/vm/kernel.sh"
kmod=$(sh "$ks_top/scripts/build-kmod.sh")
sh "$ks_top/vm/fetch-kernel.sh" >/dev/null
# An x86 kernel's vmlinux, which vm/run.sh boots through its PVH entry.
image=$ks_kroot/boot/vmlinuz-$ks_release
if [ "$ks_arch" = amd64 ] && [ ! "$ks_kroot/vmlinux" -nt "$image" ]; then
	sh "$ks_top/vm/extract-vmlinux.sh" "$image" "$ks_kroot/vmlinux"
fi
# The livepatch test module only where the kernel has livepatch.
livepatch=$kmod/test/livepatch/test_killswitch_livepatch.ko
[ -f "$livepatch" ] || livepatch=
sh "$ks_top/vm/stage-modules.sh" "$ks_kroot" "$kmod/killswitch.ko" "$kmod/test/test_killswitch.ko" $livepatch
sh "$ks_top/vm/build-initramfs.sh" "$ks_kroot" "$ks_initrd" "$ks_arch"
