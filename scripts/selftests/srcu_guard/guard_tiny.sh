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

# refused: the load failed, and said the operation is not supported.
refused() {
	[ "$rc" != 0 ] && echo "$out" | grep -q "Operation not supported"
}

# one_line: the guard logged exactly one line, the one that says why.
one_line() {
	[ "$(klog_since | grep -c 'srcu_guard: ')" = 1 ] &&
		klog_has "srcu_guard: Tiny SRCU keeps no list of a module's static SRCU domains: nothing to guard, not loaded$"
}

# unlisted: srcu_guard is not in /proc/modules.
unlisted() {
	! is_loaded srcu_guard
}

ktap_print_header
ktap_set_plan 3
klog_mark
# One finit_module() call: busybox insmod would try init_module() after
# it, and the guard would say why twice.
out=$("$DIR/finit_module" "$DIR/srcu_guard.ko" 2>&1)
rc=$?
echo "$out" | ktap_quote
check "insmod srcu_guard fails: Operation not supported" refused
check "one line says why" one_line
check "srcu_guard not listed in /proc/modules" unlisted
ktap_finished
