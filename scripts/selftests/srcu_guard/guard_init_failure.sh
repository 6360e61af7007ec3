#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A client whose init queues callbacks on its domains and then fails goes
# through MODULE_STATE_GOING without ever being live: with the guard
# loaded, its callbacks all run before its memory is freed and the log
# stays clean. Rust sample and C twin.
# scenarios: -tiny

. "$(dirname "$0")/lib.sh"

ktap_print_header
ktap_set_plan 2

load srcu_guard
for m in rust_srcu_sample c_srcu_sample; do
	klog_mark
	if ! load $m domains=8 readers=0 duration_ms=0 fail_init=1 &&
		! is_loaded $m && klog_has "$m: fail_init: queued 8 callbacks" &&
		klog_has "$m: all 8 callbacks ran" &&
		klog_has "srcu_guard: $m: domains=64 skipped_uninit=56 skipped_unused=0 barriered=8 ns="; then
		ktap_test_pass "$m: failed init, callbacks ran, guard barriered 8"
	else
		klog_since | ktap_quote
		ktap_test_fail "$m: failed init, callbacks ran, guard barriered 8"
	fi
done
rmmod srcu_guard
ktap_finished
