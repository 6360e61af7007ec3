#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Fault injection at MODULE_STATE_COMING: srcu_module_coming()'s
# alloc_percpu() fails. fail_page_alloc fails every page allocation whose
# call stack passes pcpu_populate_chunk() (its stack filter), in the
# loading task and in the percpu balance kworker alike, so a client's
# domains get their srcu_data from the already populated free per-CPU
# memory until it runs out, and the next one fails: the kernel WARNs once
# in srcu_module_coming() and its notifier returns -ENOMEM.
# Linux 6.12 and 7.3 then load the module anyway: srcu_module_notify()
# returns the raw errno, which stops the notifier chain (bit 15) but which
# notifier_to_errno() reads as success. The first check shows this
# without the guard, with the C sample (readers=0 duration_ms=0: it never
# touches its domains). Its rmmod would then run srcu_module_going() on
# the null sda pointers, which on 6.12 reads the start of each CPU's
# per-CPU area and on 7.3 faults (x86-64's per-CPU offsets are no longer
# zero-based: "BUG: unable to handle page fault" in srcu_module_notify(),
# seen in this test on 7.3); with the guard loaded by then, the rmmod is
# clean: the guard leaves srcu_module_going() only the domains with
# per-CPU data, and their srcu_data are freed (kmemleak). A Rust module
# refuses such a load by itself, guard or not: the library's module
# wrapper checks the per-CPU data before the module's init
# (srcu::require_percpu). With the guard, every load fails with
# -ENOMEM and one pr_err naming the module, the kernel frees the
# domains' srcu_data (kmemleak checks at the end of the boot), and the
# guard, which pins itself until then, unloads. busybox insmod retries the
# load with init_module(): both attempts fail the same way. Afterwards,
# with injection off, the clients load, use their domains and unload.
# boot: own
# timeout: 600
# expect-splat: WARNING: .*kernel/rcu/srcutree\.c:[0-9]+ .*srcu_module_notify
# allow-splat: percpu: allocation failed, size=[0-9]+ align=[0-9]+ atomic=0, failed to populate

. "$(dirname "$0")/lib.sh"

# unguarded_load_succeeds: without the guard, c_srcu_sample loads although
# srcu_module_coming() failed.
unguarded_load_succeeds() {
	klog_mark
	load c_srcu_sample readers=0 duration_ms=0 || return 1
	is_loaded c_srcu_sample &&
		klog_has "WARNING: .* srcu_module_notify" &&
		klog_has "c_srcu_sample: domains defined=64 loader_counted=64 used="
}

# rust_refuses_itself: without the guard, srcu_unload_64's library refuses
# the load (ENOMEM, one pr_err) when srcu_module_coming() fails.
rust_refuses_itself() {
	klog_mark
	_err=$(load srcu_unload_64 mode=0 2>&1) && {
		rmmod srcu_unload_64
		return 1
	}
	klog_since | grep -E "srcu_unload_64|percpu: allocation failed" | ktap_quote
	! is_loaded srcu_unload_64 && echo "$_err" | grep -q "Cannot allocate memory" &&
		klog_has "srcu_unload_64: [0-9]+ of 64 static SRCU domains have no per-CPU data \(srcu_module_coming\(\) failed\): load refused" &&
		! klog_has "srcu_unload_64: domains defined="
}

ktap_print_header
ktap_set_plan 9

check "fail_page_alloc set up under pcpu_populate_chunk()" percpu_fault on
check "without the guard, a C module loads although srcu_module_coming() failed" \
	unguarded_load_succeeds
check "without the guard, a Rust module refuses such a load itself" rust_refuses_itself
load srcu_guard
check "with the guard loaded, that C module unloads" rmmod c_srcu_sample
check "srcu_unload_1024: load refused with -ENOMEM" coming_refused srcu_unload_1024 1024 partial mode=1
check "c_srcu_sample: load refused with -ENOMEM" coming_refused c_srcu_sample 64 partial duration_ms=0
percpu_fault off
check "srcu_unload_1024: loads, uses its domains and unloads afterwards" \
	sh -c "insmod $DIR/srcu_unload_1024.ko mode=1 && rmmod srcu_unload_1024"
check "c_srcu_sample: loads, uses its domains and unloads afterwards" \
	sh -c "insmod $DIR/c_srcu_sample.ko duration_ms=100 && sleep 1 && rmmod c_srcu_sample"
check "the guard unloads: its pins on the refused modules are dropped" rmmod srcu_guard
ktap_finished
