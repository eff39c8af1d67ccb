#!/bin/sh
# Gives out-of-tree modules the BTF an in-tree build would give them, so the
# guest kernel types their functions as it does for its own modules (the
# safety rules refuse to short-circuit what BTF does not describe). Debian's
# headers ship no vmlinux, which Kbuild needs for this step, so the base BTF
# comes from the guest's own vmlinuz: its xz payload is the vmlinux ELF.
#   usage: add-module-btf.sh <kernel-root> <module.ko>...   (in place)
set -eu
kroot=$1
shift
release=$(basename "$kroot")
base=$kroot/vmlinux.btf

if [ ! -s "$base" ]; then
	image=$kroot/boot/vmlinuz-$release
	# The setup header says where the compressed kernel starts and how long
	# it is (Documentation/x86/boot.rst: setup_sects, payload_offset/length).
	sects=$(od -An -tu1 -j 497 -N1 "$image" | tr -d ' ')
	offset=$(od -An -tu4 -j 584 -N4 "$image" | tr -d ' ')
	length=$(od -An -tu4 -j 588 -N4 "$image" | tr -d ' ')
	elf=$(mktemp "${TMPDIR:-/tmp}/ks-vmlinux.XXXXXX")
	trap 'rm -f "$elf"' EXIT
	tail -c +$(((sects + 1) * 512 + offset + 1)) "$image" | head -c "$length" | xz -dc >"$elf" 2>/dev/null || true
	objcopy -O binary --only-section=.BTF "$elf" "$base.tmp"
	[ -s "$base.tmp" ] || { echo "add-module-btf: no .BTF in $image" >&2; exit 1; }
	mv "$base.tmp" "$base"
fi

for ko in "$@"; do
	LLVM_OBJCOPY=objcopy pahole -J --btf_base "$base" "$ko"
done
