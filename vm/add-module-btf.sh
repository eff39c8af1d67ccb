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
		# x86 bzImage: the setup header says where the compressed kernel
		# starts and how long it is (Documentation/x86/boot.rst:
		# setup_sects, payload_offset/length); the payload is the vmlinux ELF.
		sects=$(od -An -tu1 -j 497 -N1 "$image" | tr -d ' ')
		offset=$(od -An -tu4 -j 584 -N4 "$image" | tr -d ' ')
		length=$(od -An -tu4 -j 588 -N4 "$image" | tr -d ' ')
		# xz (6.1) or zstd (6.12), whichever its magic says.
		tail -c +$(((sects + 1) * 512 + offset + 1)) "$image" | head -c "$length" >"$tmp.z"
		case "$(od -An -tx1 -N4 "$tmp.z" | tr -d ' ')" in
		# (the kernel appends the size after the frame, which zstd calls an error)
		28b52ffd) zstd -dcq "$tmp.z" >"$tmp" 2>/dev/null || true ;;
		*) xz -dc "$tmp.z" >"$tmp" 2>/dev/null || true ;;
		esac
		rm -f "$tmp.z"
		objcopy -O binary --only-section=.BTF "$tmp" "$base.tmp"
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
