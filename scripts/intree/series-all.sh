#!/bin/sh
# Writes the in-tree series for each of Debian 12's kernel sources into
# build/intree/series-<series>/ and runs that tree's own checkpatch.pl over
# every patch: any error or warning fails. Let through: ENOSYS, as for
# kmod/ (scripts/checkpatch.sh), since errno_names.c must name every errno;
# and RCU_TASKS_TRACE (6.12's checkpatch keeps that flavour to BPF and RCU
# code), since killswitch must wait for sleepable BPF programs that run
# between its handler and its return stub (arch.h, docs/intree.md).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
status=0
for series in 6.1 6.12; do
	tarball=/usr/src/linux-source-$series.tar.xz
	[ -f "$tarball" ] || { echo "intree: no $tarball (make deps)" >&2; exit 1; }
	out=$top/build/intree/series-$series
	python3 "$top/scripts/intree/series.py" "$tarball" "$series" "$out"
	patches=$(ls "$out"/0*.patch | grep -v '/0000-cover-letter\.patch$')
	# shellcheck disable=SC2086 # the patch names have no spaces
	sh "$top/scripts/kernel-checkpatch.sh" "$series" --no-tree --quiet --terse --show-types \
		--ignore ENOSYS,RCU_TASKS_TRACE $patches || status=1
done
[ "$status" = 0 ] && echo "intree: the series for 6.1 and 6.12 are written and checkpatch-clean"
exit "$status"
