#!/bin/sh
# Unpacks Debian's kernel headers of a kernel series (6.12: bookworm-security
# carries it) under <dest>, without installing them: installing would pull in
# that kernel's image. The headers, their -common part and the kbuild tools,
# with the headers' Makefile pointed at the unpacked tree. Prints the build
# directory (what KDIR= takes). Does nothing when already unpacked.
#   usage: fetch-headers.sh <series> <dest>      e.g. fetch-headers.sh 6.12 build/headers
set -eu
series=$1
dest=$2
meta=linux-headers-$series-amd64
# "linux-headers-6.12.118+deb12-amd64 (= 6.12.118-1~deb12u1)"
headers=$(apt-cache depends "$meta" 2>/dev/null | sed -n 's/^ *Depends: \(linux-headers-[^ ]*-amd64\)$/\1/p' | head -n 1)
if [ -z "$headers" ]; then
	echo "fetch-headers: apt knows no $meta (is bookworm-security in the apt sources? run apt-get update)" >&2
	exit 1
fi
release=${headers#linux-headers-}
abi=${release%-amd64}
root=$dest/$release
kdir=$root/usr/src/$headers
if [ -f "$root/.complete" ]; then
	echo "$kdir"
	exit 0
fi
rm -rf "$root"
mkdir -p "$root/pkg"
(cd "$root/pkg" && apt-get download -q "$headers" "linux-headers-$abi-common" "linux-kbuild-$abi" >&2)
for deb in "$root"/pkg/*.deb; do
	dpkg-deb -x "$deb" "$root"
done
rm -rf "$root/pkg"
common=$(cd "$root/usr/src/linux-headers-$abi-common" && pwd)
echo "include $common/Makefile" >"$kdir/Makefile"
touch "$root/.complete"
echo "$kdir"
