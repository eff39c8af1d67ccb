#!/bin/sh
# Builds the guest's initramfs: busybox, the guest init, and only the modules
# needed to mount the host's shares over virtio-9p. Every other module (the
# kernel's own and ours) comes from the host's modules tree mounted at
# /lib/modules, so the guest has the real tree and modules.dep for autoload.
#   usage: build-initramfs.sh <kernel-root> <output.cpio.gz> [<arch>]
# <arch> (Debian's name, this machine's by default) picks the busybox.
set -eu
kroot=$1
out=$2
arch=${3:-$(dpkg --print-architecture)}
here=$(cd "$(dirname "$0")" && pwd)
release=$(basename "$kroot")
moddir="$kroot/lib/modules/$release"
early_modules="virtio_pci 9pnet_virtio 9p"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

mkdir -p "$stage/bin" "$stage/sbin" "$stage/proc" "$stage/sys" "$stage/dev" \
	"$stage/tmp" "$stage/run" "$stage/mnt/host" "$stage/opt/killswitch" \
	"$stage/etc" "$stage/root" "$stage/lib/modules/$release"
if [ "$arch" = "$(dpkg --print-architecture)" ]; then
	cp /bin/busybox "$stage/bin/busybox"
else
	# Another architecture's static busybox, from its package.
	(cd "$stage" && apt-get download -q "busybox-static:$arch" >&2 && dpkg-deb -x busybox-static_*.deb pkg && rm busybox-static_*.deb)
	mv "$stage/pkg/bin/busybox" "$stage/bin/busybox"
	rm -rf "$stage/pkg"
fi
ln -s busybox "$stage/bin/sh"
cp "$here/guest/init" "$stage/init"
chmod 755 "$stage/init"
echo "root:x:0:0:root:/root:/bin/sh" >"$stage/etc/passwd"
echo "nobody:x:65534:65534:nobody:/:/bin/false" >>"$stage/etc/passwd"
echo "root:x:0:" >"$stage/etc/group"
echo "nogroup:x:65534:" >>"$stage/etc/group"

# Copy each early module and, recursively, what modules.dep says it needs;
# some kernels build some of them in (6.12: virtio_pci).
copy_module() {
	grep -q "/$1.ko\$" "$moddir/modules.builtin" && return 0
	path=$(grep "/$1.ko:" "$moddir/modules.dep" | cut -d: -f1)
	[ -n "$path" ] || { echo "build-initramfs: no module $1" >&2; exit 1; }
	[ -f "$stage/lib/modules/$release/$path" ] && return 0
	mkdir -p "$stage/lib/modules/$release/$(dirname "$path")"
	cp "$moddir/$path" "$stage/lib/modules/$release/$path"
	for dep in $(grep "^$path:" "$moddir/modules.dep" | cut -d: -f2); do
		copy_module "$(basename "$dep" .ko)"
	done
}
for m in $early_modules; do
	copy_module "$m"
done
cp "$moddir/modules.dep" "$moddir/modules.alias" "$moddir/modules.builtin" "$stage/lib/modules/$release/"

# mokutil, for the Secure Boot guest (tests/vm/secure_boot_test.sh): it
# asks the firmware to enroll a machine-owner key. Dynamic, so its
# libraries and the loader come along.
copy_program() {
	install -D -m 0755 "$1" "$stage$1"
	ldd "$1" | grep -o '/[^ ]*' | while read -r lib; do
		[ -f "$stage$lib" ] || install -D -m 0755 "$lib" "$stage$lib"
	done
}
[ "$arch" = amd64 ] && copy_program /usr/bin/mokutil

(cd "$stage" && find . | cpio -o -H newc --quiet) | gzip -1 >"$out.tmp"
mv "$out.tmp" "$out"
