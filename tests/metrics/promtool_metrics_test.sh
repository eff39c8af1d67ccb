#!/bin/sh
# What `killswitch metrics` prints on the real module, checked by Prometheus'
# own promtool (Debian's prometheus package): the format parses and its
# linter (names, units, HELP, counters' _total) finds nothing. The guest
# applies and persists a catalog profile, engages a function by hand with a
# condition and makes a refused write, so every family has samples.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d "${TMPDIR:-/tmp}/ks-promtool.XXXXXX")
trap 'rm -rf "$out"' EXIT

sh "$top/vm/run.sh" run '
set -e
ks="killswitch --catalog /opt/killswitch/profiles"
modprobe test_killswitch
$ks apply --ignore-version CVE-2026-31431 >/dev/null
$ks persist CVE-2026-31431 >/dev/null
echo "engage test_killswitch:test_killswitch_int -EPERM if comm==cat" >/sys/kernel/security/killswitch/control
cat /sys/kernel/debug/test_killswitch/int >/dev/null || true
echo "engage no_such_function_anywhere 1" >/sys/kernel/security/killswitch/control 2>/dev/null || true
echo @@metrics@@
$ks metrics
echo @@end@@
' >"$out/run.txt" || { cat "$out/run.txt"; exit 1; }

sed -n '/^@@metrics@@$/,/^@@end@@$/p' "$out/run.txt" | sed '1d;$d' >"$out/killswitch.prom"
for line in 'killswitch_up 1' 'killswitch_refused_commands_total 1' \
	'killswitch_profile_applied{profile="CVE-2026-31431"} 1' \
	'killswitch_profile_persisted{profile="CVE-2026-31431"} 1'; do
	grep -qxF "$line" "$out/killswitch.prom" || {
		echo "FAIL: no '$line' in:"
		cat "$out/run.txt"
		exit 1
	}
done
grep -q '^killswitch_engagement_info{function="test_killswitch:test_killswitch_int",.*condition="comm==cat",profile=""} 1$' \
	"$out/killswitch.prom" || { echo "FAIL: the engagement by hand is missing"; cat "$out/killswitch.prom"; exit 1; }
promtool check metrics <"$out/killswitch.prom" || { cat "$out/killswitch.prom"; exit 1; }
[ -z "${KS_SHOW:-}" ] || cat "$out/killswitch.prom"  # KS_SHOW=1: print what was checked
echo "promtool: $(grep -vc '^#' "$out/killswitch.prom") samples pass check metrics"
