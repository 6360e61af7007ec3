#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The guard follows callbacks that queue callbacks: a C client (no
# teardown of its own) forgets srcu_barrier() and each of its last
# callbacks queues itself on the next domain, six times, onto domains
# the guard's first pass barriered, and onto one it skipped as never
# initialised. The guard barriers pass after pass until nothing is
# pending: every callback runs before the client's memory goes (the last
# logs "all N callbacks ran"), the guard's line counts more than one
# pass, and the kernel log has no WARN or KASAN report. With one pass
# only, the hops escape (cleanup_srcu_struct()'s WARN, then KASAN).
# scenarios: -tiny

. "$(dirname "$0")/lib.sh"

ktap_print_header
ktap_set_plan 4

check "load srcu_guard" load srcu_guard
# 5 rounds of 16 domains whose callbacks hop 6 times: 112 callbacks each.
klog_mark
r=0
while [ $r -lt 5 ]; do
	load c_srcu_sample domains=16 readers=0 duration_ms=0 skip_barrier=1 hops=6 &&
		rmmod c_srcu_sample
	r=$((r + 1))
done
klog_since | grep -E "c_srcu_sample: all|srcu_guard: c_srcu_sample" | ktap_quote
check "every round: all 112 callbacks ran before the unload returned" \
	test "$(klog_since | grep -c "c_srcu_sample: all 112 callbacks ran")" -eq 5
check "the guard needed more than one pass" \
	klog_has "srcu_guard: c_srcu_sample: domains=64 .* passes=([2-9]|[1-9][0-9]) pending_domains=[0-9]+ pending=[0-9]+$"
check "rmmod srcu_guard" rmmod srcu_guard
ktap_finished
