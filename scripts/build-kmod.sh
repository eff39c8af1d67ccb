#!/bin/sh
# Builds kmod/ (killswitch.ko and the test modules) for the kernel
# vm/kernel.sh picks (KS_KERNEL, KS_ARCH) and prints the directory that
# holds the .ko files. The default kernel builds in kmod/ against its
# installed headers; any other builds a copy of the sources under
# build/kmod/<release>/ against headers unpacked by fetch-headers.sh,
# cross-compiled when its architecture is not this machine's.
set -eu
ks_top=$(cd "$(dirname "$0")/.." && pwd)
. "$ks_top/vm/kernel.sh"
case "$ks_arch" in
amd64) karch=x86 cross=x86_64-linux-gnu- ;;
arm64) karch=arm64 cross=aarch64-linux-gnu- ;;
*) echo "build-kmod: no compiler known for $ks_arch" >&2; exit 2 ;;
esac
[ "$ks_arch" = "$(dpkg --print-architecture)" ] && cross=

if [ "$ks_default" = 1 ]; then
	make -C "$ks_kmod_dir" KERNEL_RELEASE="$ks_release" ARCH="$karch" >&2
	echo "$ks_kmod_dir"
	exit 0
fi
kdir=$(sh "$ks_top/scripts/fetch-headers.sh")
# A copy of the sources, refreshed only where they changed so that make
# rebuilds only what it must.
(cd "$ks_top" && git ls-files kmod) | while read -r f; do
	dst=$ks_build/kmod/$ks_release/$f
	cmp -s "$ks_top/$f" "$dst" || install -D -m 0644 "$ks_top/$f" "$dst"
done
make -C "$ks_kmod_dir" KDIR="$kdir" ARCH="$karch" CROSS_COMPILE="$cross" >&2
echo "$ks_kmod_dir"
