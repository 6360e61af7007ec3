#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Boot the test kernel once under QEMU and run the named selftests.
#
#   scripts/qemu-run.sh KDIR INITRD LOGDIR TIMEOUT TEST[,TEST...]
#
# Writes LOGDIR/console.log (kernel log, ttyS0) and LOGDIR/tests.log (test
# output, ttyS1). Exits 0 only when the guest's /init reached its end,
# 124 when the hard timeout killed QEMU, 1 otherwise. ACCEL (default TCG)
# is the QEMU accelerator; scripts/run-selftests.sh probes KVM once.
# APPEND adds to the kernel command line (e.g. test_timeout=N). The
# kernel's scenario (KDIR/.scenario, default "default") may set QEMU's
# -smp with a "# qemu-smp: ..." line of its fragment and add kernel
# arguments with "# boot-args: ..."; SMP overrides the first.

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

kdir=$1 initrd=$2 logdir=$3 limit=$4 tests=$5
kernel="$kdir/arch/x86/boot/bzImage"
[ -f "$kernel" ] || die "no kernel image at $kernel"
command -v qemu-system-x86_64 >/dev/null ||
	die "qemu-system-x86_64 not found (apt-get install qemu-system-x86)"
fragment="$top/scripts/configs/$(cat "$kdir/.scenario" 2>/dev/null || echo default).config"
[ -f "$fragment" ] || die "no such scenario: $fragment"
smp=$(sed -n 's/^# qemu-smp: //p' "$fragment")
bargs=$(sed -n 's/^# boot-args: //p' "$fragment")
mkdir -p "$logdir"
: >"$logdir/console.log"
: >"$logdir/tests.log"

# No default devices (NIC, VGA, ...) and no ACPI PCI hotplug: 6 s less of
# each boot under TCG, mostly ACPI's AML for the 32 hotplug slots.
rc=0
timeout -k 5 "$limit" qemu-system-x86_64 \
	-accel "${ACCEL:-tcg,thread=single}" -smp "${SMP:-${smp:-4}}" -m "${MEM:-1G}" \
	-nodefaults -global PIIX4_PM.acpi-root-pci-hotplug=off \
	-global PIIX4_PM.acpi-pci-hotplug-with-bridge-support=off \
	-display none -monitor none -no-reboot \
	-kernel "$kernel" -initrd "$initrd" \
	-serial "file:$logdir/console.log" -serial "file:$logdir/tests.log" \
	-append "console=ttyS0 panic=-1 tests=$tests $bargs ${APPEND:-}" \
	</dev/null >"$logdir/qemu.log" 2>&1 || rc=$?
# Serial lines end in CR LF.
for f in "$logdir/console.log" "$logdir/tests.log"; do
	tr -d '\r' <"$f" >"$f.tmp" && mv "$f.tmp" "$f"
done
[ "$rc" -eq 124 ] || [ "$rc" -eq 137 ] && exit 124
grep -q '^### done' "$logdir/tests.log" || exit 1
exit 0
