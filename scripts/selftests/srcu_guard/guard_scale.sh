#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The guard at scale, and unloading the guard under a client.
# srcu_unload_1024 has 1024 static domains: with a callback pending on
# each at unload (mode=2), the guard barriers all 1024 (concurrently) and every callback
# runs; never used (mode=0), all 1024 are skipped in O(1). The time of each is
# printed from the stats (the unload-cost hook of the benchmarks). Then the
# guard is unloaded while a client is loaded, which is allowed: the client
# later unloads with its own srcu_barrier(), unguarded and clean.
# scenarios: -tiny

. "$(dirname "$0")/lib.sh"

stats=/sys/kernel/debug/srcu_guard/stats

# many_case MODE COUNTS: load and unload srcu_unload_1024, check the stats.
many_case() {
	klog_mark
	load srcu_unload_1024 mode="$1" && rmmod srcu_unload_1024
	line=$(grep -E "^module=srcu_unload_1024 $2 ns=[0-9]+ passes=[0-9]+ pending_domains=[0-9]+ pending=[0-9]+$" $stats | tail -n 1)
	ktap_print_msg "mode=$1: $line"
	[ -n "$line" ] && klog_has "srcu_unload_1024: domains defined=1024 loader_counted=1024" &&
		{ [ "$1" = 0 ] || klog_has "srcu_unload_1024: all 1024 callbacks ran"; }
}

ktap_print_header
ktap_set_plan 6
load srcu_guard
echo 1 >/sys/kernel/debug/srcu_guard/reset
check "1024 domains with pending callbacks: 1024 barriers, all callbacks ran" \
	many_case 2 "domains=1024 skipped_uninit=0 skipped_unused=0 barriered=1024"
check "1024 unused domains: all skipped" \
	many_case 0 "domains=1024 skipped_uninit=1024 skipped_unused=0 barriered=0"

klog_mark
check "load a client" load rust_srcu_sample domains=4 readers=1 duration_ms=200
check "rmmod srcu_guard while the client is loaded" rmmod srcu_guard
sleep 1
check "the client unloads afterwards, with its own barrier" rmmod rust_srcu_sample
# unguarded_clean: no guard line for the client, and its callbacks balanced.
unguarded_clean() {
	! klog_has "srcu_guard: rust_srcu_sample:" && callbacks_balanced rust_srcu_sample
}
check "unguarded: no guard line, callbacks balanced" unguarded_clean
ktap_finished
