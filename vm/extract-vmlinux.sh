#!/bin/sh
# The vmlinux ELF inside an x86 bzImage: the setup header says where the
# compressed kernel starts and how long it is (Documentation/x86/boot.rst:
# setup_sects, payload_offset/length); the payload is xz (Debian's 6.1) or
# zstd (6.12), whichever its magic says.
#   usage: extract-vmlinux.sh <bzImage> <out>
set -eu
image=$1
out=$2
[ "$(od -An -c -j 514 -N4 "$image" | tr -d ' ')" = HdrS ] || { echo "extract-vmlinux: $image is no bzImage" >&2; exit 1; }
sects=$(od -An -tu1 -j 497 -N1 "$image" | tr -d ' ')
offset=$(od -An -tu4 -j 584 -N4 "$image" | tr -d ' ')
length=$(od -An -tu4 -j 588 -N4 "$image" | tr -d ' ')
tail -c +$(((sects + 1) * 512 + offset + 1)) "$image" | head -c "$length" >"$out.z"
case "$(od -An -tx1 -N4 "$out.z" | tr -d ' ')" in
# (the kernel appends the size after the frame, which zstd calls an error)
28b52ffd) zstd -dcq "$out.z" >"$out.tmp" 2>/dev/null || true ;;
*) xz -dc "$out.z" >"$out.tmp" 2>/dev/null || true ;;
esac
rm -f "$out.z"
[ "$(od -An -c -N4 "$out.tmp" | tr -d ' ')" = 177ELF ] || { rm -f "$out.tmp"; echo "extract-vmlinux: no ELF in $image" >&2; exit 1; }
mv "$out.tmp" "$out"
