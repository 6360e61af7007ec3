#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A load whose MODULE_STATE_COMING stops between the guard's notifier and
# the kernel's SRCU notifier: the coming_fail fixture's notifier (priority
# 1) sees the client after the guard and before the kernel allocated the
# per-CPU data of its static SRCU domains. The robust chain sends GOING to
# the guard, which skips all 64 domains in O(1) as never initialised.
# With after_srcu=1 the fixture runs after the SRCU notifier (priority -1):
# the rollback reaches that notifier, which frees all 64 srcu_data; with
# NOTIFY_STOP the load still goes on, and the guard refuses the init and
# clears the freed pointers before the final GOING could free them again
# (KASAN and the percpu allocator would report a double free).
#
# - errno: the fixture fails with notifier_from_errno(-ENOMEM) and the
#   kernel stops the load itself, with no GOING after the rollback: the
#   pin the guard takes to refuse the init must be dropped when the
#   kernel frees the client (rmmod srcu_guard at the end).
# - stop=1: the fixture returns NOTIFY_STOP, which the kernel reads as
#   success: without the guard the client would run with no per-CPU data
#   behind its domains. The guard refuses its init: the load fails with
#   -ENOMEM and one pr_err naming the client.
#
# Afterwards the clients load and unload normally. Rust sample and C twin.
# scenarios: -tiny

. "$(dirname "$0")/lib.sh"

stats=/sys/kernel/debug/srcu_guard/stats
counts="domains=64 skipped_uninit=64 skipped_unused=0 barriered=0"

# rolled_back MODULE ALLOCATED: the guard's GOING line and stats record of
# a COMING rolled back with ALLOCATED domains holding per-CPU data.
rolled_back() {
	klog_has "srcu_guard: $1: $counts ns=[0-9]+ passes=[0-9]+ \(MODULE_STATE_COMING failed\) percpu_allocated=$2$" &&
		grep -qE "^module=$1 $counts ns=[0-9]+ passes=[0-9]+ pending_domains=0 pending=0$" $stats
}

# refused MODULE FIXTURE-PARAMS...: with coming_fail set on MODULE, the
# load of MODULE fails with -ENOMEM, the guard having rolled it back.
refused() {
	_m=$1 _alloc=0
	shift
	case " $* " in *" after_srcu=1 "*) _alloc=64 ;; esac
	klog_mark
	load coming_fail target="$_m" "$@" || return 1
	_err=$(load "$_m" readers=1 duration_ms=100 2>&1)
	_rc=$?
	rmmod coming_fail
	klog_since | grep -E "coming_fail|srcu_guard" | ktap_quote
	[ $_rc -ne 0 ] && ! is_loaded "$_m" && rolled_back "$_m" $_alloc &&
		echo "$_err" | grep -q "Cannot allocate memory"
}

# stop_refused MODULE: refused, the fixture returning NOTIFY_STOP, and the
# guard's pr_err says why.
stop_refused() {
	refused "$1" stop=1 &&
		klog_has "srcu_guard: $1: MODULE_STATE_COMING failed with 0 of 64 domains given per-CPU data \(the kernel's SRCU notifier did not run\): init refused, the load fails with -ENOMEM"
}

# freed_refused MODULE: NOTIFY_STOP after the SRCU notifier: refused, the
# guard's pr_err says why.
freed_refused() {
	refused "$1" after_srcu=1 stop=1 &&
		klog_has "srcu_guard: $1: MODULE_STATE_COMING failed with 64 of 64 domains given per-CPU data \(a later notifier failed; the SRCU notifier's rollback frees them\): init refused, the load fails with -ENOMEM"
}

ktap_print_header
ktap_set_plan 11

load srcu_guard
for m in rust_srcu_sample c_srcu_sample; do
	check "$m: COMING failed with an errno: the kernel stops the load" refused $m
	check "$m: NOTIFY_STOP before SRCU: the guard refuses the init" stop_refused $m
	check "$m: COMING failed with an errno after SRCU: the kernel stops the load" \
		refused $m after_srcu=1
	check "$m: NOTIFY_STOP after SRCU: the guard refuses the init" freed_refused $m
	check "$m: loads and unloads afterwards" \
		sh -c "insmod $DIR/$m.ko duration_ms=100 && sleep 1 && rmmod $m"
done
check "rmmod srcu_guard: every pin dropped" rmmod srcu_guard
ktap_finished
