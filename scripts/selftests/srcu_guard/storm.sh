#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Load/unload storms: storm_cycles=N (kernel command line, default 12;
# "make check STORM_CYCLES=1000" for the long run) insmod/rmmod cycles of
# the guard and of every client, under lockdep, KASAN and kmemleak (the
# harness fails the run on any splat and scans kmemleak at the end). Half
# the sample cycles unload with readers, the updater and callbacks in
# flight (rmmod right after insmod, 300 ms into a 1 s run), the other half
# after the run; callbacks are pending at every guarded client's exit.
# timeout: 3000
# scenarios: -tiny

. "$(dirname "$0")/lib.sh"

cycles=${storm_cycles:-12}
only=${storm_only:-}
part=0

# storm_check DESC CMD [ARGS...]: the next storm, as one KTAP result;
# skipped when storm_only is set and does not list it.
storm_check() {
	part=$((part + 1))
	case ",${only:-$part}," in
	*",$part,"*) check "$@" ;;
	*) ktap_test_skip "$1 (not in storm_only=$only)" ;;
	esac
}

# storm NAME GUARD PARAMS...: $cycles load/unload cycles of NAME (with the
# guard loaded when GUARD is "guard"), the odd ones unloaded 0.3 s after
# load, the even ones 1.2 s after; any failure ends the storm.
storm() {
	_name=$1 _guard=$2
	shift 2
	[ "$_guard" = guard ] && { load srcu_guard || return 1; }
	_i=0
	while [ $_i -lt "$cycles" ]; do
		load "$_name" "$@" || break
		if [ $((_i % 2)) = 1 ]; then sleep 0.3; else sleep 1.2; fi
		rmmod "$_name" || break
		_i=$((_i + 1))
	done
	[ "$_guard" = guard ] && rmmod srcu_guard
	ktap_print_msg "$_name $*: $_i of $cycles cycles"
	[ $_i = "$cycles" ]
}

# storm_cheap NAME PARAMS...: $cycles back-to-back load/unload cycles.
storm_cheap() {
	_name=$1
	shift
	_i=0
	while [ $_i -lt "$cycles" ] && load "$_name" "$@" && rmmod "$_name"; do
		_i=$((_i + 1))
	done
	ktap_print_msg "$_name $*: $_i of $cycles cycles"
	[ $_i = "$cycles" ]
}

ktap_print_header
ktap_set_plan 8
storm_check "srcu_guard" storm_cheap srcu_guard
storm_check "rust_srcu_sample, own srcu_barrier()" \
	storm rust_srcu_sample noguard domains=8 readers=2 duration_ms=1000
storm_check "c_srcu_sample, own srcu_barrier()" \
	storm c_srcu_sample noguard domains=8 readers=2 duration_ms=1000
storm_check "rust_srcu_sample, forgets srcu_barrier(), guarded" \
	storm rust_srcu_sample guard domains=8 readers=2 duration_ms=1000 skip_barrier=1
storm_check "c_srcu_sample, forgets srcu_barrier(), guarded" \
	storm c_srcu_sample guard domains=8 readers=2 duration_ms=1000 skip_barrier=1
load srcu_guard
storm_check "srcu_unload_64, 64 callbacks pending, guarded" storm_cheap srcu_unload_64 mode=2
rmmod srcu_guard
storm_check "tp_torture (its tracepoint and debugfs)" storm_cheap tp_torture
storm_check "srcu_bench (its kretprobe)" storm_cheap srcu_bench parts=0
ktap_finished
