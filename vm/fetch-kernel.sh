#!/bin/sh
# Downloads Debian's stock kernel image (the same version as the installed
# linux-headers-amd64) with apt and unpacks it under $1: vmlinuz and the
# modules tree with a fresh modules.dep. Does nothing when already unpacked.
set -eu
dest=$1
release=$(sh "$(dirname "$0")/../scripts/kernel-release.sh")
version=$(dpkg-query -W -f='${Version}' "linux-headers-$release")
root="$dest/$release"

if [ -f "$root/.complete" ]; then
	echo "$root"
	exit 0
fi

rm -rf "$root"
mkdir -p "$root/pkg"
(cd "$root/pkg" && apt-get download -q "linux-image-$release=$version" >&2)
dpkg-deb -x "$root"/pkg/linux-image-*.deb "$root"
rm -rf "$root/pkg"
depmod -b "$root" "$release"
touch "$root/.complete"
echo "$root"
