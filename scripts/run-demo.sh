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
logroot="" initrd="" # set by new_run
new_run "$kdir" demo

start=$(date +%s)
vmrc=0
sh "$top/scripts/qemu-run.sh" "$kdir" "$initrd" "$logroot" 300 demo || vmrc=$?
secs=$(($(date +%s) - start))

echo
echo "srcu-guard demo on $(make -s -C "$(kernel_source "$kdir")" kernelversion)" \
	"under QEMU ($ACCEL), boot+demo+shutdown ${secs}s"
sed -n '/^### test demo$/,/^### result demo /p' "$logroot/tests.log" |
	sed '1d;$d' | sed 's/^/  /'
status=0
if [ "$vmrc" -ne 0 ]; then
	echo "VM did not finish (exit $vmrc)"
	status=1
fi
rc=$(sed -n 's/^### result demo \([0-9]*\)$/\1/p' "$logroot/tests.log")
[ "$rc" = 0 ] || status=1
if sh "$top/scripts/scan-kernel-log.sh" "$logroot/console.log" >"$logroot/scan.txt"; then
	echo "kernel log: clean (no WARNING, BUG, Oops, KASAN, lockdep, kmemleak)"
else
	echo "kernel log: BADNESS"
	sed 's/^/  /' "$logroot/scan.txt"
	status=1
fi
echo "console log: $logroot/console.log"
[ $status -eq 0 ] && echo "result: PASS" || echo "result: FAIL"
exit $status
