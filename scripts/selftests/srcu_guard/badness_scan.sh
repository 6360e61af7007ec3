#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Proves the harness's kernel-log scan: loading a module that WARNs must
# produce exactly this splat, which this test declares expected. The host
# also re-scans this test's log window without the declaration and fails
# the test unless that scan reports the WARN.
#
# expect-splat: WARNING: .*warn_on_load\.c:[0-9]+

. "$(dirname "$0")/lib.sh"

ktap_print_header
ktap_set_plan 3
klog_mark

check "insmod warn_on_load" load warn_on_load
check "WARN message logged" klog_has "warn_on_load: deliberate splat"
check "rmmod warn_on_load" rmmod warn_on_load
ktap_finished
