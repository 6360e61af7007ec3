#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build the test initramfs: busybox-static, /init, and in /selftests the
# kselftest install of the selftests and every module built by this
# project (scripts/kselftest-install.sh).
#
#   scripts/make-initramfs.sh KDIR OUT.cpio

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

kdir=$1
cpio=$2
ksrc=$(kernel_source "$kdir")
busybox=/bin/busybox
[ -x "$busybox" ] || die "missing $busybox (apt-get install busybox-static)"

# The kernel's own cpio writer: makes /dev/console without root.
gen="$CACHE/gen_init_cpio-$(make -s -C "$ksrc" kernelversion)"
if [ ! -x "$gen" ]; then
	mkdir -p "$CACHE"
	cc -O2 -o "$gen" "$ksrc/usr/gen_init_cpio.c" || die "cannot build gen_init_cpio"
fi

# /selftests is the kselftest install of the tests and modules.
tree=$(mktemp -d)
list=$(mktemp)
trap 'rm -rf "$tree" "$list"' EXIT
sh "$top/scripts/kselftest-install.sh" "$kdir" "$tree/selftests"
{
	for d in /bin /dev /proc /sys /tmp; do
		echo "dir $d 0755 0 0"
	done
	echo "nod /dev/console 0600 0 0 c 5 1"
	echo "file /bin/busybox $busybox 0755 0 0"
	echo "file /init $top/scripts/initramfs/init 0755 0 0"
	(cd "$tree" && find selftests -type d) | while read -r d; do
		echo "dir /$d 0755 0 0"
	done
	(cd "$tree" && find selftests -type f) | while read -r f; do
		echo "file /$f $tree/$f $(stat -c %a "$tree/$f") 0 0"
	done
} >"$list"
"$gen" "$list" >"$cpio" || die "gen_init_cpio failed"
