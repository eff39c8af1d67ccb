#!/bin/sh
# Prints the release (uname -r) of the kernel that KS_KERNEL and KS_ARCH pick
# from vm/kernels (the first line without them): the one the module is built
# for and the VM boots.
set -eu
ks_top=$(cd "$(dirname "$0")/.." && pwd)
. "$ks_top/vm/kernel.sh"
echo "$ks_release"
