#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# coming_percpu_fault on a kernel that carries the one-line fix of
# srcu_module_notify() (notifier_from_errno(), scripts/kernel-variants/):
# there a failed srcu_module_coming() frees the srcu_data it allocated and
# stops the load itself, right after the robust chain's GOING rollback,
# and no GOING follows. Without the guard the load now fails with
# -ENOMEM. With the guard it fails the same way, and the pin the guard
# takes at the rollback (to refuse an init that this kernel never calls)
# is dropped when the kernel frees the module: the guard unloads
# afterwards. (With a plain try_module_get()
# pin, released only at a later GOING, rmmod srcu_guard failed for ever.)
# The variant is built from the default scenario's kernel only.
# boot: own
# scenarios: default
# kernel-variant: srcu-notifier-from-errno
# timeout: 600
# expect-splat: WARNING: .*kernel/rcu/srcutree\.c:[0-9]+ .*srcu_module_notify
# allow-splat: percpu: allocation failed, size=[0-9]+ align=[0-9]+ atomic=0, failed to populate

. "$(dirname "$0")/lib.sh"

# unguarded_load_fails: without the guard, the fixed kernel refuses
# c_srcu_sample itself when srcu_module_coming() fails: its init never
# runs. (The stock kernel loads it: coming_percpu_fault. A Rust module
# would refuse itself on any kernel, srcu::require_percpu.)
unguarded_load_fails() {
	klog_mark
	_err=$(load c_srcu_sample readers=0 duration_ms=0 2>&1) && {
		rmmod c_srcu_sample
		return 1
	}
	! is_loaded c_srcu_sample && echo "$_err" | grep -q "Cannot allocate memory" &&
		klog_has "WARNING: .* srcu_module_notify" &&
		! klog_has "c_srcu_sample: domains defined="
}

ktap_print_header
ktap_set_plan 6

check "fail_page_alloc set up under pcpu_populate_chunk()" percpu_fault on
check "without the guard, the fixed kernel fails the load with -ENOMEM" \
	unguarded_load_fails
load srcu_guard
# Each load finds the per-CPU memory that the failed loads before it
# freed, and fails at the same domain again.
check "srcu_unload_1024: load fails with -ENOMEM" coming_refused srcu_unload_1024 1024 0 mode=1
check "c_srcu_sample: load fails with -ENOMEM" coming_refused c_srcu_sample 64 0 duration_ms=0
percpu_fault off
check "c_srcu_sample: loads, uses its domains and unloads afterwards" \
	sh -c "insmod $DIR/c_srcu_sample.ko duration_ms=100 && sleep 1 && rmmod c_srcu_sample"
check "rmmod srcu_guard: no pin left behind" rmmod srcu_guard
ktap_finished
