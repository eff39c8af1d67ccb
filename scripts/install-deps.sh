#!/bin/sh
# Installs, with apt-get, everything the build, the VM harness and the tests need.
# Idempotent: when every package is already there it only checks and returns.
#   install-deps.sh            all of it
#   install-deps.sh userspace  only what builds the Debian guest's root
#                              filesystem (vm/debian/build-rootfs.sh), so that
#                              it can start downloading while the rest installs
# The arm64 guests (vm/kernels) need arm64 as a foreign architecture: their
# kernels, busybox and the libraries the guest programs are cross-built with.
set -eu

PACKAGES="
make gcc g++ cmake pkg-config clang libclang-rt-14-dev
linux-headers-amd64 linux-source-6.1
linux-source-6.12 flex bison bc unifdef git python3
qemu-system-x86 qemu-utils busybox-static cpio kmod zstd xz-utils
mmdebstrap openssh-client e2fsprogs ansible-core
libgtest-dev libgmock-dev
libcli11-dev libfmt-dev nlohmann-json3-dev libtomlplusplus-dev libbpf-dev libexpected-dev
libelf-dev zlib1g-dev dwarves libdpkg-dev lintian libssl-dev
ovmf shim-signed grub-efi-amd64-signed mokutil dkms expect openssl
apt-utils gnupg python3-jsonschema prometheus
qemu-system-arm gcc-aarch64-linux-gnu g++-aarch64-linux-gnu
libgtest-dev:arm64 libgmock-dev:arm64 libfmt-dev:arm64 libbpf-dev:arm64 libelf-dev:arm64
zlib1g-dev:arm64 libssl-dev:arm64 libdpkg-dev:arm64 libtomlplusplus-dev:arm64
"

# mmdebstrap brings apt's and dpkg's own tools; mkfs.ext4 and ssh-keygen too.
if [ "${1:-}" = userspace ]; then
	PACKAGES="mmdebstrap e2fsprogs openssh-client"
fi

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: missing packages:$missing; run as root (or install them)" >&2
	exit 1
fi

echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
dpkg --print-foreign-architectures | grep -qx arm64 || dpkg --add-architecture arm64
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
