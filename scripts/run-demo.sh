#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# "make run": boot the test kernel once, run the demonstration, and print a
# short summary a person can read in ten seconds.
#
#   scripts/run-demo.sh KDIR

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

kdir=$1
stamp=$(date +%Y%m%d-%H%M%S)
logdir="$top/out/logs/$stamp-run"
mkdir -p "$logdir"
initrd="$logdir/initramfs.cpio"
sh "$top/scripts/make-initramfs.sh" "$kdir" "$initrd"
ACCEL=$(qemu_accel "$kdir" "$initrd")
export ACCEL

start=$(date +%s)
vmrc=0
sh "$top/scripts/qemu-run.sh" "$kdir" "$initrd" "$logdir" 300 demo || vmrc=$?
secs=$(($(date +%s) - start))

echo
echo "srcu-guard demo on $(make -s -C "$(kernel_source "$kdir")" kernelversion)" \
	"under QEMU ($ACCEL), boot+demo+shutdown ${secs}s"
sed -n '/^### test demo$/,/^### result demo /p' "$logdir/tests.log" |
	sed '1d;$d' | sed 's/^/  /'
status=0
if [ "$vmrc" -ne 0 ]; then
	echo "VM did not finish (exit $vmrc)"
	status=1
fi
rc=$(sed -n 's/^### result demo \([0-9]*\)$/\1/p' "$logdir/tests.log")
[ "$rc" = 0 ] || status=1
if sh "$top/scripts/scan-kernel-log.sh" "$logdir/console.log" >"$logdir/scan.txt"; then
	echo "kernel log: clean (no WARNING, BUG, Oops, KASAN, lockdep, kmemleak)"
else
	echo "kernel log: BADNESS"
	sed 's/^/  /' "$logdir/scan.txt"
	status=1
fi
echo "console log: $logdir/console.log"
[ $status -eq 0 ] && echo "result: PASS" || echo "result: FAIL"
exit $status
