#!/bin/sh
# The series' own kselftests (tools/testing/selftests/killswitch), as the
# kernel tree has them after the series is applied, run in the in-tree guest:
# killswitch_test.sh and cve_2026_31431 (built here, static). Every test
# must pass; a skip of the whole program fails too, as the guest has all
# they need.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
selftests=$top/build/intree/src-6.1/tools/testing/selftests
[ -d "$selftests/killswitch" ] || { echo "no in-tree kselftests: make intree"; exit 1; }
share=$(mktemp -d)
out=$(mktemp)
trap 'rm -rf "$share" "$out"' EXIT
cp "$selftests/killswitch/killswitch_test.sh" "$share/"
gcc -Wall -Werror -O2 -static -I"$selftests" -o "$share/cve_2026_31431" \
	"$selftests/killswitch/cve_2026_31431.c"

status=0
KS_KERNEL=intree VM_SHARE=$share sh "$top/vm/run.sh" run \
	'sh /mnt/host/killswitch_test.sh; echo "killswitch_test.sh exit $?"; /mnt/host/cve_2026_31431; echo "cve_2026_31431 exit $?"' \
	>"$out" 2>&1 || status=$?
cat "$out"
[ "$status" = 0 ] || { echo "FAIL: the guest run failed ($status)"; exit 1; }
for program in killswitch_test.sh cve_2026_31431; do
	grep -q "^$program exit 0" "$out" || { echo "FAIL: $program did not pass"; exit 1; }
done
if grep -q "^not ok" "$out"; then
	echo "FAIL: a kselftest failed"; exit 1
fi
echo "ok: the kselftests of the series pass on the in-tree kernel"
