#!/bin/sh
# Builds the Debian package and installs and uses it in a fresh guest
# (tests/package/in_guest.sh). Needs `make build vm-image` done.
set -eu
cd "$(dirname "$0")/../.."
DEB=$(sh scripts/build-deb.sh build/cmake 2>/dev/null)
# Lintian-clean: no errors and no warnings (the few overrides are explained
# in packaging/debian/lintian-overrides).
if ! report=$(lintian --fail-on error,warning "$DEB" 2>&1); then
	printf '%s\n' "$report" >&2
	echo "FAIL: lintian" >&2
	exit 1
fi
mkdir -p build/guest/package
cp "$DEB" build/guest/package/
cp tests/package/in_guest.sh build/guest/package/
sh vm/run.sh run "sh /opt/killswitch/package/in_guest.sh /opt/killswitch/package/$(basename "$DEB")"
