#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The safe Rust API cannot forget srcu_barrier(): without the unload
# guard, a Rust module whose exit (or failed init) returns with callbacks
# queued, callbacks that queue more on other domains (used, unused,
# already drained) included, unloads cleanly. The library's teardown
# (module_with_teardown!) waits for every one of them: the last callback
# logs "all N callbacks ran" before rmmod returns, and the kernel log has
# no "Forgot srcu_barrier()" WARN and no KASAN report (the harness scans
# it). Before the teardown, the same loads hit the WARN and a
# use-after-free (guard_negative_c shows the C twin still does). An exit
# that starts grace periods and waits for none leaves no grace-period
# work behind: on Tiny SRCU, where the loader does nothing at unload,
# only the teardown's barrier and cleanup of each domain make it so.

. "$(dirname "$0")/lib.sh"

# ran_before_unload DESC CMD...: CMD (a load or unload) returns after the
# last callback logged "all N callbacks ran", and after no WARN.
ran_before_unload() {
	_desc=$1
	shift
	klog_mark
	"$@"
	if klog_has "all [0-9]+ callbacks ran" && ! klog_splat; then
		ktap_test_pass "$_desc"
	else
		klog_since | ktap_quote
		ktap_test_fail "$_desc"
	fi
}

# settles DESC CMD...: CMD (a load and unload) leaves no WARN, no KASAN
# report and no "Active srcu_struct" leak, also a second later, when
# grace-period work left behind would have run in the freed module.
settles() {
	_desc=$1
	shift
	klog_mark
	if "$@" && sleep 1 && ! klog_splat "Active srcu_struct"; then
		ktap_test_pass "$_desc"
	else
		klog_since | ktap_quote
		ktap_test_fail "$_desc"
	fi
}

# load_unload MODULE PARAMS...: load MODULE, unload it.
load_unload() {
	load "$@" && rmmod "$1"
}

# load_fails MODULE PARAMS...: the load fails (the module's init fails).
load_fails() {
	! load "$@" && ! is_loaded "$1"
}

ktap_print_header
ktap_set_plan 7

if is_loaded srcu_guard; then
	ktap_test_fail "srcu_guard is not loaded"
	ktap_exit_fail_msg "srcu_guard is loaded: this test runs without it"
fi

ran_before_unload "exit without srcu_barrier: 4 domains" \
	load_unload rust_srcu_sample domains=4 readers=1 duration_ms=100 skip_barrier=1
ran_before_unload "exit without srcu_barrier: 64 domains, 2 readers" \
	load_unload rust_srcu_sample domains=64 readers=2 duration_ms=300 skip_barrier=1
ran_before_unload "callbacks hop 3 times across domains" \
	load_unload rust_srcu_sample domains=4 readers=0 duration_ms=0 skip_barrier=1 hops=3
ran_before_unload "failed init with hopping callbacks queued" \
	load_fails rust_srcu_sample domains=8 readers=0 duration_ms=0 fail_init=1 hops=2
ran_before_unload "srcu_unload_1024 mode=2: 1024 domains" \
	load_unload srcu_unload_1024 mode=2
settles "srcu_unload_64 mode=3: exit starts 64 grace periods, waits for none" \
	load_unload srcu_unload_64 mode=3
check "nothing left loaded" \
	sh -c '! grep -qE "^(rust_srcu_sample|srcu_unload_64|srcu_unload_1024) " /proc/modules'
ktap_finished
