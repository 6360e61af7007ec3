#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build the test initramfs: busybox-static, /init, the kernel's
# ktap_helpers.sh, the selftests and every module built by this project.
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
ktap="$ksrc/tools/testing/selftests/kselftest/ktap_helpers.sh"
[ -f "$ktap" ] || die "missing $ktap in the kernel source"

# The kernel's own cpio writer: makes /dev/console without root.
gen="$CACHE/gen_init_cpio-$(make -s -C "$ksrc" kernelversion)"
if [ ! -x "$gen" ]; then
	mkdir -p "$CACHE"
	cc -O2 -o "$gen" "$ksrc/usr/gen_init_cpio.c" || die "cannot build gen_init_cpio"
fi

st="$top/scripts/selftests/srcu_guard"
list=$(mktemp)
trap 'rm -f "$list"' EXIT
{
	for d in /bin /dev /proc /sys /tmp /selftests /selftests/kselftest \
		/selftests/srcu_guard; do
		echo "dir $d 0755 0 0"
	done
	echo "nod /dev/console 0600 0 0 c 5 1"
	echo "file /bin/busybox $busybox 0755 0 0"
	echo "file /init $top/scripts/initramfs/init 0755 0 0"
	echo "file /selftests/kselftest/ktap_helpers.sh $ktap 0644 0 0"
	for f in "$st"/*; do
		echo "file /selftests/srcu_guard/${f##*/} $f 0644 0 0"
	done
	for f in "$top"/rust/*.ko "$top"/samples/*.ko; do
		[ -f "$f" ] || die "no module built: $f (run make modules)"
		echo "file /selftests/srcu_guard/${f##*/} $f 0644 0 0"
	done
} >"$list"
"$gen" "$list" >"$cpio" || die "gen_init_cpio failed"
