#!/bin/sh
# Unpacks Debian's headers of the kernel vm/kernel.sh picks (KS_KERNEL,
# KS_ARCH) under build/headers/<release>, without installing them
# (installing would pull in that kernel's image): the headers, their
# -common part and the kbuild tools (built for this machine: they run here),
# with the headers' Makefile pointed at the unpacked tree. Prints the build
# directory (what KDIR= takes). Does nothing when already unpacked.
set -eu
ks_top=$(cd "$(dirname "$0")/.." && pwd)
. "$ks_top/vm/kernel.sh"
headers=linux-headers-$ks_release
root=$ks_build/headers/$ks_release
kdir=$root/usr/src/$headers
if [ -f "$root/.complete" ]; then
	echo "$kdir"
	exit 0
fi
pkg=$headers
[ "$ks_arch" = "$(dpkg --print-architecture)" ] || pkg=$headers:$ks_arch
# Its -common and linux-kbuild, from its own dependencies.
deps=$(apt-cache depends "$pkg" | tr -d '<>' |
	sed -n 's/^ *Depends: \(linux-\(headers-[^ :]*-common\|kbuild-[^ :]*\)\).*/\1/p' | sort -u)
rm -rf "$root"
mkdir -p "$root/pkg"
# shellcheck disable=SC2086 # one package per word
(cd "$root/pkg" && apt-get download -q "$pkg" $deps >&2)
for deb in "$root"/pkg/*.deb; do
	dpkg-deb -x "$deb" "$root"
done
rm -rf "$root/pkg"
common=$(cd "$root"/usr/src/linux-headers-*-common && pwd)
echo "include $common/Makefile" >"$kdir/Makefile"
touch "$root/.complete"
echo "$kdir"
