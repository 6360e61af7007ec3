#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# On Tiny SRCU the guard refuses to load (-EOPNOTSUPP) with one line that
# says why: the loader keeps no list of a module's static domains, so
# there is nothing it could barrier (rust/srcu_guard_tiny.c). Rust
# domains need no guard there: teardown_rust, in the same scenario,
# unloads Rust modules that left callbacks and grace periods behind.
# scenarios: tiny

. "$(dirname "$0")/lib.sh"

ktap_print_header
ktap_set_plan 3
klog_mark
out=$(load srcu_guard 2>&1)
rc=$?
echo "$out" | ktap_quote
check "insmod srcu_guard fails: Operation not supported" \
	sh -c '[ "$1" != 0 ] && echo "$2" | grep -q "Operation not supported"' sh "$rc" "$out"
check "one line says why" sh -c '[ "$(dmesg | grep -c "^.*srcu_guard: ")" = 1 ] &&
	dmesg | grep -q "srcu_guard: Tiny SRCU keeps no list of a module.s static SRCU domains: nothing to guard, not loaded$"'
check "srcu_guard not listed in /proc/modules" sh -c '! grep -q "^srcu_guard " /proc/modules'
ktap_finished
