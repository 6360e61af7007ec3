#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A static SRCU-fast domain from Rust (rust_srcu_fast, built where the
# kernel has SRCU-fast): synchronize() waits for a fast reader already
# inside its section (sleeping in it), a poll cookie taken meanwhile
# expires only after it, fast readers and an updater with callbacks and
# (expedited) grace periods run, and every callback ran when the module
# is gone. The kernel log stays clean: __srcu_check_read_flavor() would
# WARN on a domain whose static image lacks SRCU_READ_FLAVOR_FAST. On a
# kernel without SRCU-fast (no init_srcu_struct_fast(), 6.12) the test is
# skipped; on one with it, a missing module fails.

. "$(dirname "$0")/lib.sh"

ktap_print_header
if ! grep -qE ' (__)?init_srcu_struct_fast$' /proc/kallsyms; then
	ktap_skip_all "this kernel has no SRCU-fast"
	exit "$KSFT_SKIP"
fi
ktap_set_plan 3

klog_mark
if load rust_srcu_fast readers=2 duration_ms=500 &&
	klog_has "rust_srcu_fast: gp_test: passed: synchronize waited [0-9]+ ms for the fast reader"; then
	klog_since | grep "gp_test" | ktap_quote
	ktap_test_pass "synchronize waits for an earlier fast reader"
else
	klog_since | grep "rust_srcu_fast" | ktap_quote
	ktap_test_fail "synchronize waits for an earlier fast reader"
fi
sleep 1
check "rmmod rust_srcu_fast" rmmod rust_srcu_fast
if ! is_loaded rust_srcu_fast && callbacks_balanced rust_srcu_fast &&
	klog_has "rust_srcu_fast: callbacks queued=[1-9][0-9]* invoked=[0-9]+ reads=[1-9]"; then
	klog_since | grep "callbacks queued" | ktap_quote
	ktap_test_pass "fast readers ran, callbacks balanced"
else
	klog_since | grep "rust_srcu_fast" | ktap_quote
	ktap_test_fail "fast readers ran, callbacks balanced"
fi
ktap_finished
