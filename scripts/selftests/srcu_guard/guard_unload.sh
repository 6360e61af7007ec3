#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# With the guard loaded, a client that forgot srcu_barrier() unloads
# cleanly: every callback ran while the client's memory was still there
# (the last one logs "all N callbacks ran"), the guard barriered exactly
# the domains that needed it, and its debugfs stats say so. Rust sample
# (call_srcu flag) and C twin (DEFINE_STATIC_SRCU, no flag).
# scenarios: -tiny

. "$(dirname "$0")/lib.sh"

stats=/sys/kernel/debug/srcu_guard/stats

# guard_line_ok MODULE COUNTS: the guard logged COUNTS for MODULE, or,
# when it had no barrier to do, logged nothing for it.
guard_line_ok() {
	case $2 in
	*barriered=0) ! klog_has "srcu_guard: $1: " ;;
	*) klog_has "srcu_guard: $1: $2 ns=[0-9]+ passes=[0-9]+ pending_domains=[0-9]+ pending=[0-9]+$" ;;
	esac
}

# unload_case MODULE PARAMS EXPECTED-COUNTS: load, unload, and check the
# guard's line, its stats record and that every callback ran.
unload_case() {
	m=$1 params=$2 counts=$3
	desc="$m $params: $counts"
	klog_mark
	# shellcheck disable=SC2086
	load "$m" $params && sleep 1 && rmmod "$m"
	if ! is_loaded "$m" && guard_line_ok "$m" "$counts" &&
		grep -qE "^module=$m $counts ns=[0-9]+ passes=[0-9]+ pending_domains=[0-9]+ pending=[0-9]+$" $stats &&
		{ ! klog_has "$m: exit without" || klog_has "$m: all [0-9]+ callbacks ran"; }; then
		ktap_test_pass "$desc"
	else
		klog_since | ktap_quote
		ktap_quote <$stats
		ktap_test_fail "$desc"
	fi
}

ktap_print_header
ktap_set_plan 8

load srcu_guard
echo 1 >/sys/kernel/debug/srcu_guard/reset

for m in rust_srcu_sample c_srcu_sample; do
	# All 64 domains used, callbacks pending at exit: 64 barriers.
	unload_case "$m" "domains=64 readers=2 duration_ms=300 skip_barrier=1" \
		"domains=64 skipped_uninit=0 skipped_unused=0 barriered=64"
	# 4 of 64 used: 60 never initialised, skipped in O(1).
	unload_case "$m" "domains=4 readers=1 duration_ms=100 skip_barrier=1" \
		"domains=64 skipped_uninit=60 skipped_unused=0 barriered=4"
done
# Domain 0 initialised by synchronize() only: the Rust flag skips it, the
# C domain has no flag and gets a barrier.
unload_case rust_srcu_sample "domains=1 readers=0 duration_ms=0 gp_test=1" \
	"domains=64 skipped_uninit=63 skipped_unused=1 barriered=0"
unload_case c_srcu_sample "domains=1 readers=0 duration_ms=0 gp_test=1" \
	"domains=64 skipped_uninit=63 skipped_unused=0 barriered=1"

check "stats total adds up" grep -qE \
	"^total modules=6 domains=384 skipped_uninit=246 skipped_unused=1 barriered=137 ns=[0-9]+ passes=[0-9]+ pending_domains=[0-9]+ pending=[0-9]+$" $stats
ktap_quote <$stats
check "rmmod srcu_guard" rmmod srcu_guard
ktap_finished
