#!/bin/sh
# Puts the freshly built modules into the guest's modules tree (extra/),
# with the BTF an in-tree build would give them (add-module-btf.sh), and
# refreshes modules.dep, so that `modprobe killswitch` works in the guest.
#   usage: stage-modules.sh <kernel-root> <module.ko>...
set -eu
kroot=$1
shift
release=$(basename "$kroot")
extra=$kroot/lib/modules/$release/extra
mkdir -p "$extra"
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/ks-stage.XXXXXX")
trap 'rm -rf "$work"' EXIT
changed=0
for ko in "$@"; do
	cp "$ko" "$work/"
	sh "$here/add-module-btf.sh" "$kroot" "$work/$(basename "$ko")"
	if ! cmp -s "$work/$(basename "$ko")" "$extra/$(basename "$ko")"; then
		cp "$work/$(basename "$ko")" "$extra/"
		changed=1
	fi
done
if [ "$changed" = 1 ] || [ ! -f "$kroot/lib/modules/$release/modules.dep" ]; then
	depmod -b "$kroot" "$release"
fi
