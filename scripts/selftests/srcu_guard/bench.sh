#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# "make bench" in the guest (a benchmark, not a selftest). Every result is
# a kernel log line "srcu_bench: result bench=B impl=I run=R n=N ns=T",
# which scripts/run-bench.sh reads from the console log.
#
# 1. srcu_bench runs its in-kernel benchmarks at load: bench_parts on the
#    kernel command line, bits 1 read side, 2 probes, 4 transitions (the
#    stock kernel runs these, the mutants only the transitions), 8 the
#    call_srcu() cost (the kernel with the upstream series, whose bench
#    build also exports the stock call_srcu() as call_srcu_unmarked()).
# 2. Bit 16 (the stock kernel): the unload cost: rmmod latency
#    (srcu_bench's kretprobe on delete_module()) of the srcu_unload_N
#    clients, N = 1, 64, 1024 static domains, never used (mode 0), used by
#    readers and grace periods only (mode 1), and with callbacks pending at
#    exit (mode 2, only with the guard: without it that is the bug). Without
#    the guard, with it, and with it barriering one domain after the other.
#    Then the C client with 64 callbacks pending at GOING (it skips its
#    barrier; a Rust client cannot) under the guard, with its report of
#    the missing barrier (report=line) and without (report=none).
# 3. Bit 32 (the kernel with the upstream series' srcu_module_going()
#    barrier): the same C client without the guard, the kernel's own fix,
#    and with the guard, whose barriers leave the kernel's nothing to wait
#    for.

. "$(dirname "$0")/lib.sh"

parts=${bench_parts:-23}
runs=${bench_runs:-5}
timer=/sys/kernel/debug/srcu_bench/last_rmmod_ns
stats=/sys/kernel/debug/srcu_guard/stats

# result BENCH IMPL RUN NS: one result line.
result() {
	echo "srcu_bench: result bench=$1 impl=$2 run=$3 n=1 ns=$4" >/dev/kmsg
}

# unload_case RUN N MODE IMPL: load srcu_unload_N in MODE, unload it and
# log the latency of its rmmod and, with the guard, the guard's own time
# in the module's GOING notification (its stats).
unload_case() {
	load "srcu_unload_$2" mode="$3" || return 1
	rmmod "srcu_unload_$2" || return 1
	read -r ns <$timer
	result "unload_$2_mode$3" "$4" "$1" "$ns"
	[ "$4" = noguard ] && return
	ns=$(sed -n "s/^module=srcu_unload_$2 .* ns=\([0-9]*\).*/\1/p" $stats | tail -n 1)
	result "guard_$2_mode$3" "$4" "$1" "$ns"
}

# c_pending RUN IMPL: c_srcu_sample with 64 callbacks pending at GOING
# (queued by its exit, which skips srcu_barrier()), unloaded; its rmmod
# latency and, with the guard, the guard's own time.
c_pending() {
	load c_srcu_sample domains=64 readers=0 duration_ms=0 skip_barrier=1 &&
		rmmod c_srcu_sample || return 1
	read -r ns <$timer
	result unload_c64_pending "$2" "$1" "$ns"
	[ "$2" = kernel_fix ] && return
	ns=$(sed -n "s/^module=c_srcu_sample .* ns=\([0-9]*\).*/\1/p" $stats | tail -n 1)
	result guard_c64_pending "$2" "$1" "$ns"
}

# unload_run RUN: every unload case once.
unload_run() {
	for n in 1 64 1024; do
		unload_case "$1" $n 0 noguard && unload_case "$1" $n 1 noguard || return 1
	done
	load srcu_guard || return 1
	for n in 1 64 1024; do
		for mode in 0 1 2; do
			unload_case "$1" $n $mode guard || return 1
		done
	done
	c_pending "$1" guard || return 1
	echo none >/sys/module/srcu_guard/parameters/report &&
		c_pending "$1" guard_report_none || return 1
	rmmod srcu_guard && load srcu_guard concurrent_barriers=0 || return 1
	for n in 1 64 1024; do
		unload_case "$1" $n 2 guard_sequential || return 1
	done
	rmmod srcu_guard
}

load srcu_bench parts=$((parts & 15)) runs="$runs" || exit 1
run=0
while [ $run -lt "$runs" ]; do
	if [ $((parts & 16)) != 0 ]; then
		unload_run $run || exit 1
	fi
	if [ $((parts & 32)) != 0 ]; then
		c_pending $run kernel_fix || exit 1
		load srcu_guard && c_pending $run guard && rmmod srcu_guard || exit 1
	fi
	run=$((run + 1))
done
rmmod srcu_bench
