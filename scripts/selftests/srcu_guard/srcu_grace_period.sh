#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# synchronize() waits for a reader that entered its read section before it:
# a kthread holds a read guard for 200 ms and then sets a flag, and
# synchronize() must return after the flag is set; a poll cookie taken
# meanwhile must expire only after the reader. Rust sample and C twin.

. "$(dirname "$0")/lib.sh"

ktap_print_header
ktap_set_plan 2

for m in rust_srcu_sample c_srcu_sample; do
	klog_mark
	if load $m gp_test=1 readers=0 duration_ms=0 &&
		klog_has "$m: gp_test: passed: synchronize waited [0-9]+ ms" &&
		rmmod $m; then
		klog_since | grep "gp_test" | ktap_quote
		ktap_test_pass "$m: synchronize waits for an earlier reader"
	else
		klog_since | grep "$m" | ktap_quote
		is_loaded $m && rmmod $m
		ktap_test_fail "$m: synchronize waits for an earlier reader"
	fi
done
ktap_finished
