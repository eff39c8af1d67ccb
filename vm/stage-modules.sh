#!/bin/sh
# Puts the freshly built modules into the guest's modules tree (extra/) and
# refreshes modules.dep, so that `modprobe killswitch` works in the guest.
#   usage: stage-modules.sh <kernel-root> <module.ko>...
set -eu
kroot=$1
shift
release=$(basename "$kroot")
extra=$kroot/lib/modules/$release/extra
mkdir -p "$extra"
changed=0
for ko in "$@"; do
	if ! cmp -s "$ko" "$extra/$(basename "$ko")"; then
		cp "$ko" "$extra/"
		changed=1
	fi
done
if [ "$changed" = 1 ] || [ ! -f "$kroot/lib/modules/$release/modules.dep" ]; then
	depmod -b "$kroot" "$release"
fi
