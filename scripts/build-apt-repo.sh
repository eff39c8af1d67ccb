#!/bin/sh
# Builds a signed apt repository from `make deb`'s package, the route by
# which a host gets killswitch (README, "Installing on a host"):
#   <repo>/pool/main/k/killswitch/killswitch_<version>_amd64.deb
#   <repo>/dists/bookworm/main/binary-amd64/Packages(.gz)
#   <repo>/dists/bookworm/{Release,Release.gpg,InRelease}
#   <repo>/killswitch-archive-keyring.gpg   the public key for signed-by=
# The signing key is KS_APT_KEY (a key id in the caller's gpg keyring);
# without it a key is made once in build/apt-key and reused, which is for
# tests and trials, not for a fleet.
#   usage: build-apt-repo.sh <deb> <repo dir>
set -eu
deb=$1
repo=$2
suite=bookworm
here=$(cd "$(dirname "$0")/.." && pwd)

if [ -n "${KS_APT_KEY:-}" ]; then
	key=$KS_APT_KEY
else
	GNUPGHOME=$here/build/apt-key
	export GNUPGHOME
	if [ ! -f "$GNUPGHOME/key-id" ]; then
		mkdir -p "$GNUPGHOME"
		chmod 700 "$GNUPGHOME"
		gpg --batch --quiet --passphrase '' --quick-generate-key \
			"killswitch test archive <killswitch@example.org>" rsa3072 sign never
		gpg --batch --list-keys --with-colons | awk -F: '$1 == "fpr" { print $10; exit }' >"$GNUPGHOME/key-id"
	fi
	key=$(cat "$GNUPGHOME/key-id")
fi

rm -rf "$repo"
mkdir -p "$repo/pool/main/k/killswitch" "$repo/dists/$suite/main/binary-amd64"
cp "$deb" "$repo/pool/main/k/killswitch/"
(cd "$repo" && apt-ftparchive packages pool >"dists/$suite/main/binary-amd64/Packages")
gzip -9nk "$repo/dists/$suite/main/binary-amd64/Packages"
apt-ftparchive \
	-o APT::FTPArchive::Release::Origin=killswitch \
	-o APT::FTPArchive::Release::Label=killswitch \
	-o APT::FTPArchive::Release::Suite=$suite \
	-o APT::FTPArchive::Release::Codename=$suite \
	-o APT::FTPArchive::Release::Architectures=amd64 \
	-o APT::FTPArchive::Release::Components=main \
	release "$repo/dists/$suite" >"$repo/Release.tmp"
mv "$repo/Release.tmp" "$repo/dists/$suite/Release"
gpg --batch --yes --local-user "$key" --armor --detach-sign \
	-o "$repo/dists/$suite/Release.gpg" "$repo/dists/$suite/Release"
gpg --batch --yes --local-user "$key" --clearsign \
	-o "$repo/dists/$suite/InRelease" "$repo/dists/$suite/Release"
gpg --batch --yes --export "$key" >"$repo/killswitch-archive-keyring.gpg"
echo "$repo"
