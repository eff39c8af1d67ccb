#!/bin/sh
# Builds kmod/ (killswitch.ko and the test modules) against Debian 12's
# headers of another kernel series than the stock one the suite boots, and
# fails on any warning: the sources must build as they are on each.
#   usage: kmod_other_kernel.sh <series>      e.g. 6.12
set -eu
cd "$(dirname "$0")/../.."
series=$1
top=$(pwd)
kdir=$(sh scripts/fetch-headers.sh "$series" "$top/build/headers")
work=$(mktemp -d "${TMPDIR:-/tmp}/ks-kmod-$series.XXXXXX")
trap 'rm -rf "$work"' EXIT
git ls-files kmod | while read -r f; do
	install -D -m 0644 "$f" "$work/$f"
done
log=$work/build.log
if ! make -C "$work/kmod" KDIR="$kdir" >"$log" 2>&1; then
	cat "$log"
	echo "FAIL: kmod does not build against $kdir" >&2
	exit 1
fi
if grep -E 'warning:|objtool' "$log"; then
	echo "FAIL: warnings building kmod against $kdir" >&2
	exit 1
fi
for ko in killswitch.ko test/killswitch_test.ko test/livepatch/killswitch_test_livepatch.ko; do
	[ -f "$work/kmod/$ko" ] || { echo "FAIL: $ko was not built" >&2; exit 1; }
	echo "built $ko for $(modinfo -F vermagic "$work/kmod/$ko")"
done
