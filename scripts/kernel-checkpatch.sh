#!/bin/sh
# kernel-checkpatch.sh <series> <checkpatch.pl options and files...>
# Runs the checkpatch.pl of Debian's linux-source-<series> over all the
# files in one process (perl and its word lists load once). The script and
# its data files are unpacked once into build/tools/checkpatch-<series>/:
# that reads the whole tarball, so it is done under a temporary name and
# renamed, since the lint tests may run side by side.
set -eu
series=$1
shift
top=$(cd "$(dirname "$0")/.." && pwd)
tarball=/usr/src/linux-source-$series.tar.xz
tools=$top/build/tools/checkpatch-$series
if [ ! -x "$tools/scripts/checkpatch.pl" ]; then
	[ -f "$tarball" ] || { echo "checkpatch: no $tarball (make deps)" >&2; exit 1; }
	tree=$(basename "$tarball" .tar.xz)
	mkdir -p "$top/build/tools"
	tmp=$(mktemp -d "$tools.XXXXXX")
	tar -xJf "$tarball" -C "$tmp" --strip-components=1 \
		"$tree/scripts/checkpatch.pl" "$tree/scripts/spelling.txt" \
		"$tree/scripts/const_structs.checkpatch"
	mv -T "$tmp" "$tools" 2>/dev/null || rm -rf "$tmp"
fi
exec "$tools/scripts/checkpatch.pl" "$@"
