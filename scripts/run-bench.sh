#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# "make bench": run the benchmarks under QEMU and print a table of medians
# and spreads, the ratios against their goals, and the path of a JSON file
# with the same numbers.
#
#   scripts/run-bench.sh KDIR
#
# Under TCG only ratios measured side by side in one boot mean anything:
# each Rust-vs-C and guard-vs-no-guard ratio comes from one boot, whose
# runs alternate between the two sides. The stock kernel runs every
# benchmark (scripts/selftests/srcu_guard/bench.sh); the tracepoint mutant
# kernels (scripts/mutants/SERIES/) and the kernel variant with
# 231264d6927f's unconditional grace periods run the transition benchmarks
# only; the kernel with the upstream series' srcu_module_going() barrier
# (scripts/kernel-variants/SERIES/srcu-module-barrier.patch) runs the
# unload of a client with callbacks pending, without the guard, and, in
# a boot on one vCPU (srcu-module-barrier-1cpu), the call_srcu() cost:
# its call_srcu() against the stock one, which the bench's additions to
# that variant (bench/call-srcu-unmarked.patch) export as
# call_srcu_unmarked(). An empty boot times the boot itself;
# scripts/timings.sh reports the last cold and warm "make check".
# BENCH_RUNS (default 5) is the number of runs of each benchmark. Every
# console log is scanned for kernel splats like the selftests'.

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

kdir=$1

# bench_parts KERNEL-NAME: the benchmarks that kernel runs, as the bits of
# scripts/selftests/srcu_guard/bench.sh (0: none).
bench_parts() {
	case $scenario/$1 in
	manycpu/*) echo 16 ;;
	*/stock) echo 23 ;;
	*/srcu-module-barrier) echo 32 ;;
	*/srcu-module-barrier-1cpu) echo 8 ;;
	*/srcu-*) echo 0 ;;
	*) echo 4 ;;
	esac
}

runs=${BENCH_RUNS:-5}
logroot="" initrd="" # set by new_run
new_run "$kdir" bench
kver=$(kernel_version "$kdir")
series=$(kernel_series "$kdir")
scenario=$(cat "$kdir/.scenario" 2>/dev/null || echo default)

# Kernels: NAME=BUILD-DIR, stock first; the variants with benchmarks, in
# the scenarios whose ratios they are (default, nodebug). The manycpu
# scenario boots its one kernel (64 possible CPUs) also with 16 and 4
# possible (possible-N: nr_cpus=N): the unload benchmarks' cost against
# the number of possible CPUs.
kernels="stock=$kdir"
case $scenario in
manycpu) kernels="$kernels possible-16=$kdir possible-4=$kdir" ;;
default | nodebug) variants=1 ;;
esac
for p in "$top/scripts/mutants/$series"/*.patch "$top/scripts/kernel-variants/$series"/*.patch; do
	name=$(basename "$p" .patch)
	[ "${variants:-0}" = 1 ] || break
	[ "$(bench_parts "$name")" != 0 ] || continue
	if [ "$name" = srcu-module-barrier ]; then
		# With the bench's additions (call_srcu_unmarked()), and a boot
		# of its own on one vCPU for the call_srcu() cost: nothing else
		# runs while a batch is timed.
		k=$(sh "$top/scripts/build-mutant.sh" "$kdir" "$p" \
			"$(dirname "$p")/bench/call-srcu-unmarked.patch")
		kernels="$kernels $name=$k $name-1cpu=$k"
	else
		kernels="$kernels $name=$(sh "$top/scripts/build-mutant.sh" "$kdir" "$p")"
	fi
done

# boot NAME KDIR TESTS APPEND: one VM (one vCPU for a NAME ending in
# -1cpu, nr_cpus=N for possible-N); its wall time goes to DIR/seconds.
boot() {
	dir="$logroot/$1"
	mkdir -p "$dir"
	t0=$(date +%s)
	rc=0
	smp=${SMP:-}
	append=$4
	case $1 in
	*-1cpu) smp=1 ;;
	possible-*) append="$append nr_cpus=${1#possible-}" ;;
	esac
	SMP=$smp APPEND=$append sh "$top/scripts/qemu-run.sh" "$2" "$initrd" "$dir" 3600 "$3" || rc=$?
	echo $(($(date +%s) - t0)) >"$dir/seconds"
	echo $rc >"$dir/vmrc"
}

info "benchmarks of $kver under QEMU ($ACCEL), $runs runs each, logs: $logroot"
boot empty-boot "$kdir" "" ""
started=1
for k in $kernels; do
	name=${k%%=*}
	parts=$(bench_parts "$name")
	case $name in
	*-1cpu) continue ;;
	esac
	boot "$name" "${k#*=}" bench "test_timeout=3000 bench_parts=$parts bench_runs=$runs" &
	started=$((started + 1))
	pool_wait "$logroot" $started
done
wait
# The one-vCPU boots last, one at a time, alone on the host; they are
# short and their runs vary: three times the runs, within srcu_bench's
# bound of 101.
for k in $kernels; do
	name=${k%%=*}
	case $name in
	*-1cpu) ;;
	*) continue ;;
	esac
	n=$((runs * 3 > 101 ? 101 : runs * 3))
	boot "$name" "${k#*=}" bench "test_timeout=3000 bench_parts=$(bench_parts "$name") bench_runs=$n"
done

failed=0
for d in "$logroot"/*/; do
	name=$(basename "$d")
	if [ "$(cat "$d/vmrc")" != 0 ]; then
		warn "$name: the VM did not finish (exit $(cat "$d/vmrc")): $d/console.log"
		failed=1
	fi
	if ! sh "$top/scripts/scan-kernel-log.sh" "$d/console.log" >"$d/scan" 2>&1; then
		warn "$name: kernel log not clean:"
		sed 's/^/    /' "$d/scan" >&2
		failed=1
	fi
	sed -n "s/.*srcu_bench: result \(.*\)/kernel=$name \1/p" "$d/console.log"
done >"$logroot/results.txt"

# Part 5: build and boot times from the harness's own timestamps.
timings=$(sh "$top/scripts/timings.sh")
boot_s=$(cat "$logroot/empty-boot/seconds")

awk -v runs="$runs" -v kver="$kver" -v accel="$ACCEL" -v date="${logroot##*/}" \
	-v boot_s="$boot_s" -v timings="$timings" -v json="$logroot/bench.json" \
	-f "$top/scripts/bench-table.awk" "$logroot/results.txt"
echo "JSON: $logroot/bench.json"
echo "logs: $logroot"
[ "$failed" = 0 ] || die "a benchmark boot failed"
