#!/bin/sh
# Runs the kernel's checkpatch.pl (Debian's linux-source-6.1) over every
# kernel-side file (kmod/), failing on any error or warning. ENOSYS is
# ignored: kmod/errno_names.c must name every errno a user may write,
# ENOSYS included.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
# shellcheck disable=SC2046 # the file names have no spaces (git ls-files)
sh scripts/kernel-checkpatch.sh 6.1 --no-tree --quiet --terse --show-types \
	--ignore SPDX_LICENSE_TAG,ENOSYS -f $(git ls-files 'kmod/*.c' 'kmod/*.h')
echo "checkpatch: kmod/ is clean"
