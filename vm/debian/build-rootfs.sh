#!/bin/sh
# Builds the "debian" guest: Debian 12 (bookworm) from Debian's own packages
# (vm/debian/packages) with systemd as init, as an ext4 disk image, plus the
# kernel and initramfs Debian's packages put in its /boot, which QEMU boots
# directly. Cached under build/debian/: rebuilt only when the package list or
# this script changes. Root logs in over SSH with a key made here.
#   build/debian/rootfs.img      the disk (each guest boots a copy-on-write overlay)
#   build/debian/boot/           every installed kernel's vmlinuz-<release> and initrd.img-<release>
#   build/debian/release         the default one: linux-image-amd64's
#   build/debian/id_ed25519      the key the harness and Ansible log in with
# Needs root (mmdebstrap in root mode, mkfs.ext4 -d).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=$top/build/debian
key=$(cat "$here/packages" "$here/initramfs-hook" "$0" | sha256sum | cut -c1-16)
if [ -f "$out/.complete" ] && [ "$(cat "$out/.complete")" = "$key" ]; then
	exit 0
fi
[ "$(id -u)" -eq 0 ] || { echo "build-rootfs: needs root (mmdebstrap, mkfs.ext4)" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out"
ssh-keygen -q -t ed25519 -N '' -C killswitch-test -f "$out/id_ed25519"

packages=$(grep -v '^#' "$here/packages" | grep -v '^$' | paste -sd, -)
tree=$out/tree
start=$(date +%s)
# Units a short-lived test guest has no use for are masked: they only cost
# boot time under TCG, where PID 1 alone spent 55 s of CPU on a boot
# (timers that run apt, man-db, fstrim, e2scrub; binfmt_misc, hugepages,
# mqueue, debugfs, tracefs, configfs and fuse mounts and their modprobes;
# utmp records, the logins on the consoles). node_exporter starts when a
# test asks for it. Less to unpack and to process: no documentation
# (but the kernels' changelogs, which killswitch reads to know what is
# fixed), manuals or translations, and an initramfs with
# only what mounts the root disk (virtio and ext4; see
# vm/debian/initramfs-hook) instead of Debian's "most" modules, for each
# kernel: smaller to build and to boot. A unit prints the addresses and
# listening sockets to the console 90 s into boot: when SSH never answers
# (seen once in CI, a 6.12 guest fully booted), the console says why.
mmdebstrap --quiet --variant=apt --include="$packages" \
	--dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
	--dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
	--dpkgopt='path-include=/usr/share/doc/linux-image-*' \
	--dpkgopt='path-exclude=/usr/share/info/*' \
	--essential-hook='mkdir -p "$1/etc/initramfs-tools/conf.d" "$1/etc/initramfs-tools/hooks"' \
	--essential-hook='echo MODULES=list >"$1/etc/initramfs-tools/conf.d/test-guest"' \
	--essential-hook="install -m 0755 '$here/initramfs-hook' \"\$1/etc/initramfs-tools/hooks/test-guest\"" \
	--customize-hook='echo ks-debian >"$1/etc/hostname"' \
	--customize-hook='printf "/dev/vda / ext4 defaults,errors=remount-ro 0 1\n" >"$1/etc/fstab"' \
	--customize-hook='printf "[Match]\nName=en* eth*\n\n[Network]\nDHCP=yes\n" >"$1/etc/systemd/network/80-guest.network"' \
	--customize-hook='chroot "$1" systemctl enable systemd-networkd >/dev/null 2>&1' \
	--customize-hook='for u in apt-daily.timer apt-daily-upgrade.timer man-db.timer e2scrub_all.timer e2scrub_reap.service fstrim.timer logrotate.timer dpkg-db-backup.timer systemd-tmpfiles-clean.timer systemd-networkd-wait-online.service systemd-binfmt.service proc-sys-fs-binfmt_misc.automount dev-hugepages.mount dev-mqueue.mount sys-kernel-debug.mount sys-kernel-tracing.mount sys-kernel-config.mount sys-fs-fuse-connections.mount modprobe@configfs.service modprobe@dm_mod.service modprobe@drm.service modprobe@efi_pstore.service modprobe@fuse.service modprobe@loop.service kmod-static-nodes.service systemd-network-generator.service systemd-remount-fs.service systemd-update-utmp.service systemd-update-utmp-runlevel.service systemd-rfkill.socket getty@tty1.service serial-getty@ttyS0.service; do ln -sf /dev/null "$1/etc/systemd/system/$u"; done' \
	--customize-hook='chroot "$1" systemctl disable prometheus-node-exporter.service >/dev/null 2>&1' \
	--customize-hook="install -d -m 0700 \"\$1/root/.ssh\" && install -m 0600 '$out/id_ed25519.pub' \"\$1/root/.ssh/authorized_keys\"" \
	--customize-hook='printf "UseDNS no\n" >"$1/etc/ssh/sshd_config.d/test-guest.conf"' \
	--customize-hook='printf "[Unit]\nDescription=Network state on the console, for a guest SSH cannot reach\n[Service]\nExecStart=/bin/sh -c \"sleep 90; { ip -br addr; ss -ltn; } >/dev/console\"\n[Install]\nWantedBy=multi-user.target\n" >"$1/etc/systemd/system/ks-console-net.service" && chroot "$1" systemctl enable ks-console-net.service >/dev/null 2>&1' \
	--customize-hook='rm -f "$1/etc/machine-id" && touch "$1/etc/machine-id"' \
	bookworm "$tree" "deb http://deb.debian.org/debian bookworm main" \
	"deb http://deb.debian.org/debian bookworm-updates main" \
	"deb http://deb.debian.org/debian-security bookworm-security main"
echo "build-rootfs: mmdebstrap took $(($(date +%s) - start)) s" >&2

mkdir -p "$out/boot"
cp "$tree"/boot/vmlinuz-* "$tree"/boot/initrd.img-* "$out/boot/"
# The default kernel: the one Debian 12's linux-image-amd64 depends on.
release=$(chroot "$tree" dpkg-query -W -f='${Depends}' linux-image-amd64 | sed 's/^linux-image-\([^ ,]*\).*/\1/')
[ -f "$out/boot/vmlinuz-$release" ] || { echo "build-rootfs: no kernel $release in the image" >&2; exit 1; }
echo "$release" >"$out/release"
# Sparse: the image takes only what the files take.
mkfs.ext4 -q -F -L ks-debian -d "$tree" "$out/rootfs.img" 4G
rm -rf "$tree"
echo "$key" >"$out/.complete"
echo "build-rootfs: $out/rootfs.img ($release) in $(($(date +%s) - start)) s" >&2
