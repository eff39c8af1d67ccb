#!/bin/sh
# Builds the guest of every kernel in vm/kernels (vm/build-image.sh each),
# for make check.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
grep -v '^#' "$here/kernels" | awk 'NF { print $1, $2 }' | while read -r series arch; do
	echo "vm-images: $series $arch" >&2
	KS_KERNEL=$series KS_ARCH=$arch sh "$here/build-image.sh"
done
