#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Negative control for the guard, c client: without the guard, a
# module that forgot srcu_barrier() hits the kernel's WARN in
# cleanup_srcu_struct() ("Forgot srcu_barrier(), so just leak it!") when
# callbacks are still queued as it goes, and its per-CPU data is then freed
# under them. The test passes only if that splat appears (see
# negative_control in lib.sh); what the kernel does after it is the bug
# itself, so it runs in a boot of its own.
#
# boot: own
# expect-splat: WARNING: .*kernel/rcu/srcutree\.c:[0-9]+ .*cleanup_srcu_struct
# after-splat: anything
# scenarios: -tiny

. "$(dirname "$0")/lib.sh"

ktap_print_header
ktap_set_plan 1
negative_control c_srcu_sample
ktap_finished
