#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Readers and an updater for a few seconds on 8 domains with 4 reader
# kthreads per module, both modules at once: every callback queued by
# call_srcu ran (queued == invoked after the exit's srcu_barrier), readers
# made progress, and the log stays clean (lockdep, KASAN, kmemleak).

. "$(dirname "$0")/lib.sh"

ktap_print_header
ktap_set_plan 2

klog_mark
load rust_srcu_sample domains=8 readers=4 duration_ms=3000
load c_srcu_sample domains=8 readers=4 duration_ms=3000
sleep 4
for m in rust_srcu_sample c_srcu_sample; do
	if rmmod $m && callbacks_balanced $m &&
		klog_has "$m: callbacks queued=[1-9][0-9]* invoked=[0-9]+ reads=[1-9]"; then
		klog_since | grep "$m: callbacks" | ktap_quote
		ktap_test_pass "$m: readers progressed, queued == invoked"
	else
		klog_since | grep "$m" | ktap_quote
		ktap_test_fail "$m: readers progressed, queued == invoked"
	fi
done
ktap_finished
