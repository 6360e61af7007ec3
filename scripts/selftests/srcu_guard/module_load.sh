#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The main module loads, logs one line, is listed, unloads and logs again.
# scenarios: -tiny

. "$(dirname "$0")/lib.sh"

ktap_print_header
ktap_set_plan 5
klog_mark

check "insmod srcu_guard" load srcu_guard
check "srcu_guard listed in /proc/modules" is_loaded srcu_guard
check "load line logged" klog_has "srcu_guard: loaded$"
check "rmmod srcu_guard" rmmod srcu_guard
if ! is_loaded srcu_guard && klog_has "srcu_guard: unloaded$"; then
	ktap_test_pass "unloaded and unload line logged"
else
	ktap_test_fail "unloaded and unload line logged"
fi
ktap_finished
