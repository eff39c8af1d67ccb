#!/bin/sh
# The Debian package installed on Debian's own userspace as an operator
# installs it: lintian-clean, apt installs it and DKMS builds killswitch.ko
# for the running kernel in the guest, the unit is enabled, nothing is
# loaded yet. Keeps the installed disk as build/debian/installed.qcow2, and
# the package as build/debian/installed.deb, for the tests that start from
# there (package_test.sh, ansible_test.sh), which then run side by side.
# Needs `make build vm-userspace`.
set -eu
cd "$(dirname "$0")/../.."
name=install
guest() { sh vm/debian/guest.sh "$@"; }
on() { guest ssh "$name" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
t0=$(date +%s)
step() { echo "== [$(($(date +%s) - t0)) s] $*"; }

DEB=$(sh scripts/build-deb.sh build/cmake)
# Lintian-clean: no errors and no warnings (the few overrides are explained
# in packaging/debian/lintian-overrides).
report=$(lintian --fail-on error,warning "$DEB" 2>&1) || { printf '%s\n' "$report" >&2; fail "lintian"; }
VERSION=$(cat VERSION)
work=$(mktemp -d)
trap 'rm -rf "$work"; guest stop "$name" || true' EXIT

step "boot the guest"
guest start "$name"
guest wait "$name"
guest copy "$name" "$DEB" /root/killswitch.deb
guest copy "$name" tests/debian/af_alg.py /root/

step "apt installs the package; DKMS builds the module for the running kernel"
on 'DEBIAN_FRONTEND=noninteractive apt-get install -y -q /root/killswitch.deb' >"$work/apt.log" 2>&1 ||
	{ cat "$work/apt.log"; fail "apt-get install"; }
release=$(on 'uname -r')
[ -n "$release" ] || fail "no kernel release from the guest"
on "dkms status killswitch/$VERSION" | grep -q ", $release, x86_64: installed" || fail "dkms did not install it"
on 'modinfo -n killswitch' | grep -q "^/lib/modules/$release/updates/dkms/killswitch.ko" ||
	fail "modprobe would not load the DKMS module"
[ "$(on 'systemctl is-enabled killswitch.service')" = enabled ] || fail "the unit is not enabled"
on '! grep -q "^killswitch " /proc/modules' || fail "installing loaded the module"
on 'python3 /root/af_alg.py aead' >/dev/null || fail "AF_ALG AEAD does not work before any profile"

# The next tests start from this disk: the package installed by apt and
# built by DKMS here, nothing persisted.
step "keep the installed disk"
guest save "$name" build/debian/installed.qcow2
cp "$DEB" build/debian/installed.deb
echo "PASS: lintian-clean, installed by apt, built by DKMS for the running kernel"
