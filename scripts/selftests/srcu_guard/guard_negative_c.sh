#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Negative control for the guard, c client: without the guard, a
# module that forgot srcu_barrier() hits the kernel's WARN in
# cleanup_srcu_struct() ("Forgot srcu_barrier(), so just leak it!"), and
# its per-CPU data is then freed under the queued callbacks. The test
# passes only if that splat appears; what the kernel does after it is the
# bug itself, so it runs in a boot of its own.
#
# boot: own
# expect-splat: WARNING: .* at kernel/rcu/srcutree\.c:[0-9]+ cleanup_srcu_struct
# after-splat: anything

. "$(dirname "$0")/lib.sh"

ktap_print_header
ktap_set_plan 1
load c_srcu_sample domains=4 readers=0 duration_ms=0 skip_barrier=1
rmmod c_srcu_sample
sleep 2
ktap_test_result "c_srcu_sample unloaded without the guard" true
ktap_finished
