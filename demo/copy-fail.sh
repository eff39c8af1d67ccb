#!/bin/sh
# The demo, run inside the guest by `make demo`: the Copy Fail path
# (CVE-2026-31431, AF_ALG) working; checked and blocked with the killswitch
# tool, its hits counted; released; then the same mitigation as a profile,
# which knows that this kernel is already fixed. Stops at the first surprise.
KS=/sys/kernel/security/killswitch
FN=af_alg_sendmsg
PROFILE=/opt/killswitch/profiles/CVE-2026-31431.toml

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
show() { printf '$ %s\n' "$*"; sh -c "$*"; }
# Runs a command that must fail (the mitigation refusing), showing it.
refused() {
	printf '$ %s\n' "$*"
	if sh -c "$*"; then echo "demo: expected a refusal" >&2; exit 1; fi
}
must() { show "$@" || { echo "demo: '$*' failed" >&2; exit 1; }; }

say "Kernel: $(uname -r) (Debian's stock kernel), killswitch.ko loaded"
must "ls $KS"

say "1. The AF_ALG AEAD path works (gcm(aes) encrypt + decrypt through a socket)"
must "ks-trigger af-alg-aead"

say "2. Before touching the kernel: is $FN safe to turn off with -EPERM?"
must "killswitch check $FN -EPERM"

say "3. Engage: $FN returns -EPERM without running its body"
must "killswitch engage $FN -EPERM"
must "cat $KS/engaged"

say "4. The same program is now refused, and every refused call is counted"
refused "ks-trigger af-alg-aead"
refused "ks-trigger af-alg-aead"
must "killswitch status"

say "5. What the kernel log recorded"
must "dmesg | grep 'killswitch: engage'"

say "6. Disengage: the function runs again"
must "killswitch disengage $FN"
must "ks-trigger af-alg-aead"

say "7. The fleet way: a profile, applied only where the kernel needs it"
must "killswitch profiles show $PROFILE"
must "killswitch apply $PROFILE"
echo "(this Debian kernel already has the fix, so nothing was engaged; as on a vulnerable one:)"
must "killswitch apply --ignore-version $PROFILE"
refused "ks-trigger af-alg-aead"
must "killswitch revert $PROFILE"
must "ks-trigger af-alg-aead"
say "Done: blocked, counted, logged, released; nothing left engaged"
must "cat $KS/engaged"
