#!/bin/sh
# Lays out an EFI system partition as a folder (QEMU shows it as a FAT disk)
# the way a Debian 12 Secure Boot host has it: Debian's signed shim as the
# removable-media loader, beside Debian's signed grub and MokManager, and a
# grub.cfg that boots the (signed) kernel with the test initramfs.
#   usage: esp.sh <dir> <vmlinuz> <initrd> <kernel command line>
set -eu
dir=$1
kernel=$2
initrd=$3
append=$4
mkdir -p "$dir/EFI/BOOT" "$dir/EFI/debian"
cp /usr/lib/shim/shimx64.efi.signed "$dir/EFI/BOOT/BOOTX64.EFI"
cp /usr/lib/shim/mmx64.efi.signed "$dir/EFI/BOOT/mmx64.efi"
cp /usr/lib/grub/x86_64-efi-signed/grubx64.efi.signed "$dir/EFI/BOOT/grubx64.efi"
cp "$kernel" "$dir/vmlinuz"
cp "$initrd" "$dir/initrd.img"
# Debian's signed grub reads its configuration from /EFI/debian.
cat >"$dir/EFI/debian/grub.cfg" <<CFG
set timeout=0
search --no-floppy --file --set=root /vmlinuz
linux /vmlinuz $append
initrd /initrd.img
boot
CFG
