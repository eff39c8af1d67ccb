#!/bin/sh
# `make vm-run GUEST=debian CMD=...` and `make vm-shell GUEST=debian`: boots
# a fresh "debian" guest (Debian 12 with systemd, vm/debian/build-rootfs.sh),
# puts the tree's package at /root/killswitch.deb (install it with
# `apt-get install /root/killswitch.deb`: DKMS builds the module in the
# guest), then runs one command as root over SSH, or gives a login shell.
# The guest is powered off afterwards; its kernel log is checked for oopses.
#   usage: vm/debian/run.sh run '<command>' | shell
set -eu
here=$(cd "$(dirname "$0")" && pwd)
name=run-$$
guest() { sh "$here/guest.sh" "$@"; }
case "${1:-}" in
run) [ $# -eq 2 ] || { echo "usage: $0 run '<command>' | shell" >&2; exit 2; } ;;
shell) ;;
*) echo "usage: $0 run '<command>' | shell" >&2; exit 2 ;;
esac
trap 'guest stop "$name" >&2' EXIT
guest start "$name"
guest wait "$name"
deb=$(ls -t "$here"/../../build/killswitch_*_amd64.deb 2>/dev/null | head -n1)
[ -z "$deb" ] || guest copy "$name" "$deb" /root/killswitch.deb
if [ "$1" = shell ]; then
	# shellcheck disable=SC2046
	ssh -t $(sh "$here/guest.sh" ssh-options "$name") root@127.0.0.1
else
	rc=0
	guest ssh "$name" "$2" || rc=$?
	trap - EXIT
	guest stop "$name" >&2 || exit $?
	exit "$rc"
fi
