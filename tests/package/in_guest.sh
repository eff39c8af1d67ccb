#!/bin/sh
# Runs in the guest: installs the killswitch package with (busybox) dpkg and
# uses it the way killswitch.service does. The guest has no DKMS and no
# systemd, so postinst's module build and unit enablement report and move on;
# the module the guest booted with is the one from this tree.
set -eu
DEB=$1
fail() { echo "FAIL: $*"; exit 1; }

mkdir -p /var/lib/dpkg/info /var/lib/dpkg/updates
touch /var/lib/dpkg/status
# dkms and kmod are not packages in this busybox guest: their absence is forced past.
dpkg -i -F depends "$DEB" || fail "dpkg -i"
dpkg -l | grep -q '^ii  killswitch' || dpkg -s killswitch | grep -q 'install ok installed' || fail "not installed"

for f in /usr/share/killswitch/profiles/CVE-2026-31431.toml /lib/systemd/system/killswitch.service \
	/usr/src/killswitch-0.1.0/dkms.conf /etc/modprobe.d/killswitch.conf; do
	[ -f "$f" ] || fail "missing $f"
done
# The package never loads the module by itself: only a persisted profile
# (the unit) or persist --boot (its own modules-load.d entry) does.
[ ! -e /usr/lib/modules-load.d/killswitch.conf ] || fail "the package loads the module at every boot"
UNIT=/lib/systemd/system/killswitch.service
grep -q '^ConditionDirectoryNotEmpty=/etc/killswitch/profiles.d$' $UNIT || fail "the unit runs with nothing persisted"
# The unit's own commands, as systemd would run them (the guest has no systemd).
START=$(sed -n 's/^ExecStart=//p' $UNIT)
STOP=$(sed -n 's/^ExecStop=//p' $UNIT)
[ -n "$START" ] && [ -n "$STOP" ] || fail "the unit has no ExecStart or ExecStop"
[ -d /etc/killswitch/profiles.d ] || fail "no /etc/killswitch/profiles.d"

KS=/usr/sbin/killswitch
$KS profiles validate /usr/share/killswitch/profiles || fail "catalog invalid"
$KS persist CVE-2026-31431 CVE-2026-43284 || fail "persist"
[ -L /etc/killswitch/profiles.d/CVE-2026-31431.toml ] || fail "persist made no link"

# What the unit runs at boot (with the tool this tree has): every persisted
# profile is skipped on this fixed kernel, each with its reason, exit 0.
out=$($KS apply /etc/killswitch/profiles.d) || fail "apply exited $?"
echo "$out"
[ "$(echo "$out" | grep -c ': not-applicable: the running Debian kernel .* is at or past')" -eq 2 ] ||
	fail "persisted profiles not skipped with a reason"
[ -z "$(cat /sys/kernel/security/killswitch/engaged)" ] || fail "something was engaged"

$START >/dev/null || fail "ExecStart exited $?"
[ -z "$(cat /sys/kernel/security/killswitch/engaged)" ] || fail "ExecStart engaged on a fixed kernel"

# And with --ignore-version it engages, as on a vulnerable kernel.
$KS apply --ignore-version /etc/killswitch/profiles.d >/dev/null || fail "apply --ignore-version"
grep -q '^algif_aead:aead_sendmsg retval=-1' /sys/kernel/security/killswitch/engaged || fail "not engaged"
# systemctl stop: the persisted profiles are reverted; an engagement of
# someone else's stays.
$KS engage af_alg:af_alg_sendmsg -EPERM >/dev/null || fail "engage by hand"
out=$($STOP) || fail "ExecStop exited $?"
echo "$out"
echo "$out" | grep -q 'CVE-2026-31431: reverted' || fail "ExecStop did not say what it reverted"
! grep -q '^algif_aead:' /sys/kernel/security/killswitch/engaged || fail "ExecStop left the profiles' engagements"
grep -q '^af_alg:af_alg_sendmsg ' /sys/kernel/security/killswitch/engaged || fail "ExecStop took someone else's engagement"
$KS disengage af_alg:af_alg_sendmsg >/dev/null || fail "disengage"
$KS revert CVE-2026-31431 CVE-2026-43284 >/dev/null || fail "revert"

$KS unpersist CVE-2026-31431 CVE-2026-43284 >/dev/null || fail "unpersist"
dpkg -r killswitch >/dev/null || fail "dpkg -r"
[ ! -e /usr/sbin/killswitch ] || fail "files left after removal"
echo "PASS: package installs, persists, applies, reverts, removes"
