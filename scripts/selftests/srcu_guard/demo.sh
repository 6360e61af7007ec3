#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The demonstration run by "make run" (not a selftest): the unload guard
# saves a Rust client that forgot srcu_barrier(). Prints one human line
# per step, then what the kernel said.

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
echo "guest: Linux $(uname -r), $(grep -c ^processor /proc/cpuinfo) CPUs"
klog_mark
step "insmod srcu_guard.ko (the unload guard)" load srcu_guard
step "insmod rust_srcu_sample.ko: 8 static domains, 2 readers, 1 s of call_srcu" \
	load rust_srcu_sample domains=8 readers=2 duration_ms=1000 skip_barrier=1
sleep 2
step "rmmod rust_srcu_sample (its exit forgets srcu_barrier())" rmmod rust_srcu_sample
step "every callback ran before the module was freed" \
	klog_has "rust_srcu_sample: all [0-9]+ callbacks ran"
echo "guard stats (/sys/kernel/debug/srcu_guard/stats):"
sed 's/^/      /' /sys/kernel/debug/srcu_guard/stats
step "rmmod srcu_guard" rmmod srcu_guard
echo "kernel said:"
klog_since | grep -E 'srcu_guard|rust_srcu_sample' | sed 's/^/      /'
exit $fail
