#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The guard's negative controls on a kernel that carries the fix of
# srcu_module_going() (patch 2 of the upstream series,
# scripts/kernel-variants/SERIES/srcu-module-barrier.patch): call_srcu()
# sets a domain's ->srcu_cb_used once, and srcu_module_going()
# srcu_barrier()s the flagged domains before cleaning them up. Without the
# guard, a C client that forgot srcu_barrier() now unloads cleanly: every
# callback ran before rmmod returned, and the 30 unloads after which the
# stock kernel WARNs in cleanup_srcu_struct() ("Forgot srcu_barrier()",
# guard_negative_c) pass without one. With the guard, the guard barriers
# first and the kernel's barrier finds nothing to wait for; the guard
# unloads afterwards (no reference left). The variant is built from the
# default scenario's kernel only (its header change rebuilds nearly all).
# boot: own
# scenarios: default
# kernel-variant: srcu-module-barrier
# timeout: 600

. "$(dirname "$0")/lib.sh"

# forgetful_unloads N PARAMS...: N forgetful unloads of c_srcu_sample
# (lib.sh); each time its last callback ran before rmmod returned, and
# the kernel did not WARN.
forgetful_unloads() {
	_fu_n=$1
	shift
	while [ "$_fu_n" -gt 0 ]; do
		forgetful_unload "$@" && ! klog_has "WARNING:" || return 1
		_fu_n=$((_fu_n - 1))
	done
}

# guarded_unload: with the guard, the same unload; the guard barriered
# the 64 domains first.
guarded_unload() {
	forgetful_unloads 1 domains=64 readers=2 duration_ms=300 &&
		klog_has "srcu_guard: c_srcu_sample: domains=64 .*barriered=64 "
}

ktap_print_header
ktap_set_plan 5

check "without the guard: 30 unloads with callbacks pending (guard_negative_c's), all ran, no WARN" \
	forgetful_unloads 30 domains=4 readers=0 duration_ms=0
check "without the guard: 64 domains in use, all callbacks ran before rmmod returned" \
	forgetful_unloads 3 domains=64 readers=2 duration_ms=300
check "insmod srcu_guard" load srcu_guard
check "with the guard too: all callbacks ran, the guard barriered first" guarded_unload
check "rmmod srcu_guard" rmmod srcu_guard
ktap_finished
