#!/bin/sh
# Builds the in-tree form: a kernel from Debian's linux-source-6.1 with the
# series applied (scripts/intree/series.py), configured as tinyconfig plus
# intree/configs/x86_64.config, and lays it out for the VM harness like a
# Debian kernel: build/vm/kernel/<release>/boot/vmlinuz-<release>, its
# modules tree, and the initramfs. Prints the release.
#
# The tree is unpacked once (build/intree/src-6.1); each build lays the
# series' files over it, writing only those whose content changed, so a
# change to kmod/ rebuilds only what depends on it.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
series=6.1
tarball=/usr/src/linux-source-$series.tar.xz
out=$top/build/intree
src=$out/src-$series
obj=$out/obj-$series
fragment=$top/intree/configs/x86_64.config
log() { echo "intree: $*" >&2; }

[ -f "$tarball" ] || { log "no $tarball (make deps installs linux-source-$series)"; exit 1; }
mkdir -p "$out"
if [ ! -f "$src/.unpacked" ]; then
	log "unpacking $tarball"
	rm -rf "$src" && mkdir -p "$src"
	tar -xJf "$tarball" -C "$src" --strip-components=1
	touch "$src/.unpacked"
fi

# The series, and the files as it leaves them.
python3 "$top/scripts/intree/series.py" "$tarball" "$series" "$out/series-$series" "$out/export" >&2
# Ours alone: what the series added and is no longer in it goes.
for dir in kernel/killswitch tools/testing/selftests/killswitch; do
	[ -d "$src/$dir" ] || continue
	(cd "$src" && find "$dir" -type f) | while read -r f; do
		[ -f "$out/export/$f" ] || rm -f "$src/$f"
	done
done
# The export holds every file the series touches, edited or not: copy
# those that differ.
(cd "$out/export" && find . -type f) | while read -r f; do
	if ! cmp -s "$out/export/$f" "$src/$f"; then
		mkdir -p "$(dirname "$src/$f")"
		cp "$out/export/$f" "$src/$f"
	fi
done

# tinyconfig plus the fragment; every option of the fragment must hold.
mkdir -p "$obj"
if [ ! -f "$obj/.config" ] || [ "$fragment" -nt "$obj/.config" ]; then
	make -s -C "$src" O="$obj" tinyconfig >&2
	"$src/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" "$fragment" >/dev/null
	make -s -C "$src" O="$obj" olddefconfig >&2
fi
grep '^CONFIG_' "$fragment" | while IFS= read -r want; do
	case "$want" in
	*=n) ! grep -q "^${want%=n}=" "$obj/.config" || { log "$want did not hold"; exit 1; } ;;
	*) grep -qx "$want" "$obj/.config" || { log "$want did not hold (a dependency is missing)"; exit 1; } ;;
	esac
done

log "building (about 10 minutes from scratch on 2 cores)"
make -s -C "$src" O="$obj" -j"$(nproc)" bzImage modules >&2
release=$(cat "$obj/include/config/kernel.release")
kroot=$top/build/vm/kernel/$release
rm -rf "$kroot/lib/modules"
mkdir -p "$kroot/boot"
cp "$obj/arch/x86/boot/bzImage" "$kroot/boot/vmlinuz-$release"
make -s -C "$src" O="$obj" INSTALL_MOD_PATH="$kroot" modules_install >&2
echo "$release" >"$out/kernel.release"
sh "$top/vm/build-initramfs.sh" "$kroot" "$kroot/initramfs.cpio.gz" amd64 >&2
touch "$kroot/.complete"
echo "$release"
