#!/bin/sh
# Lays out the module's source as DKMS builds it (the package's
# /usr/src/killswitch-<version>): the git-tracked kmod/ files without the
# test module, and dkms.conf. Used by build-deb.sh and the Secure Boot test.
#   usage: dkms-source.sh <dest dir>
set -eu
cd "$(dirname "$0")/.."
dest=$1
version=$(cat VERSION)
mkdir -p "$dest"
git ls-files kmod | grep -v '^kmod/test/' | while read -r f; do
	install -D -m 0644 "$f" "$dest/${f#kmod/}"
done
sed -i -e '/^# A target for the tests/d' -e '/^obj-m += test\//d' "$dest/Kbuild"
sed "s/@VERSION@/$version/" packaging/dkms/dkms.conf >"$dest/dkms.conf"
