#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Races between unloads, race_rounds=N times each (kernel command line,
# default 4):
# - two clients that forgot srcu_barrier() unloading at once under the
#   guard: both get their barriers, every callback of both runs;
# - the guard unloading while a client (with its own barrier) unloads: in
#   either order both go, cleanly (a client that relies on the guard must
#   not outlive it: unloading the guard first unguards it, by design);
# - clients loading and unloading during tp_torture's random mode, which
#   registers and unregisters probes in its runner kthread (the
#   tracepoint and static_call module notifiers run for each), then
#   rmmod tp_torture in the middle of the run: accepted, the run stops
#   early with no mismatch, and every module unloads.
# timeout: 600
# scenarios: -tiny

. "$(dirname "$0")/lib.sh"

rounds=${race_rounds:-4}

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

# during_torture: tp_torture's random mode churns its tracepoint (probes
# registered and unregistered, static calls switched) in its runner
# kthread while clients load and unload (the tracepoint and static_call
# module notifiers run for each); then tp_torture itself is unloaded in
# the middle of the run. Its firing kthreads keep every CPU busy, so the
# racing shell runs at nice -20; a client pair takes about 2 s under TCG,
# far less than the 120 s run.
during_torture() {
	klog_mark
	load tp_torture random_ms=120000 || return 1
	renice -20 -p $$ >/dev/null
	_cycles=0
	while [ $_cycles -lt 3 ]; do
		if ! { load srcu_unload_64 mode=1 && rmmod srcu_unload_64 &&
			load rust_srcu_sample domains=2 readers=1 duration_ms=0 &&
			rmmod rust_srcu_sample; }; then
			break
		fi
		_cycles=$((_cycles + 1))
	done
	_rc=0
	rmmod tp_torture || _rc=$?
	renice 0 -p $$ >/dev/null
	ktap_print_msg "during tp_torture's random mode: $_cycles client load/unload pairs, rmmod tp_torture exit $_rc"
	[ "$_cycles" = 3 ] && [ "$_rc" = 0 ] && ! is_loaded tp_torture &&
		klog_has "tp_torture: random ms=120000 hits=[1-9][0-9]* calls=[0-9]+ mismatches=0 foreign_data=0 stopped_early=1$" &&
		return 0
	klog_since | grep -v "domains defined=\|callbacks queued=" | ktap_quote
	return 1
}

ktap_print_header
ktap_set_plan 3
load srcu_guard
check "two guarded clients unloading at once, $rounds rounds" rounds two_clients
rmmod srcu_guard
check "the guard and a client unloading at once, $rounds rounds" rounds guard_and_client
check "clients and rmmod during tp_torture's probe registration churn" during_torture
ktap_finished
