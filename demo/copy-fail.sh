#!/bin/sh
# The demo, run inside the guest by `make demo`: the Copy Fail path
# (CVE-2026-31431, AF_ALG) working, blocked by one killswitch command with
# its hits counted, and working again once the killswitch is released.
KS=/sys/kernel/security/killswitch
FN=af_alg_sendmsg

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
show() { printf '$ %s\n' "$*"; sh -c "$*"; }

say "Kernel: $(uname -r) (Debian's stock kernel), killswitch.ko loaded"
show "ls $KS"

say "1. The AF_ALG AEAD path works (gcm(aes) encrypt + decrypt through a socket)"
show "ks-trigger af-alg-aead"

say "2. Engage the killswitch on $FN: it returns -1 (-EPERM) without running"
show "echo 'engage $FN -1' > $KS/control"
show "cat $KS/engaged"

say "3. The same program is now refused, and every refused call is counted"
show "ks-trigger af-alg-aead"
show "ks-trigger af-alg-aead"
show "cat $KS/fn/$FN/hits"
show "cat $KS/taint"

say "4. What the kernel log recorded"
show "dmesg | grep 'killswitch: engage'"

say "5. Disengage: the function runs again"
show "echo 'disengage $FN' > $KS/control"
show "ks-trigger af-alg-aead"
show "cat $KS/engaged; echo '(nothing engaged)'"
show "dmesg | grep 'killswitch: disengage'"
