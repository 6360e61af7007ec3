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
# A Rust module refuses such a load by itself, guard or not: the
# library's module wrapper checks the per-CPU data before the module's
# init (srcu::require_percpu); the first check shows it without the
# guard. With the guard, every load fails with -ENOMEM and one pr_err
# naming the module, the kernel frees the domains' srcu_data (kmemleak
# checks at the end of the boot), and the guard, which pins itself until
# then, unloads. busybox insmod retries the load with init_module(): both
# attempts fail the same way.
# Without the guard, Linux 6.12 and 7.3 load a C module anyway:
# srcu_module_notify() returns the raw errno, which stops the notifier
# chain (bit 15) but which notifier_to_errno() reads as success. The C
# sample shows it (readers=0 duration_ms=0: it never touches its
# domains). That check comes after the refusals, which return the
# per-CPU memory they took, and injection goes off as soon as the load
# returns: the loaded sample keeps what it took, and every fork and exec
# needs a little (mm_struct's counters); with injection left on, the
# test's own shell failed with "Cannot allocate memory" and /init died.
# The sample's rmmod would then run srcu_module_going() on the null sda
# pointers, which on 6.12 reads the start of each CPU's per-CPU area and
# on 7.3 faults (x86-64's per-CPU offsets are no longer zero-based: "BUG:
# unable to handle page fault" in srcu_module_notify(), seen in this test
# on 7.3); with the guard loaded by then, the rmmod is clean: the guard
# leaves srcu_module_going() only the domains with per-CPU data, says so,
# and their srcu_data are freed (kmemleak). Afterwards, with injection
# off, the clients load, use their domains and unload.
# Needs fault injection, which the nodebug scenario has not. With 64
# possible CPUs (manycpu) the filtered stack also reaches a vmalloc()
# in the chunk's population, whose failure report is allowed too.
# boot: own
# scenarios: all -nodebug -tiny
# timeout: 600
# expect-splat: WARNING: .*kernel/rcu/srcutree\.c:[0-9]+ .*srcu_module_notify
# allow-splat: percpu: allocation failed, size=[0-9]+ align=[0-9]+ atomic=0, failed to populate
# allow-splat: vmalloc error: size [0-9]+, .*

. "$(dirname "$0")/lib.sh"

# rust_refuses_itself: without the guard, srcu_unload_1024's library
# refuses the load (ENOMEM, one pr_err) when srcu_module_coming() fails.
rust_refuses_itself() {
	klog_mark
	_err=$(load srcu_unload_1024 mode=0 2>&1) && {
		rmmod srcu_unload_1024
		return 1
	}
	klog_since | grep -E "srcu_unload_1024|percpu: allocation failed" | ktap_quote
	! is_loaded srcu_unload_1024 && echo "$_err" | grep -q "Cannot allocate memory" &&
		klog_has "srcu_unload_1024: [0-9]+ of 1024 static SRCU domains have no per-CPU data \(srcu_module_coming\(\) failed\): load refused" &&
		! klog_has "srcu_unload_1024: domains defined="
}

# unguarded_load_succeeds: without the guard, c_srcu_sample loads although
# srcu_module_coming() fails (shown at its rmmod, below); injection is
# off when this returns.
unguarded_load_succeeds() {
	klog_mark
	load c_srcu_sample readers=0 duration_ms=0
	_rc=$?
	percpu_fault off
	[ $_rc = 0 ] && is_loaded c_srcu_sample &&
		klog_has "c_srcu_sample: domains defined=64 loader_counted=64 used="
}

# guarded_rmmod_truncates: with the guard loaded, rmmod c_srcu_sample
# succeeds, and the guard left srcu_module_going() only the first K of
# its 64 domains, 0 <= K < 64.
guarded_rmmod_truncates() {
	klog_mark
	rmmod c_srcu_sample || return 1
	klog_since | grep "c_srcu_sample: .* static domains" | ktap_quote
	klog_has "srcu_guard: c_srcu_sample: [0-9]+ of 64 static domains have no per-CPU data \(srcu_module_coming\(\) failed\): srcu_module_going\(\) gets the first [0-9]+$"
}

ktap_print_header
ktap_set_plan 10

check "fail_page_alloc set up under pcpu_populate_chunk()" percpu_fault on
check "without the guard, a Rust module refuses such a load itself" rust_refuses_itself
load srcu_guard
check "srcu_unload_1024: load refused with -ENOMEM" coming_refused srcu_unload_1024 1024 partial mode=1
check "c_srcu_sample: load refused with -ENOMEM" coming_refused c_srcu_sample 64 partial duration_ms=0
check "the guard unloads: its pins on the refused modules are dropped" rmmod srcu_guard
check "without the guard, a C module loads although srcu_module_coming() fails" \
	unguarded_load_succeeds
load srcu_guard
check "with the guard loaded, that C module unloads; the guard says what it skipped" \
	guarded_rmmod_truncates
check "srcu_unload_1024: loads, uses its domains and unloads afterwards" \
	sh -c "insmod $DIR/srcu_unload_1024.ko mode=1 && rmmod srcu_unload_1024"
check "c_srcu_sample: loads, uses its domains and unloads afterwards" \
	sh -c "insmod $DIR/c_srcu_sample.ko duration_ms=100 && sleep 1 && rmmod c_srcu_sample"
check "the guard unloads" rmmod srcu_guard
ktap_finished
