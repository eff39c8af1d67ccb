#!/bin/sh
# Runs the kernel's checkpatch.pl over every kernel-side file (kmod/), failing
# on any error or warning. checkpatch comes from Debian's linux-source-6.1,
# unpacked once into build/tools/. ENOSYS is ignored: kmod/errno_names.c must
# name every errno a user may write, ENOSYS included.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
tools=$top/build/tools/linux-scripts
if [ ! -x "$tools/scripts/checkpatch.pl" ]; then
	tarball=$(ls /usr/src/linux-source-*.tar.xz | head -n 1)
	tree=$(basename "$tarball" .tar.xz)
	mkdir -p "$tools"
	tar -xJf "$tarball" -C "$tools" --strip-components=1 \
		"$tree/scripts/checkpatch.pl" "$tree/scripts/spelling.txt" \
		"$tree/scripts/const_structs.checkpatch"
fi
cd "$top"
status=0
for f in $(git ls-files 'kmod/*.c' 'kmod/*.h'); do
	"$tools/scripts/checkpatch.pl" --no-tree --quiet --terse --show-types \
		--ignore SPDX_LICENSE_TAG,ENOSYS -f "$f" || status=1
done
[ "$status" = 0 ] && echo "checkpatch: kmod/ is clean"
exit "$status"
