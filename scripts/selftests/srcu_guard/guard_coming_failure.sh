#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A load that fails during MODULE_STATE_COMING: the coming_fail fixture's
# notifier (priority 1) fails COMING for the client after the guard saw it
# and before the kernel's SRCU notifier allocated the per-CPU data. The
# robust chain sends GOING to the guard, which must skip all 64 domains in
# O(1) as never initialised (their sda is NULL) and leave the log clean;
# the client then loads and unloads normally. Rust sample and C twin.

. "$(dirname "$0")/lib.sh"

stats=/sys/kernel/debug/srcu_guard/stats
counts="domains=64 skipped_uninit=64 skipped_unused=0 barriered=0"

ktap_print_header
ktap_set_plan 4

load srcu_guard
for m in rust_srcu_sample c_srcu_sample; do
	klog_mark
	load coming_fail target=$m
	if ! load $m readers=1 duration_ms=100 && ! is_loaded $m &&
		klog_has "coming_fail: failing MODULE_STATE_COMING of $m" &&
		klog_has "srcu_guard: $m: $counts ns=[0-9]+ passes=[0-9]+ \(MODULE_STATE_COMING failed\) percpu_allocated=0$" &&
		grep -qE "^module=$m $counts ns=[0-9]+ passes=[0-9]+$" $stats; then
		ktap_test_pass "$m: COMING failed, guard skipped 64 uninitialised domains"
	else
		klog_since | ktap_quote
		ktap_quote <$stats
		ktap_test_fail "$m: COMING failed, guard skipped 64 uninitialised domains"
	fi
	rmmod coming_fail
	check "$m: loads and unloads afterwards" \
		sh -c "insmod $DIR/$m.ko duration_ms=100 && sleep 1 && rmmod $m"
done
rmmod srcu_guard
ktap_finished
