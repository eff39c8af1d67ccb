#!/bin/sh
# Gives out-of-tree modules the BTF an in-tree build would give them, so the
# guest kernel types their functions as it does for its own modules (the
# safety rules refuse to short-circuit what BTF does not describe). Debian's
# headers ship no vmlinux, which Kbuild needs for this step, so the base BTF
# comes from the guest's own image.
#   usage: add-module-btf.sh <kernel-root> <module.ko>...   (in place)
set -eu
kroot=$1
shift
release=$(basename "$kroot")
base=$kroot/vmlinux.btf

# The kernel's BTF sits in its image between __start_BTF and __stop_BTF.
if [ ! -s "$base" ]; then
	image=$kroot/boot/vmlinuz-$release
	tmp=$(mktemp "${TMPDIR:-/tmp}/ks-vmlinux.XXXXXX")
	trap 'rm -f "$tmp"' EXIT
	if [ "$(od -An -c -j 514 -N4 "$image" | tr -d ' ')" = HdrS ]; then
		# x86 bzImage: the vmlinux ELF inside it.
		vmlinux=$kroot/vmlinux
		[ -f "$vmlinux" ] || { sh "$(dirname "$0")/extract-vmlinux.sh" "$image" "$tmp" && vmlinux=$tmp; }
		objcopy -O binary --only-section=.BTF "$vmlinux" "$base.tmp"
	else
		# arm64 Image (gzipped or not): a flat image of the kernel, and Debian's
		# System.map is a placeholder, so find the BTF by its header: magic
		# 0xeb9f, version 1, flags 0, hdr_len 24; its length is hdr_len +
		# str_off + str_len (the strings come last).
		gzip -dcf "$image" >"$tmp"
		at=$(LC_ALL=C grep -obUaP '\x9f\xeb\x01\x00\x18\x00\x00\x00' "$tmp" | head -n 1 | cut -d: -f1)
		[ -n "$at" ] || { echo "add-module-btf: no BTF header in $image" >&2; exit 1; }
		word() { od -An -tu4 -j $((at + $1)) -N4 "$tmp" | tr -d ' '; }
		tail -c +$((at + 1)) "$tmp" | head -c $((24 + $(word 16) + $(word 20))) >"$base.tmp"
	fi
	[ "$(od -An -tx1 -N2 "$base.tmp" | tr -d ' ')" = 9feb ] || { echo "add-module-btf: no BTF found in $image" >&2; exit 1; }
	mv "$base.tmp" "$base"
fi

# pahole adds the section with objcopy, which must know the module's machine.
objcopy=objcopy
case "$release" in
*-arm64) [ "$(dpkg --print-architecture)" = arm64 ] || objcopy=aarch64-linux-gnu-objcopy ;;
esac
for ko in "$@"; do
	LLVM_OBJCOPY=$objcopy pahole -J --btf_base "$base" "$ko"
done
