#!/bin/sh
# Prints the release (uname -r) of the kernel that linux-headers-amd64 points at:
# the one the module is built for and the VM boots.
set -eu
dep=$(dpkg-query -W -f='${Depends}' linux-headers-amd64)
# "linux-headers-6.1.0-56-amd64 (= 6.1.192-2)" -> "6.1.0-56-amd64"
echo "$dep" | sed -n 's/.*linux-headers-\([^ ,]*-amd64\).*/\1/p'
