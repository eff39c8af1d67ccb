#!/bin/sh
# Runs a program built for the guest inside a fresh guest, passing its
# arguments: CTest's "emulator" for the guest tests. Listing the tests needs
# no kernel, so --gtest_list_tests runs the (static) program here instead.
#   usage: guest-exec.sh <program under build/guest or build/guest-arm64> [args...]
#          guest-exec.sh --suites=A,B,C <program> [args...]
# The second form runs the program once per gtest suite (--gtest_filter=A.*,
# then B.*, ...) in one guest: a boot costs about 8 s of a core under TCG,
# and a process per suite keeps the suites from sharing a test program's
# state. An item may also be one test (Suite.Test). It exits with the
# status of the last suite that failed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
suites=
case "$1" in
--suites=*) suites=$(echo "${1#--suites=}" | tr ',' ' ') && shift ;;
esac
prog=$1
shift
for arg in "$@"; do
	[ "$arg" = --gtest_list_tests ] && exec "$prog" "$@"
done

# The kernel (KS_KERNEL, KS_ARCH) says which guest programs it runs.
ks_top=$(cd "$here/.." && pwd)
. "$here/kernel.sh"
guest_dir=$(cd "$ks_guest_dir" && pwd)

case "$prog" in
"$guest_dir"/*) cmd="/opt/killswitch/${prog#"$guest_dir"/}" ;;
*) echo "guest-exec: $prog is not under $guest_dir, the guest cannot see it" >&2; exit 2 ;;
esac
for arg in "$@"; do
	# Single-quote each argument for the guest's shell.
	cmd="$cmd '$(printf '%s' "$arg" | sed "s/'/'\\\\''/g")'"
done
if [ -n "$suites" ]; then
	one=$cmd
	cmd="rc=0"
	for suite in $suites; do
		case "$suite" in
		*[!A-Za-z0-9_.]* | .* | *. | *.*.*) echo "guest-exec: bad suite name: $suite" >&2; exit 2 ;;
		*.*) filter=$suite ;;
		*) filter="$suite.'*'" ;;
		esac
		cmd="$cmd; $one --gtest_filter=$filter || rc=\$?"
	done
	cmd="$cmd; exit \$rc"
fi
exec "$here/run.sh" run "$cmd"
