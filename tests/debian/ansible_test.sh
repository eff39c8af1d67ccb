#!/bin/sh
# The Ansible role (ansible/) driving two Debian guests at once, as an
# operator rolls a mitigation out to a fleet: the canary on Debian 12's 6.1
# kernel (c1), which a rehearsal profile says needs it, and a host on 6.12
# (f3), which it says is fixed; the rollout reaches it in the second
# batch. (Two guests, not more: each costs a core for minutes under TCG.) The guests start from the
# disk install_test.sh installed killswitch on (build/debian/installed.qcow2),
# and are reached over SSH on loopback ports only. Covered: a canary rollout
# of a profile and, on the hosts that need it, of a single function,
# idempotence, check mode with diff, a revert, and a canary whose health
# check fails after engaging, which is reverted and stops the rollout.
set -eu
cd "$(dirname "$0")/../.."
top=$PWD
guest() { sh vm/debian/guest.sh "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
t0=$(date +%s)
step() { echo "== [$(($(date +%s) - t0)) s] $*"; }
[ -f build/debian/installed.qcow2 ] || fail "no build/debian/installed.qcow2: run tests/debian/install_test.sh first"

work=$(mktemp -d)
hosts="c1 f3"
cleanup() {
	rc=0
	for h in $hosts; do guest stop "ks-$h" || rc=1; done
	rm -rf "$work"
	return $rc
}
trap cleanup EXIT

# A rehearsal of Copy Fail's profile under an id no changelog names, whose
# fix is recorded for 6.12.100 and (pretended) for 6.1.999: Debian 12's
# 6.1 kernel needs it, its 6.12 kernel does not.
sed -e 's/^id = .*/id = "CVE-2099-0002"/' -e 's/^upstream = .*/upstream = ["6.1.999", "6.12.100"]/' \
	-e 's/^debian = .*/debian = ["6.1.999-1", "6.12.100-1~deb12u1"]/' \
	profiles/CVE-2026-31431.toml >"$work/CVE-2099-0002.toml"
fixed=$(ls build/debian/boot | sed -n 's/^vmlinuz-\(6\.12\..*\)/\1/p' | head -n1)
[ -n "$fixed" ] || fail "no 6.12 kernel in the debian guest image"

step "boot two guests"
for h in $hosts; do
	kernel=$(cat build/debian/release)
	[ "$h" = f3 ] && kernel=$fixed
	DEBIAN_BASE=build/debian/installed.qcow2 DEBIAN_KERNEL=$kernel guest start "ks-$h"
done
{
	echo "[killswitch]"
	for h in $hosts; do echo "$h ansible_port=$(guest port "ks-$h")"; done
	echo "[killswitch:vars]"
	echo "ansible_host=127.0.0.1"
	echo "ansible_user=root"
	echo "ansible_ssh_private_key_file=$top/build/debian/id_ed25519"
	echo "ansible_ssh_common_args='-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR'"
	echo "ansible_python_interpreter=/usr/bin/python3"
} >"$work/inventory"
# The host that needs the mitigation also gets one function engaged by
# itself (host variables, as an operator would scope it).
mkdir "$work/host_vars"
printf 'killswitch_functions:\n  - {function: "algif_skcipher:skcipher_sendmsg", value: "-EPERM"}\n' \
	>"$work/host_vars/c1.yml"
for h in $hosts; do
	guest wait "ks-$h"
	guest copy "ks-$h" tests/debian/af_alg.py /root/af_alg.py
done

# SSH as Ansible's default, less its compression (-C): over loopback it
# only costs the TCG guests CPU; and one connection a host for all five plays.
export ANSIBLE_SSH_ARGS="-o ControlMaster=auto -o ControlPersist=900s"
export ANSIBLE_NOCOLOR=1 ANSIBLE_FORKS=2 ANSIBLE_PIPELINING=1 ANSIBLE_HOST_KEY_CHECKING=0 \
	ANSIBLE_RETRY_FILES_ENABLED=0 ANSIBLE_LOCAL_TEMP="$work/tmp" ANSIBLE_HOME="$work/home"
vars="$work/vars.json"
# The role installs the package the hosts already have (the same version):
# its install tasks run and change nothing.
printf '{"killswitch_profile_files": ["%s"], "killswitch_deb": "%s", "killswitch_batches": [1, 2],
 "killswitch_health_check": "python3 /root/af_alg.py hash"}\n' "$work/CVE-2099-0002.toml" "$top/build/debian/installed.deb" >"$vars"
play() { # <playbook> <log> [ansible-playbook options]: exit status of the run
	book=$1 log=$2
	shift 2
	rc=0
	# A stdin of its own: ctest's is shared with the other tests, and an ssh
	# of theirs sets it non-blocking while it runs, which Ansible refuses
	# ("requires blocking IO"; seen in CI).
	ansible-playbook -i "$work/inventory" "ansible/$book" -e "@$vars" "$@" </dev/null >"$log" 2>&1 || rc=$?
	return $rc
}
# What a task did on a host: ok, changed, skipping, failed (first match).
task() { awk -v t="TASK [killswitch : $1" -v h="[$2]" 'index($0, "TASK [") == 1 { on = index($0, t) == 1 }
	on && index($0, h) { split($0, w, ":"); print w[1]; exit }' "$3"; }
recap() { sed -n "s/^$1 *: ok=[0-9]* *changed=\([0-9]*\).*failed=\([0-9]*\).*/changed=\1 failed=\2/p" "$2"; }
engaged() { guest ssh "ks-$1" 'cat /sys/kernel/security/killswitch/engaged 2>/dev/null' | grep -c '^algif_aead:' || true; }
aead() { guest ssh "ks-$1" "python3 /root/af_alg.py ${2:-aead}" || true; }
skcipher() { guest ssh "ks-$1" 'grep -c "^algif_skcipher:skcipher_sendmsg retval=-1 " /sys/kernel/security/killswitch/engaged' || true; }

step "rollout: the canary first, then the others; the fixed host is left alone"
play rollout.yml "$work/rollout.log" || { cat "$work/rollout.log"; fail "rollout"; }
# Two batches, the first the canary alone.
first=$(awk '/^PLAY \[/{n++} n==1' "$work/rollout.log")
echo "$first" | grep -q '\[c1\]' || fail "the canary is not in the first batch"
! echo "$first" | grep -q '\[f3\]' || fail "the first batch has more than the canary"
[ "$(grep -c '^PLAY \[' "$work/rollout.log")" -eq 2 ] || fail "not two batches"
[ "$(engaged c1)" -eq 2 ] || { cat "$work/rollout.log"; fail "c1: not engaged"; }
[ "$(aead c1)" = EPERM ] || fail "c1: AEAD not refused"
[ "$(skcipher c1)" = 1 ] && [ "$(aead c1 skcipher)" = EPERM ] || fail "c1: the function is not engaged"
guest ssh ks-c1 '[ -e /etc/killswitch/profiles.d/CVE-2099-0002.toml ]' || fail "c1: not persisted"
guest ssh ks-c1 '! grep -q timeout_left= /sys/kernel/security/killswitch/engaged' || fail "c1: not confirmed"
grep -q 'not needed here: CVE-2099-0002 (6.12' "$work/rollout.log" || fail "the 6.12 host does not say 'not needed'"
# Only the site's profile file reached it.
for h in $hosts; do
	[ "$(task "Install the package from the copied file" $h "$work/rollout.log")" = ok ] ||
		{ cat "$work/rollout.log"; fail "$h: the role's install of the installed version changed something"; }
done
for t in "Load killswitch.ko" "Engage the profiles" "Apply them at every boot"; do
	[ "$(task "$t" f3 "$work/rollout.log")" != changed ] || { cat "$work/rollout.log"; fail "the fixed host: $t changed it"; }
done
guest ssh ks-f3 '[ ! -e /sys/kernel/security/killswitch ] && [ ! -e /etc/killswitch/profiles.d/CVE-2099-0002.toml ]' ||
	fail "the fixed host got the module loaded or the profile persisted"
[ "$(aead f3)" = ok ] || fail "f3: AEAD refused on the fixed host"

step "a second run changes nothing, and says so"
# Without the install tasks: the first run showed they change nothing.
play rollout.yml "$work/again.log" -e killswitch_install=false || { cat "$work/again.log"; fail "second rollout"; }
for h in $hosts; do
	[ "$(recap $h "$work/again.log")" = "changed=0 failed=0" ] || { cat "$work/again.log"; fail "$h changed on the second run"; }
done

step "check mode with diff: reports the revert, changes nothing"
play revert.yml "$work/check.log" --check --diff || { cat "$work/check.log"; fail "revert --check"; }
[ "$(recap c1 "$work/check.log")" != "changed=0 failed=0" ] || { cat "$work/check.log"; fail "c1: check mode reports no change"; }
[ "$(engaged c1)" -eq 2 ] || fail "c1: check mode disengaged"
for f in algif_aead:aead_sendmsg algif_skcipher:skcipher_sendmsg; do
	grep -q "^-$f retval=-1" "$work/check.log" || { cat "$work/check.log"; fail "no diff for $f"; }
done
[ "$(skcipher c1)" = 1 ] || fail "c1: check mode disengaged the function"

step "revert"
play revert.yml "$work/revert.log" || { cat "$work/revert.log"; fail "revert"; }
[ "$(engaged c1)" -eq 0 ] || fail "c1: still engaged"
[ "$(aead c1)" = ok ] && [ "$(aead c1 skcipher)" = ok ] || fail "c1: AF_ALG still refused"
guest ssh ks-c1 '[ ! -e /etc/killswitch/profiles.d/CVE-2099-0002.toml ]' || fail "c1: still persisted"

step "a canary whose health check fails is reverted and stops the rollout"
# c1 runs a service that uses AF_ALG AEAD, which the profile refuses.
printf '{"killswitch_profile_files": ["%s"], "killswitch_install": false, "killswitch_batches": [1, 2],
 "killswitch_health_check": "python3 /root/af_alg.py hash && { [ $(hostname) != ks-c1 ] || python3 /root/af_alg.py aead; }"}\n' \
	"$work/CVE-2099-0002.toml" >"$vars"
if play rollout.yml "$work/health.log"; then cat "$work/health.log"; fail "the rollout went on"; fi
grep -q 'the health check failed with CVE-2099-0002, algif_skcipher:skcipher_sendmsg engaged' "$work/health.log" || { cat "$work/health.log"; fail "no reason given"; }
[ "$(engaged c1)" -eq 0 ] && [ "$(skcipher c1)" = 0 ] || fail "the canary was not reverted"
guest ssh ks-c1 '[ ! -e /etc/killswitch/profiles.d/CVE-2099-0002.toml ]' || fail "the canary persisted a failed mitigation"
[ "$(aead c1)" = ok ] || fail "the canary's service still fails"
! grep -q '^ok: \[f3\]\|^changed: \[f3\]' "$work/health.log" || fail "a task ran on f3 after the canary failed"
echo "PASS: canary rollout (a profile and a function), idempotence, check mode, revert, a failed canary stops the rollout, fixed host left alone"
