#!/bin/sh
# The install route of the README: `make deb`'s package in a signed apt
# repository (scripts/build-apt-repo.sh), read by a private apt (its own
# sources, lists, cache and status; nothing of this machine's apt changes).
# apt must accept it with the archive key, pick the package, fetch it
# byte for byte, and refuse the repository when it was tampered with or is
# checked against another key.
set -eu
cd "$(dirname "$0")/../.."
version=$(cat VERSION)
DEB=$(sh scripts/build-deb.sh build/cmake 2>/dev/null)
work=$(mktemp -d "${TMPDIR:-/tmp}/ks-apt.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() {
	echo "FAIL: $*" >&2
	exit 1
}
repo=$(sh scripts/build-apt-repo.sh "$DEB" "$work/repo")

a=$work/apt
mkdir -p "$a/sources.list.d" "$a/lists/partial" "$a/cache/archives/partial" "$a/state"
touch "$a/status"
sources() { echo "deb [signed-by=$1] file://$repo bookworm main" >"$a/sources.list"; }
aptopts="-o Dir::Etc::SourceList=$a/sources.list -o Dir::Etc::SourceParts=$a/sources.list.d
 -o Dir::State=$a/state -o Dir::State::Lists=$a/lists -o Dir::State::status=$a/status
 -o Dir::Cache=$a/cache -o APT::Sandbox::User=root -o Debug::NoLocking=1"
# shellcheck disable=SC2086 # the options are words
update() { apt-get -q $aptopts update 2>&1; }

sources "$repo/killswitch-archive-keyring.gpg"
out=$(update) || { echo "$out"; fail "apt-get update of the signed repository"; }
echo "$out"
! echo "$out" | grep -q '^[WE]:' || fail "apt warned or erred"
# shellcheck disable=SC2086
apt-cache $aptopts policy killswitch | tee "$work/policy"
grep -q "Candidate: $version" "$work/policy" || fail "apt does not offer killswitch $version"
# shellcheck disable=SC2086
(cd "$work" && apt-get -q $aptopts download killswitch >/dev/null) || fail "apt-get download"
cmp "$work/killswitch_${version}_amd64.deb" "$DEB" || fail "the fetched package differs from the built one"

# Another key: apt refuses the repository.
GNUPGHOME=$work/other-key
export GNUPGHOME
mkdir -p "$GNUPGHOME"
chmod 700 "$GNUPGHOME"
gpg --batch --quiet --passphrase '' --quick-generate-key "someone else <x@example.org>" rsa3072 sign never
gpg --batch --export >"$work/other.gpg"
rm -rf "$a/lists"
mkdir -p "$a/lists/partial"
sources "$work/other.gpg"
out=$(update) || true
echo "$out" | grep -q "NO_PUBKEY" || { echo "$out"; fail "apt accepted a repository signed by another key"; }
echo "another key: refused (NO_PUBKEY)"

# A tampered index: apt refuses it (its hash is in the signed Release).
sources "$repo/killswitch-archive-keyring.gpg"
rm -rf "$a/lists"
mkdir -p "$a/lists/partial"
sed -i 's/^Version: .*/Version: 99.0/' "$repo/dists/bookworm/main/binary-amd64/Packages"
rm -f "$repo/dists/bookworm/main/binary-amd64/Packages.gz"
out=$(update) || true
echo "$out" | grep -q "Hash Sum mismatch" || { echo "$out"; fail "apt accepted a tampered index"; }
echo "tampered index: refused (Hash Sum mismatch)"
echo "PASS: signed apt repository"
