#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# KThread owns its thread's (fn, arg) box: a thread stopped before it ever
# ran (kthread() skips the thread function when SHOULD_STOP is already
# set) leaks nothing. rust_srcu_sample thread_churn=300 starts and stops
# 300 kthreads at once at load; kmemleak scans afterwards find no
# unreferenced object. (When the thread function freed the
# box, kmemleak reported the ones that never ran.) Skipped on a kernel
# without kmemleak (scenario nodebug).

. "$(dirname "$0")/lib.sh"

leak=/sys/kernel/debug/kmemleak

ktap_print_header
if [ ! -w $leak ]; then
	ktap_skip_all "this kernel has no kmemleak"
	exit "$KSFT_SKIP"
fi
ktap_set_plan 2

echo clear >$leak
check "300 kthreads started and stopped" \
	load rust_srcu_sample domains=1 readers=0 duration_ms=0 thread_churn=300
# kmemleak reports objects at least 5 s old, found unreferenced by a scan;
# everything reported before was cleared, so any report is this load's.
sleep 6
echo scan >$leak
sleep 1
echo scan >$leak
cat $leak >/tmp/kmemleak.txt
rmmod rust_srcu_sample
ktap_quote </tmp/kmemleak.txt
check "kmemleak: nothing unreferenced since the load" \
	sh -c '! grep -q "unreferenced object" /tmp/kmemleak.txt'
ktap_finished
