# SPDX-License-Identifier: GPL-2.0
# Shared helpers for the project's host-side scripts (POSIX sh).

info() { printf '  %s\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

export PATH="$HOME/.cargo/bin:$PATH"

# Kernel sources and builds live outside the repository.
export CACHE="${SRCU_GUARD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/srcu-guard}"

# Source tree of a kernel build directory (O= builds link it as "source").
kernel_source() {
	if [ -d "$1/source" ]; then
		(cd "$1/source" && pwd -P)
	else
		echo "$1"
	fi
}

# kernel_version KDIR: the version of the kernel built in KDIR (7.3.4).
kernel_version() {
	make -s -C "$(kernel_source "$1")" kernelversion
}

# kernel_series KDIR: its series (7.3), which names the per-kernel
# directories of kernel patches: scripts/mutants/SERIES/ and
# scripts/kernel-variants/SERIES/.
kernel_series() {
	kernel_version "$1" | cut -d. -f1,2
}

# selftest_list VAR: the words of VAR (TEST_PROGS, TEST_FILES) in the
# selftests' Makefile, one a line.
selftest_list() {
	# shellcheck disable=SC2154 # every script sets top before sourcing
	awk -v v="$1" '$1 == v { on = 1; s = 3 } on {
		for (i = s; i <= NF; i++) if ($i != "\\") print $i
		s = 1; if ($NF != "\\") on = 0 }' \
		"$top/scripts/selftests/srcu_guard/Makefile"
}

# QEMU accelerator: KVM only when a probe boot under KVM reaches the end of
# /init (on some hosts /dev/kvm exists but the guest hangs), else TCG with
# one host thread: with thread=multi, QEMU 7.2 let a vCPU run a stale int3
# after the kernel's text_poke_bp() had finished (seen as "Oops: int3" in
# sched_clock_tick at boot), and this project patches static calls all
# the time. ACCEL=tcg, ACCEL=kvm or any "-accel" value skips the probe.
qemu_accel() {
	case "${ACCEL:-auto}" in
	auto) ;;
	kvm) echo kvm; return ;;
	tcg) echo "tcg,thread=single"; return ;;
	*) echo "$ACCEL"; return ;;
	esac
	if [ -w /dev/kvm ] && grep -qwE 'vmx|svm' /proc/cpuinfo; then
		probe=$(mktemp -d)
		# shellcheck disable=SC2154 # every script sets top before sourcing
		if ACCEL=kvm sh "$top/scripts/qemu-run.sh" "$1" "$2" "$probe" 60 "" \
			>/dev/null 2>&1; then
			rm -rf "$probe"
			echo kvm
			return
		fi
		rm -rf "$probe"
	fi
	echo "tcg,thread=single"
}

# pool_wait ROOT STARTED: wait until fewer than nproc of the STARTED VMs
# under ROOT are still running (each leaves ROOT/.../vmrc when it ends):
# each TCG VM keeps one host CPU busy.
pool_wait() {
	while [ $(($2 - $(find "$1" -name vmrc | wc -l))) -ge "$(nproc)" ]; do
		sleep 1
	done
}

# new_run KDIR KIND: start a run of KIND (logs, bench, demo): its log
# directory out/KIND/DATE (out/KIND/latest points at it), the initramfs
# in it, and the QEMU accelerator. Sets logroot, initrd and ACCEL.
new_run() {
	logroot="$top/out/$2/$(date +%Y%m%d-%H%M%S)"
	mkdir -p "$logroot"
	ln -sfn "${logroot##*/}" "$top/out/$2/latest"
	initrd="$logroot/initramfs.cpio"
	sh "$top/scripts/make-initramfs.sh" "$1" "$initrd"
	ACCEL=$(qemu_accel "$1" "$initrd")
	export ACCEL
}
