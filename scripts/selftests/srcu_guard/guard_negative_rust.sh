#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Negative control for the guard, rust client: without the guard, a
# module that forgot srcu_barrier() hits the kernel's WARN in
# cleanup_srcu_struct() ("Forgot srcu_barrier(), so just leak it!") when
# callbacks are still queued as it goes, and its per-CPU data is then freed
# under them. Whether a callback is still queued at GOING is a race with
# the grace period, so the client is loaded and unloaded (4 domains, one
# callback each queued by the exit) until the WARN appears, at most 30
# times. The test passes only if that splat appears; what the kernel does
# after it is the bug itself, so it runs in a boot of its own.
#
# boot: own
# expect-splat: WARNING: .* at kernel/rcu/srcutree\.c:[0-9]+ cleanup_srcu_struct
# after-splat: anything

. "$(dirname "$0")/lib.sh"

ktap_print_header
ktap_set_plan 1
klog_mark
i=0
while [ $i -lt 30 ] && ! klog_has "WARNING: .* cleanup_srcu_struct"; do
	load rust_srcu_sample domains=4 readers=0 duration_ms=0 skip_barrier=1
	rmmod rust_srcu_sample
	i=$((i + 1))
done
ktap_print_msg "unloads without the guard: $i"
check "rust_srcu_sample: WARN in cleanup_srcu_struct without the guard" \
	klog_has "WARNING: .* cleanup_srcu_struct"
ktap_finished
