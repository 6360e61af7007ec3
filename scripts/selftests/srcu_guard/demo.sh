#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The demonstration run by "make run" (not a selftest): load the main
# module, show what it logged, unload it. Prints one human line per step.

. "$(dirname "$0")/lib.sh"

step() {
	desc=$1
	shift
	if "$@"; then
		echo "ok    $desc"
	else
		echo "FAIL  $desc"
		fail=1
	fi
}

fail=0
echo "guest: $(uname -r), $(grep -c ^processor /proc/cpuinfo) CPUs"
klog_mark
step "insmod srcu_guard.ko" load srcu_guard
step "srcu_guard listed in /proc/modules" is_loaded srcu_guard
step "rmmod srcu_guard" rmmod srcu_guard
echo "kernel said:"
klog_since | grep 'srcu_guard' | sed 's/^/      /'
exit $fail
