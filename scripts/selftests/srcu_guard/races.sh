#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Races between unloads, race_rounds=N times each (kernel command line,
# default 10):
# - two clients that forgot srcu_barrier() unloading at once under the
#   guard: both get their barriers, every callback of both runs;
# - the guard unloading while a client (with its own barrier) unloads: in
#   either order both go, cleanly (a client that relies on the guard must
#   not outlive it: unloading the guard first unguards it, by design);
# - rmmod during tp_torture's random mode, which registers and
#   unregisters probes for 30 s inside its init: rmmod of tp_torture
#   itself is refused while it is coming, and clients load and unload
#   meanwhile (the tracepoint and static_call module notifiers run for
#   each). The torture still sees no mismatch, and every module unloads.
# timeout: 600

. "$(dirname "$0")/lib.sh"

rounds=${race_rounds:-10}

# two_clients: one round of the first race.
two_clients() {
	klog_mark
	load rust_srcu_sample domains=8 readers=2 duration_ms=200 skip_barrier=1 &&
		load c_srcu_sample domains=8 readers=2 duration_ms=200 skip_barrier=1 || return 1
	sleep 0.5
	rmmod rust_srcu_sample &
	rmmod c_srcu_sample &
	wait
	! is_loaded rust_srcu_sample && ! is_loaded c_srcu_sample &&
		klog_has "rust_srcu_sample: all [0-9]+ callbacks ran" &&
		klog_has "c_srcu_sample: all [0-9]+ callbacks ran"
}

# guard_and_client: one round of the second race.
guard_and_client() {
	klog_mark
	load srcu_guard && load rust_srcu_sample domains=8 readers=2 duration_ms=200 ||
		return 1
	sleep 0.5
	rmmod srcu_guard &
	rmmod rust_srcu_sample &
	wait
	! is_loaded srcu_guard && ! is_loaded rust_srcu_sample && callbacks_balanced rust_srcu_sample
}

# rounds FUNC: FUNC $rounds times.
rounds() {
	_r=0
	while [ $_r -lt "$rounds" ]; do
		"$1" || { ktap_print_msg "$1: round $_r failed"; klog_since | ktap_quote; return 1; }
		_r=$((_r + 1))
	done
}

# during_torture: unloads while tp_torture's init churns its tracepoint
# for 30 s. Its firing kthreads keep every CPU busy, so the racing shell
# runs at nice -20; a client pair still takes about 2 s under TCG, and
# several times that when other VMs share the host, hence the 30 s.
during_torture() {
	klog_mark
	load tp_torture random_ms=30000 &
	_pid=$!
	renice -20 -p $$ >/dev/null
	while ! grep -q "^tp_torture " /proc/modules; do
		sleep 0.1
	done
	_refused=0 _cycles=0
	while grep -q "^tp_torture .* Loading" /proc/modules; do
		rmmod tp_torture 2>/dev/null || _refused=$((_refused + 1))
		load srcu_unload_64 mode=1 && rmmod srcu_unload_64 &&
			load rust_srcu_sample domains=2 readers=1 duration_ms=0 &&
			rmmod rust_srcu_sample && _cycles=$((_cycles + 1))
	done
	renice 0 -p $$ >/dev/null
	_rc=0
	wait $_pid || _rc=$?
	ktap_print_msg "during tp_torture's random mode: insmod exit $_rc, $_refused rmmods refused, $_cycles client load/unload pairs"
	[ "$_rc" = 0 ] && [ "$_refused" -gt 0 ] && [ "$_cycles" -gt 0 ] &&
		klog_has "tp_torture: random ms=30000 hits=[0-9]+ calls=[0-9]+ mismatches=0 " &&
		rmmod tp_torture && return 0
	klog_since | grep -v "domains defined=\|callbacks queued=" | ktap_quote
	return 1
}

ktap_print_header
ktap_set_plan 3
load srcu_guard
check "two guarded clients unloading at once, $rounds rounds" rounds two_clients
rmmod srcu_guard
check "the guard and a client unloading at once, $rounds rounds" rounds guard_and_client
check "rmmod during tp_torture's probe registration churn" during_torture
ktap_finished
