#!/bin/sh
# Builds build/killswitch_<version>_amd64.deb with dpkg-deb from:
#   what `cmake --install` installs (the tool, its man page and bash
#   completion, the profile catalog, docs),
#   the module's source for DKMS (git-tracked kmod/ files, without the test module),
#   packaging/: the systemd unit, modprobe.d, dkms.conf
#   and the Debian control files.
# Usage: sh scripts/build-deb.sh [cmake build dir]
set -eu
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build/cmake}
VERSION=$(cat VERSION)
NAME=killswitch_${VERSION}_amd64
STAGE=build/deb/$NAME
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN"

DESTDIR="$PWD/$STAGE" cmake --install "$BUILD_DIR" --prefix /usr >/dev/null
[ -x "$STAGE/usr/sbin/killswitch" ] || { echo "build-deb: cmake --install gave no /usr/sbin/killswitch" >&2; exit 1; }

# Stripped programs (the build keeps debug info for the tests).
for f in "$STAGE"/usr/sbin/*; do
	[ -f "$f" ] && strip --strip-unneeded --remove-section=.comment --remove-section=.note "$f"
done

# The module, as DKMS builds it: only killswitch.ko, never the test target.
sh scripts/dkms-source.sh "$STAGE/usr/src/killswitch-$VERSION"

for unit in killswitch.service killswitch-metrics.service killswitch-metrics.timer; do
	install -D -m 0644 "packaging/systemd/$unit" "$STAGE/lib/systemd/system/$unit"
done
install -D -m 0644 packaging/modprobe.d/killswitch.conf "$STAGE/etc/modprobe.d/killswitch.conf"
# Debian wants man pages compressed.
gzip -9n "$STAGE/usr/share/man/man8/killswitch.8"

DOC=$STAGE/usr/share/doc/killswitch
install -D -m 0644 packaging/debian/copyright "$DOC/copyright"
{
	echo "killswitch ($VERSION) unstable; urgency=medium"
	echo
	echo "  * Package built from the killswitch tree (git $(git rev-parse --short HEAD 2>/dev/null || echo unknown))."
	echo
	echo " -- killswitch maintainers <killswitch@example.org>  $(date -R -d @"$(git log -1 --format=%ct 2>/dev/null || date +%s)")"
} | gzip -9n >"$DOC/changelog.gz"
install -D -m 0644 packaging/debian/lintian-overrides "$STAGE/usr/share/lintian/overrides/killswitch"

# Persisted profiles live here; the package owns the folder, not its contents.
install -d -m 0755 "$STAGE/etc/killswitch/profiles.d"

sed "s/@VERSION@/$VERSION/" packaging/debian/control.in >"$STAGE/DEBIAN/control"
echo "Installed-Size: $(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)" >>"$STAGE/DEBIAN/control"
for s in postinst prerm postrm; do
	sed "s/@VERSION@/$VERSION/" "packaging/debian/$s" >"$STAGE/DEBIAN/$s"
	chmod 0755 "$STAGE/DEBIAN/$s"
done
(cd "$STAGE" && find etc -type f | sed 's|^|/|') >"$STAGE/DEBIAN/conffiles"
(cd "$STAGE" && find . -path ./DEBIAN -prune -o -type f -print | sed 's|^\./||' | sort | xargs md5sum) \
	>"$STAGE/DEBIAN/md5sums"
find "$STAGE" -type d -exec chmod 0755 {} +

dpkg-deb --root-owner-group -Zxz --build "$STAGE" "build/$NAME.deb" >/dev/null
echo "build/$NAME.deb"
