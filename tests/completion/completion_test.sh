#!/bin/bash
# The bash completion (completion/killswitch.bash) on fixture files: what a
# user gets after pressing Tab at each place of a command line.
set -u
here=$(cd "$(dirname "$0")" && pwd)
fixtures=$(mktemp -d)
trap 'rm -rf "$fixtures"' EXIT
cat >"$fixtures/kallsyms" <<'SYMS'
ffffffff81000000 T vfs_read
ffffffff81000100 t vfs_readv
ffffffff81000200 D vfs_data
ffffffffc0001000 t af_alg_sendmsg	[af_alg]
ffffffffc0001100 t af_alg_pull_tsgl	[af_alg]
ffffffffc0002000 t aead_sendmsg	[algif_aead]
SYMS
mkdir -p "$fixtures/catalog" "$fixtures/persist"
touch "$fixtures/catalog/CVE-2026-31431.toml" "$fixtures/catalog/CVE-2025-22109.toml" \
	"$fixtures/persist/CVE-2026-31431.toml" "$fixtures/persist/CVE-2024-0001.toml"
echo "af_alg:af_alg_sendmsg retval=-1 hits=0" >"$fixtures/engaged"
_killswitch_kallsyms_path=$fixtures/kallsyms
_killswitch_engaged_path=$fixtures/engaged
_killswitch_catalog_path=$fixtures/catalog
_killswitch_persist_path=$fixtures/persist
# shellcheck source=../../completion/killswitch.bash
. "$here/../../completion/killswitch.bash"

failed=0
# expect "<command line, last word being completed>" "<sorted expected words>"
expect() {
	read -r -a COMP_WORDS <<<"$1"
	[[ "$1" == *" " ]] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_killswitch
	got=$(printf '%s\n' "${COMPREPLY[@]}" | grep -v '^$' | sort | tr '\n' ' ')
	want=$(printf '%s\n' $2 | sort | tr '\n' ' ')
	if [ "$got" = "$want" ]; then
		echo "ok: '$1' -> $got"
	else
		echo "FAIL: '$1' -> '$got', wanted '$want'"
		failed=1
	fi
}

expect "killswitch eng" "engage"
expect "killswitch engage vfs_r" "vfs_read vfs_readv"
expect "killswitch engage af" "af_alg:"
expect "killswitch engage af_alg:af_alg_s" "af_alg:af_alg_sendmsg"
expect "killswitch check algif_aead:" "algif_aead:aead_sendmsg"
expect "killswitch engage vfs_read -EP" "-EPERM"
expect "killswitch disengage " "af_alg:af_alg_sendmsg"
expect "killswitch revert CVE-202" "CVE-2024-0001 CVE-2025-22109 CVE-2026-31431"
expect "killswitch apply CVE-2025" "CVE-2025-22109"
expect "killswitch unpersist " "CVE-2024-0001 CVE-2026-31431"
expect "killswitch persist --b" "--boot"
expect "killswitch profiles l" "list"
expect "killswitch profiles show CVE-2026" "CVE-2026-31431"
expect "killswitch --root /x sta" "status"
expect "killswitch met" "metrics"
expect "killswitch metrics --o" "--output"
expect "killswitch metrics --output $fixtures/cat" "$fixtures/catalog"
exit $failed
