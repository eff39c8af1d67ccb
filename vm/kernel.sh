#!/bin/sh
# Sourced by the harness: picks a kernel from vm/kernels and sets what the
# scripts need to know about it. KS_KERNEL (a series, 6.1) and KS_ARCH
# (amd64 or arm64; x86_64 and aarch64 are taken too) choose; either may be
# left out, and with neither the table's first line is the kernel. Sets:
#   ks_series ks_arch      the chosen line
#   ks_headers_meta        the meta package that names the release
#   ks_image_pkg           the image package of that release
#   ks_image_format        bzimage (x86) or image (arm64)
#   ks_modules             ko, or ko.xz when the package compresses them
#   ks_release             uname -r of that kernel (6.1.0-57-amd64)
#   ks_kroot               build/vm/kernel/<release>: image and modules tree
#   ks_initrd              the guest's initramfs for that release
#   ks_guest_dir           the guest programs built for its architecture
#   ks_kmod_dir            where its killswitch.ko is built (kmod/ for the default)
#   ks_builtin             1 for a kernel built here with killswitch in it
#                          (headers meta "-" in vm/kernels: make intree)
# shellcheck disable=SC2034 # the variables are for the sourcing script
: "${ks_top:?set ks_top to the source tree before sourcing vm/kernel.sh}"
# The sourcing script sets ks_top, the source tree.
ks_build=${KS_BUILD_DIR:-$ks_top/build}

ks_want_arch=${KS_ARCH:-}
case "$ks_want_arch" in
x86_64 | x86) ks_want_arch=amd64 ;;
aarch64) ks_want_arch=arm64 ;;
esac

ks_line=$(awk -v s="${KS_KERNEL:-}" -v a="$ks_want_arch" '
	/^#/ || NF == 0 { next }
	(s == "" || $1 == s) && (a == "" || $2 == a) { print; exit }' "$ks_top/vm/kernels")
if [ -z "$ks_line" ]; then
	echo "killswitch: no kernel ${KS_KERNEL:-(any)} for ${ks_want_arch:-(any arch)} in vm/kernels;" \
		"the supported ones:" >&2
	grep -v '^#' "$ks_top/vm/kernels" | awk 'NF { print "  KERNEL=" $1 " ARCH=" $2 }' >&2
	exit 2
fi
# Into its fields, leaving the sourcing script's arguments alone.
read -r ks_series ks_arch ks_headers_meta ks_image_pkg_pattern ks_image_format ks_modules <<EOF
$ks_line
EOF
ks_default=0
[ "$(awk '!/^#/ && NF { print $1 " " $2; exit }' "$ks_top/vm/kernels")" = "$ks_series $ks_arch" ] && ks_default=1

ks_builtin=0
if [ "$ks_headers_meta" = - ]; then
	# Built here with killswitch in it (make intree), not from Debian.
	ks_builtin=1
	ks_release=$(cat "$ks_build/intree/kernel.release" 2>/dev/null) || {
		echo "killswitch: the $ks_series kernel is not built yet: make intree" >&2
		exit 2
	}
	ks_kroot=$ks_build/vm/kernel/$ks_release
	ks_initrd=$ks_kroot/initramfs.cpio.gz
	ks_guest_dir=$ks_build/guest
	ks_kmod_dir=
	return 0 2>/dev/null || exit 0
fi

# The release the meta package points at: the installed one's when it is
# installed (the default kernel's headers are, for DKMS), else apt's candidate.
ks_pkg=$ks_headers_meta
[ "$ks_arch" = "$(dpkg --print-architecture)" ] || ks_pkg=$ks_headers_meta:$ks_arch
if dpkg-query -W -f='${Status}' "$ks_pkg" 2>/dev/null | grep -q 'install ok installed'; then
	ks_deps=$(dpkg-query -W -f='${Depends}' "$ks_pkg" | tr ',' '\n')
else
	ks_deps=$(apt-cache depends "$ks_pkg" 2>/dev/null | sed -n 's/^ *Depends: //p')
fi
# "linux-headers-6.1.0-57-amd64 (= 6.1.192-3)" -> "6.1.0-57-amd64"
ks_release=$(echo "$ks_deps" | sed -n "s/^ *linux-headers-\([^ :]*-$ks_arch\)\(:$ks_arch\)\{0,1\}\( .*\)\{0,1\}$/\1/p" | head -n 1)
if [ -z "$ks_release" ]; then
	echo "killswitch: apt cannot resolve $ks_pkg (add the architecture and run apt-get update: make deps)" >&2
	exit 2
fi
ks_image_pkg=$(echo "$ks_image_pkg_pattern" | sed "s/%r/$ks_release/")
ks_kroot=$ks_build/vm/kernel/$ks_release
ks_initrd=$ks_kroot/initramfs.cpio.gz
if [ "$ks_arch" = amd64 ]; then ks_guest_dir=$ks_build/guest; else ks_guest_dir=$ks_build/guest-$ks_arch; fi
if [ "$ks_default" = 1 ]; then ks_kmod_dir=$ks_top/kmod; else ks_kmod_dir=$ks_build/kmod/$ks_release/kmod; fi
