#!/bin/sh
# QEMU options for a Secure Boot machine: q35 with SMM (the firmware keeps
# its variables out of the OS's reach), OVMF with Microsoft's keys enrolled
# (so Debian's shim is trusted), a writable variables file, and the ESP
# folder as a read-only FAT disk.
#   usage: qemu-args.sh <vars file> <esp dir>
set -eu
vars=$1
esp=$2
echo "-machine q35,smm=on -global driver=cfi.pflash01,property=secure,value=on" \
	"-drive if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.ms.fd" \
	"-drive if=pflash,format=raw,unit=1,file=$vars" \
	"-drive if=none,id=esp,format=raw,readonly=on,file=fat:$esp -device virtio-blk-pci,drive=esp"
