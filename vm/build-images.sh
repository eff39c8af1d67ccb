#!/bin/sh
# Builds the guest of every Debian kernel in vm/kernels (vm/build-image.sh
# each), for make check; the in-tree one ("-" packages) is make intree-kernel.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
grep -v '^#' "$here/kernels" | awk 'NF && $3 != "-" { print $1, $2 }' | while read -r series arch; do
	echo "vm-images: $series $arch" >&2
	KS_KERNEL=$series KS_ARCH=$arch sh "$here/build-image.sh"
done
