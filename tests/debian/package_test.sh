#!/bin/sh
# The Debian package on Debian's own userspace, as an operator lives with
# it, from the disk install_test.sh installed it on: a persisted profile
# comes back at boot under systemd, and the journal says so; its metrics
# reach a real node_exporter; removing the package disengages everything,
# and purging it leaves nothing behind.
set -eu
cd "$(dirname "$0")/../.."
name=package
guest() { sh vm/debian/guest.sh "$@"; }
on() { guest ssh "$name" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
t0=$(date +%s)
step() { echo "== [$(($(date +%s) - t0)) s] $*"; }
[ -f build/debian/installed.qcow2 ] || fail "no build/debian/installed.qcow2: run tests/debian/install_test.sh first"

# A rehearsal of CVE day: Copy Fail's profile under an id no changelog
# names, without its [fixed] table, as a team writes one before any fixed
# kernel exists. This kernel's need is then unknown, and the unit applies a
# persisted profile of unknown need: the operator chose it.
cve_day=$(mktemp -d)
trap 'rm -rf "$cve_day"; guest stop "$name" || true' EXIT
sed -e '/^\[fixed\]/,/^$/d' -e 's/^id = .*/id = "CVE-2099-0001"/' profiles/CVE-2026-31431.toml \
	>"$cve_day/CVE-2099-0001.toml"

step "boot the installed disk"
DEBIAN_BASE=build/debian/installed.qcow2 guest start "$name"
guest wait "$name"
guest copy "$name" "$cve_day/CVE-2099-0001.toml" /root/

step "persist a profile, reboot: systemd applies it at boot"
on 'killswitch persist /root/CVE-2099-0001.toml CVE-2026-31431'
guest reboot "$name"
[ "$(on 'systemctl is-active killswitch.service')" = active ] || { on 'systemctl status killswitch' || true; fail "unit not active"; }
journal=$(on 'journalctl -b -u killswitch.service -o cat')
echo "$journal"
echo "$journal" | grep -q 'CVE-2099-0001: applied' || fail "the journal does not say the profile was applied"
# The catalog's own Copy Fail profile knows this kernel is fixed: skipped, with the reason.
echo "$journal" | grep -q '^CVE-2026-31431: not-applicable: .* fixed' || fail "the fixed kernel's profile was not skipped with a reason"
on 'grep -q "^algif_aead:aead_sendmsg retval=-1 " /sys/kernel/security/killswitch/engaged' || fail "not engaged after boot"
[ "$(on 'python3 /root/af_alg.py aead' || true)" = EPERM ] || fail "AF_ALG AEAD is not refused with EPERM"
[ "$(on 'python3 /root/af_alg.py hash')" = ok ] || fail "AF_ALG hashes stopped working"
on 'systemctl status killswitch.service --no-pager' | grep -q 'Active: active (exited)' || fail "systemctl status"

step "node_exporter serves killswitch's metrics; promtool accepts them"
[ "$(on 'systemctl is-active killswitch-metrics.timer')" = active ] || fail "the package did not start the metrics timer"
on 'systemctl start killswitch-metrics.service'
# The guest image starts it on demand only (vm/debian/build-rootfs.sh).
on 'systemctl start prometheus-node-exporter && systemctl is-active prometheus-node-exporter >/dev/null' ||
	fail "node_exporter does not run"
on 'python3 -c "import urllib.request; print(urllib.request.urlopen(\"http://127.0.0.1:9100/metrics\").read().decode())"' |
	grep '^killswitch_\|^# [A-Z]* killswitch_' >"$cve_day/scraped.prom" || fail "no killswitch metrics in node_exporter's scrape"
grep -q '^killswitch_profile_applied{profile="CVE-2099-0001"} 1$' "$cve_day/scraped.prom" ||
	{ cat "$cve_day/scraped.prom"; fail "node_exporter does not show the profile applied"; }
promtool check metrics <"$cve_day/scraped.prom" || fail "promtool check metrics"

step "systemctl stop reverts the persisted profile only, start applies it again"
on 'killswitch engage algif_hash:hash_sendmsg -EPERM >/dev/null'
on 'systemctl stop killswitch.service'
[ "$(on 'python3 /root/af_alg.py aead')" = ok ] || fail "AEAD still refused after stop"
on 'grep -q "^algif_hash:hash_sendmsg " /sys/kernel/security/killswitch/engaged' || fail "stop took an engagement made by hand"
on 'systemctl start killswitch.service'
[ "$(on 'python3 /root/af_alg.py aead' || true)" = EPERM ] || fail "AEAD not refused after start"

step "removing the package disengages everything and unloads the module"
on 'DEBIAN_FRONTEND=noninteractive apt-get remove -y -q killswitch' >"$cve_day/apt.log" 2>&1 ||
	{ cat "$cve_day/apt.log"; fail "apt-get remove"; }
on '! grep -q "^killswitch " /proc/modules' || fail "the module is still loaded"
on '[ ! -e /sys/kernel/security/killswitch ]' || fail "securityfs files left"
[ "$(on 'python3 /root/af_alg.py aead')" = ok ] || fail "AEAD still refused after removal"
[ "$(on 'python3 /root/af_alg.py hash')" = ok ] || fail "the hash engaged by hand is still refused after removal"
on '[ ! -e /usr/sbin/killswitch ] && [ -z "$(dkms status killswitch)" ]' || fail "the tool or the DKMS module stayed"
on '[ ! -e /var/lib/prometheus/node-exporter/killswitch.prom ]' || fail "node_exporter would go on serving stale metrics"
on "[ ! -e /lib/modules/\$(uname -r)/updates/dkms/killswitch.ko ]" || fail "killswitch.ko stayed"

step "purging leaves nothing behind"
on 'DEBIAN_FRONTEND=noninteractive apt-get purge -y -q killswitch' >/dev/null 2>&1 || fail "apt-get purge"
left=$(on 'find / -xdev \( -path /proc -o -path /sys -o -path /root \) -prune -o -name "*killswitch*" -print')
[ -z "$left" ] || fail "left behind: $left"
# What boot would start is what systemd knows after a reload: nothing of
# the package, nothing failed. (No reboot to see it: a boot of this guest
# costs minutes of a core under TCG, and the find above already shows no
# unit, module or DKMS tree is left for a boot to trip over.)
on 'systemctl daemon-reload'
on '! systemctl list-unit-files "killswitch*" --no-legend | grep -q .' || fail "systemd still knows a killswitch unit"
[ "$(on 'systemctl is-system-running || true')" = running ] || { on 'systemctl --failed' || true; fail "the system is degraded after the purge"; }
step "done"
echo "PASS: installed with DKMS, applied at boot by systemd, reverted, removed and purged cleanly"
