#!/bin/sh
# Downloads the image package of the kernel vm/kernel.sh picks (KS_KERNEL,
# KS_ARCH) with apt and unpacks it under build/vm/kernel/<release>: the image
# and the modules tree, uncompressed (the guest's busybox modprobe loads
# plain .ko files) with a fresh modules.dep. Prints that directory. Does
# nothing when already unpacked.
set -eu
ks_top=$(cd "$(dirname "$0")/.." && pwd)
. "$ks_top/vm/kernel.sh"
root=$ks_kroot

if [ -f "$root/.complete" ]; then
	echo "$root"
	exit 0
fi

pkg=$ks_image_pkg
[ "$ks_arch" = "$(dpkg --print-architecture)" ] || pkg=$pkg:$ks_arch
version=$(apt-cache policy "$pkg" | sed -n 's/^ *Candidate: //p')
[ "$ks_default" = 1 ] && version=$(dpkg-query -W -f='${Version}' "linux-headers-$ks_release")
rm -rf "$root"
mkdir -p "$root/pkg"
(cd "$root/pkg" && apt-get download -q "$pkg=$version" >&2)
dpkg-deb -x "$root"/pkg/linux-image-*.deb "$root"
rm -rf "$root/pkg"
if [ "$ks_modules" = ko.xz ]; then
	find "$root/lib/modules/$ks_release" -name '*.ko.xz' -print0 | xargs -0 -r -P "$(nproc)" -n 64 xz -d
fi
depmod -b "$root" "$ks_release"
touch "$root/.complete"
echo "$root"
