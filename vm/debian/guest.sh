#!/bin/sh
# Boots and drives "debian" guests (vm/debian/build-rootfs.sh): Debian 12's
# own userspace with systemd on Debian's stock kernel, under QEMU (TCG). Each
# guest is a copy-on-write overlay of the cached image, reached over SSH on a
# loopback port that QEMU's user networking forwards to its port 22.
#   guest.sh start <name> [kernel args]   boot in the background
#   guest.sh wait <name> [seconds]        until SSH answers (default 1200 s)
#   guest.sh ssh <name> <command>         run as root; exits with its status
#   guest.sh copy <name> <file> <dest>    copy a host file into the guest
#   guest.sh port <name>                  the loopback port of its SSH
#   guest.sh ssh-options <name>           ssh's options to reach it (for ssh -t)
#   guest.sh reboot <name>                reboot and wait for SSH again
#   guest.sh save <name> <file>           power off and keep its disk as <file> (qcow2), to
#                                         boot other guests from (DEBIAN_BASE=<file>)
#   guest.sh stop <name>                  check its kernel log, power off, clean up
# Guest state: build/debian/guests/<name>/ (overlay, console.log, pid, port).
# Environment: VM_MEM (1024M), VM_SMP (1), DEBIAN_KERNEL (the release to boot:
# build/debian/release, linux-image-amd64's, by default), DEBIAN_BASE (the
# disk an overlay starts from: the image, or a disk kept by save).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
img=$top/build/debian
cmd=${1:-}
name=${2:-}
[ -n "$cmd" ] && [ -n "$name" ] || { sed -n 's/^#   //p' "$0" >&2; exit 2; }
dir=$img/guests/$name
key=$img/id_ed25519

# One SSH connection per guest, shared by every command run on it: a login
# costs a TCG guest about a second of a core (key exchange, PAM), a command
# on a shared connection a fifth of that. The master closes with the
# guest's sshd (reboot, poweroff), and detaches from the caller's output.
# The socket lives in /tmp: a Unix socket's path is short, a clone's not.
ssh_opts() {
	echo "-i $key -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR" \
		"-o BatchMode=yes -o ConnectTimeout=30 -o ServerAliveInterval=15" \
		"-o ControlMaster=auto -o ControlPath=/tmp/ks-ssh-%C -o ControlPersist=300"
}
on_guest() {
	# shellcheck disable=SC2046 # options are words
	ssh $(ssh_opts) -p "$(cat "$dir/port")" root@127.0.0.1 "$@"
}
# The shared connection, once the guest is gone (its master would notice
# by itself; this does not leave it to a timeout).
close_ssh() {
	# shellcheck disable=SC2046 # options are words
	[ -f "$dir/port" ] && ssh $(ssh_opts) -p "$(cat "$dir/port")" -O exit root@127.0.0.1 2>/dev/null || true
}
running() { [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; }

# 1200 s: a Debian guest shares 2 cores with the other guests of make check;
# seen in a fresh make check, a reboot still in early systemd after 240 s,
# and on a slower machine a reboot that took more than 600 s.
wait_ssh() {
	deadline=$(($(date +%s) + ${1:-1200}))
	while ! on_guest true 2>/dev/null; do
		running || { echo "guest $name: QEMU exited while booting" >&2; tail -n 40 "$dir/console.log" >&2; exit 1; }
		[ "$(date +%s)" -lt "$deadline" ] || {
			echo "guest $name: no SSH after ${1:-1200} s; what ssh says:" >&2
			# shellcheck disable=SC2046 # options are words
			ssh $(ssh_opts) -o ControlMaster=no -v -p "$(cat "$dir/port")" root@127.0.0.1 true 2>&1 |
				tail -n 8 >&2 || true
			tail -n 40 "$dir/console.log" >&2
			exit 1
		}
		sleep 2
	done
}

. "$here/../kernel-problems.sh"
problems=$ks_kernel_problems

case "$cmd" in
start)
	[ -f "$img/.complete" ] || { echo "no debian guest image; run 'make vm-debian-image'" >&2; exit 2; }
	running && { echo "guest $name is already running" >&2; exit 1; }
	kernel=${DEBIAN_KERNEL:-$(cat "$img/release")}
	[ -f "$img/boot/vmlinuz-$kernel" ] || { echo "no kernel $kernel in the debian guest image" >&2; exit 2; }
	rm -rf "$dir"
	mkdir -p "$dir"
	base=${DEBIAN_BASE:-$img/rootfs.img}
	case "$base" in *.qcow2) format=qcow2 ;; *) format=raw ;; esac
	qemu-img create -q -f qcow2 -F "$format" -b "$(cd "$(dirname "$base")" && pwd)/$(basename "$base")" \
		"$dir/overlay.qcow2"
	# A free loopback port (nothing listens beyond 127.0.0.1).
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' >"$dir/port"
	shift 2
	qemu-system-x86_64 -accel tcg -machine pc -cpu max -m "${VM_MEM:-1024M}" -smp "${VM_SMP:-1}" \
		-display none -monitor none -nodefaults -daemonize -pidfile "$dir/pid" \
		-kernel "$img/boot/vmlinuz-$kernel" -initrd "$img/boot/initrd.img-$kernel" \
		-append "root=/dev/vda rw console=ttyS0 panic=-1 no_timer_check systemd.hostname=$name $*" \
		-drive "file=$dir/overlay.qcow2,if=virtio,format=qcow2" \
		-netdev "user,id=net0,hostfwd=tcp:127.0.0.1:$(cat "$dir/port")-:22" \
		-device virtio-net-pci,netdev=net0 -serial "file:$dir/console.log"
	;;
wait) wait_ssh "${3:-1200}" ;;
ssh)
	shift 2
	on_guest "$@"
	;;
copy)
	# shellcheck disable=SC2046
	scp $(ssh_opts) -q -P "$(cat "$dir/port")" "$3" "root@127.0.0.1:$4"
	;;
port) cat "$dir/port" ;;
ssh-options) echo "$(ssh_opts) -p $(cat "$dir/port")" ;;
reboot)
	on_guest 'systemctl reboot' || true
	# Until the old system has stopped answering, then until the new one does.
	deadline=$(($(date +%s) + 120))
	while on_guest true 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do sleep 1; done
	wait_ssh 1200
	;;
save)
	[ $# -eq 3 ] || { echo "usage: guest.sh save <name> <file>" >&2; exit 2; }
	on_guest 'sync; systemctl poweroff' 2>/dev/null || true
	i=0
	while running && [ $i -lt 90 ]; do sleep 1; i=$((i + 1)); done
	running && { echo "guest $name did not power off" >&2; exit 1; }
	close_ssh
	mv "$dir/overlay.qcow2" "$3"
	rm -rf "$dir"
	;;
stop)
	rc=0
	if running; then
		log=$(on_guest 'dmesg' 2>/dev/null || cat "$dir/console.log")
		if printf '%s\n' "$log" | grep -E -q "$problems"; then
			echo "guest $name: the kernel reported a problem:" >&2
			printf '%s\n' "$log" | grep -E -A 30 "$problems" | head -n 120 >&2
			rc=126
		fi
		on_guest 'systemctl poweroff' 2>/dev/null || true
		i=0
		while running && [ $i -lt 60 ]; do sleep 1; i=$((i + 1)); done
		running && kill "$(cat "$dir/pid")" 2>/dev/null || true
		close_ssh
	fi
	[ "$rc" -eq 0 ] && [ "${KS_KEEP_GUEST:-0}" != 1 ] && rm -rf "$dir"
	exit "$rc"
	;;
*) sed -n 's/^#   //p' "$0" >&2; exit 2 ;;
esac
