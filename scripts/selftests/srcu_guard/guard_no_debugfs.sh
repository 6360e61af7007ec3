#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The guard does not need debugfs: booted with debugfs=off, it loads, says
# once that its statistics go to the log only, barriers a client that
# forgot srcu_barrier() (the client's last callback runs before its memory
# goes, the guard's line is logged) and unloads.
#
# boot: own
# boot-args: debugfs=off
# scenarios: -tiny

. "$(dirname "$0")/lib.sh"

ktap_print_header
ktap_set_plan 5

klog_mark
check "load srcu_guard without debugfs" load srcu_guard
check "it says where its statistics go" \
	klog_has "srcu_guard: no debugfs \(error -[0-9]+\): statistics in the log only"
load c_srcu_sample domains=4 readers=1 duration_ms=100 skip_barrier=1 &&
	rmmod c_srcu_sample
check "a client that forgot srcu_barrier() unloads, every callback ran" \
	klog_has "c_srcu_sample: all [0-9]+ callbacks ran"
check "the guard's line for it" \
	klog_has "srcu_guard: c_srcu_sample: domains=64 skipped_uninit=60 skipped_unused=0 barriered=4 ns=[0-9]+ passes=[0-9]+ pending_domains=[0-9]+ pending=[0-9]+$"
check "rmmod srcu_guard" rmmod srcu_guard
ktap_finished
