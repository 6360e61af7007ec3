#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Random tracepoint torture (tp_torture random_ms): firing kthreads on
# every CPU while an updater registers and unregisters probes with random
# priorities. No hit may call a probe with another probe's data or deliver
# an inconsistent array; every transition kind must have happened.

. "$(dirname "$0")/lib.sh"

ktap_print_header
ktap_set_plan 5
klog_mark
check "insmod tp_torture random_ms=3000" load tp_torture random_ms=3000
check "the random mode ran to the end (done within 120 s)" tp_torture_done 120
klog_since | grep -E "tp_torture: random" | ktap_quote
check "hits made, mismatches=0" \
	klog_has "tp_torture: random ms=3000 hits=[1-9][0-9]* calls=[0-9]+ mismatches=0 foreign_data=0 stopped_early=0$"
check "every transition kind seen, none with mismatches" \
	sh -c "! grep -E '^random transitions kind=.* (count=0 |mismatches=[1-9])' \
		/sys/kernel/debug/tp_torture/results"
check "rmmod tp_torture" rmmod tp_torture
ktap_finished
