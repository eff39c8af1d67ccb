#!/bin/sh
# Secure Boot end to end, as a Debian 12 host has it (docs/secure-boot.md):
# UEFI firmware with Microsoft's keys, Debian's signed shim, grub and kernel,
# lockdown at integrity. Four boots of one machine (its firmware variables
# kept between them):
#   1. DKMS has built and signed killswitch.ko with its machine-owner key;
#      the kernel refuses it (the key is not enrolled); mokutil queues it.
#   2. MokManager, driven over the serial console, enrolls the key.
#   3. The module loads; a runtime engage, and engage= given to modprobe,
#      are refused by lockdown; `persist --boot` writes the kernel command
#      line route.
#   4. Booted with that command line: the mitigation is in force (the Copy
#      Fail trigger is refused) although lockdown refuses runtime changes.
# Needs `make build vm-image` done and root (dkms); about a minute under TCG.
set -eu
cd "$(dirname "$0")/../.."
release=$(sh scripts/kernel-release.sh)
version=$(cat VERSION)
kroot=build/vm/kernel/$release
work=$(mktemp -d "${TMPDIR:-/tmp}/ks-secure-boot.XXXXXX")
trap 'rm -rf "$work"' EXIT
password=ks-mok-1  # MokManager asks for it once, to confirm the enrolment

step() { printf '\n== %s\n' "$*"; }
fail() {
	echo "FAIL: $*" >&2
	exit 1
}
# boot <name> <guest command>: one boot, its output kept and shown.
boot() {
	name=$1
	shift
	if ! sh vm/run.sh run "$1" >"$work/$name.log" 2>&1; then
		cat "$work/$name.log"
		fail "boot '$name'"
	fi
	grep -v '^\[' "$work/$name.log" | tail -n 30
}

step "DKMS builds killswitch.ko and signs it with its machine-owner key"
sh scripts/dkms-source.sh "$work/src/killswitch-$version"
mkdir -p "$work/dkms"
if ! { dkms add -m killswitch -v "$version" --sourcetree "$work/src" --dkmstree "$work/dkms" &&
	dkms build -m killswitch -v "$version" -k "$release" --sourcetree "$work/src" --dkmstree "$work/dkms"; } \
	>"$work/dkms.log" 2>&1; then
	cat "$work/dkms.log"
	fail "dkms build"
fi
ko=$work/dkms/killswitch/$version/$release/x86_64/module/killswitch.ko
signer=$(modinfo -F signer "$ko")
echo "signed by: $signer"
[ "$signer" = "DKMS module signing key" ] || fail "DKMS did not sign the module"

# The guest's modules: Debian's own (signed by Debian) and, where DKMS
# installs it, the DKMS build; not the unsigned one of the test harness.
mkdir -p "$work/root/lib/modules"
cp -al "$kroot/lib/modules/$release" "$work/root/lib/modules/"
rm -f "$work/root/lib/modules/$release/extra/killswitch.ko"
install -D -m 0644 "$ko" "$work/root/lib/modules/$release/updates/dkms/killswitch.ko"
depmod -b "$work/root" "$release"

mkdir -p "$work/share"
cp /var/lib/dkms/mok.pub "$work/share/mok.der"
cp /usr/share/OVMF/OVMF_VARS_4M.ms.fd "$work/vars.fd"
export KS_LOAD=0 VM_SECURE_BOOT="$work/vars.fd" VM_MODULES="$work/root/lib/modules" VM_SHARE="$work/share"
export VM_TIMEOUT=300

step "1. Before enrolment: Secure Boot refuses the DKMS-built module"
boot before '
set -x
grep -q "\[integrity\]" /sys/kernel/security/lockdown || exit 11
killswitch status >/tmp/status; cat /tmp/status
grep -q "^secure boot: on" /tmp/status || exit 12
grep -q "updates/dkms/killswitch.ko, signed by \"DKMS module signing key\"" /tmp/status || exit 13
if modprobe killswitch 2>/tmp/modprobe; then exit 14; fi
cat /tmp/modprobe
grep -q "Key was rejected by service" /tmp/modprobe || exit 15
mokutil --generate-hash='"$password"' >/tmp/mok.hash || exit 16
mokutil --import /mnt/host/mok.der --hash-file /tmp/mok.hash || exit 16
mokutil --list-new | grep -q "CN=DKMS module signing key" || exit 17
'

step "2. MokManager enrolls the key (the operator's step at the console)"
if ! expect vm/secure-boot/enroll-mok.exp "$password" sh vm/run.sh shell >"$work/enroll.log" 2>&1; then
	tr -d '\033' <"$work/enroll.log" | tail -n 40
	fail "enrolment"
fi
echo "enrolled"

step "3. After enrolment: the module loads; lockdown refuses runtime changes"
boot after '
set -x
modprobe killswitch || exit 21
dmesg | grep -q "Loaded X.509 cert .DKMS module signing key" || exit 22
killswitch status >/tmp/status; cat /tmp/status
grep -q "^lockdown: integrity" /tmp/status || exit 23
grep -q "persist --boot" /tmp/status || exit 24
modprobe af_alg || exit 25
if killswitch engage af_alg_sendmsg -EPERM 2>/tmp/engage; then exit 25; fi
cat /tmp/engage
grep -q "locked down" /tmp/engage || exit 26
[ -z "$(cat /sys/kernel/security/killswitch/engaged)" ] || exit 27
# engage= counts under lockdown only from the kernel command line itself.
rmmod killswitch || exit 27
modprobe killswitch engage=af_alg:af_alg_sendmsg=-1 || exit 27
dmesg | grep -q "engage= refused: the kernel is locked down" || exit 27
[ -z "$(cat /sys/kernel/security/killswitch/engaged)" ] || exit 27
killswitch --catalog /opt/killswitch/profiles persist --boot CVE-2026-31431 || exit 28
cat /etc/default/grub.d/killswitch.cfg
killswitch status | grep "next boot:" || exit 29
echo "CMDLINE=$(grep -o "killswitch.engage=[^\"]*" /etc/default/grub.d/killswitch.cfg)"
'
cmdline=$(sed -n 's/^CMDLINE=//p' "$work/after.log" | tr -d '\r')
[ -n "$cmdline" ] || fail "persist --boot wrote no killswitch.engage="

step "4. Booted with $cmdline: the mitigation is in force under lockdown"
VM_APPEND="$cmdline" boot mitigated '
set -x
grep -q "\[integrity\]" /sys/kernel/security/lockdown || exit 31
modprobe killswitch || exit 32
if ks-trigger af-alg-aead; then exit 33; fi
cat /sys/kernel/security/killswitch/engaged
grep -q "^algif_aead:aead_sendmsg retval=-1 hits=[1-9]" /sys/kernel/security/killswitch/engaged || exit 34
dmesg | grep "by module parameter engage=" || exit 35
'
echo "ok: Secure Boot route works end to end"
