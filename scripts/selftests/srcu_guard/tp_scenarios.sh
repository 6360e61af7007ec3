#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Deterministic tracepoint transitions of the 2021 thread (tp_torture
# scenarios=1): a reader stops between reading funcs[0].data and the
# static call while the updater drives one transition sequence. Every hit
# must deliver one version of the probe array with each probe's own data
# (mismatches=0), and where the fixed kernel needs a grace period
# (1->0->1, 2->1 with slot 0's data changed, 3->2->1, 1->2->1) the updater
# must have waited for the reader's window: its transition ended after the
# window did (an order of two timestamps, not a duration, so a loaded host
# cannot fake or hide it). insmod returns at once; the test waits for the
# runner's "done". Not on Tiny SRCU's one CPU: the reader and the updater
# run on two online CPUs (tp_torture refuses the scenarios with one).
# scenarios: -tiny

. "$(dirname "$0")/lib.sh"

window=300
# Scenarios whose transition waits for a grace period on a fixed kernel.
waits="2_1_slot0_changed 2_1_same_func_other_data 1_0_1 3_2_1 1_2_1"
all="0_1 1_2_slot0_by_prio 1_2_slot0_by_prio_updater_window 2_1_slot0_kept
$waits n_n1_n"

ktap_print_header
ktap_set_plan 14
klog_mark
check "insmod tp_torture scenarios=1" load tp_torture scenarios=1 window_ms=$window
check "the scenarios ran to the end (done within 300 s)" tp_torture_done 300
klog_since | grep -E "tp_torture: scenario" >/tmp/tp_scenarios.log
ktap_quote </tmp/tp_scenarios.log
for s in $all; do
	line=$(grep -E "tp_torture: scenario=$s " /tmp/tp_scenarios.log | tail -n 1)
	mism=$(echo "$line" | sed -n 's/.* mismatches=\([0-9]*\) .*/\1/p')
	waited=$(echo "$line" | sed -n 's/.* updater_waited=\([01]\) .*/\1/p')
	ok=1
	desc="scenario $s: mismatches=0"
	[ "$mism" = 0 ] || ok=0
	case " $waits " in
	*" $s "*)
		desc="$desc, updater waited for the reader"
		[ "$waited" = 1 ] || ok=0
		;;
	esac
	check "$desc" [ $ok = 1 ]
done
# results_ok: debugfs has one line per scenario, then the total.
results_ok() {
	r=/sys/kernel/debug/tp_torture/results
	[ "$(grep -c '^scenario=' $r)" = 10 ] &&
		grep -qx 'scenarios done: mismatches=0' $r
}
check "debugfs results: one line per scenario, then the total" results_ok
check "rmmod tp_torture" rmmod tp_torture
ktap_finished
