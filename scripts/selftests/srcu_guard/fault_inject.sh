#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Fault injection (failslab, fail_page_alloc): loads of the guard and of
# the clients, and the guard's work at a client's unload, with the Nth
# allocation of the load's finit_module() call, or of the rmmod task,
# failing, for N = F, F+S, F+2S, ... until the command no longer reaches
# an Nth allocation (S: fault_stride=S on the kernel command line,
# default 10; F: fault_first=F, default a random 1 to S, printed, so that
# runs together reach every N; "make check FAULT_STRIDE=1" reaches every
# N in one run). This is the task's /proc fail-nth (what syzkaller uses): it
# reaches the module loader, the modules' own allocations in init
# (kthreads, vectors, debugfs) and the guard's work items in the GOING
# notifier. Loads go through finit_module (built beside the tests), one
# finit_module() call with fail-nth armed just before it: busybox insmod
# would retry a failed one with init_module() after fail-nth is spent,
# and the failure would go unseen. A failed load must report its errno
# and leave nothing behind (not loaded, no debugfs directory; kmemleak is
# scanned by the harness at the end of the boot); a load that succeeds
# although the fault hit (an allocation whose failure the kernel or the
# module tolerates) must unload; an unload of a client that forgot
# srcu_barrier() still runs every callback.
# The per-CPU allocation at MODULE_STATE_COMING (srcu_module_coming()'s
# alloc_percpu()) is rarely reached this way: the percpu allocator
# allocates only to populate a chunk, which then stays populated across
# loads, and its balance work runs in a kworker, outside the task's
# fail-nth. coming_percpu_fault fails it with a stack-filtered
# fail_page_alloc instead.
# A failure inside vmalloc() makes the kernel print its allocation-failure
# report (warn_alloc(), with a stack): that splat is allowed, no other.
# Needs fault injection, which the nodebug scenario has not.
# boot: own
# scenarios: all -nodebug -tiny
# timeout: 2400
# allow-splat: vmalloc error: size [0-9]+, .*
# allow-splat: page allocation failure: order:[0-9]+

. "$(dirname "$0")/lib.sh"

stride=${fault_stride:-10}
first=${fault_first:-$(($(od -An -N2 -tu2 /dev/urandom) % stride + 1))}
fs=/sys/kernel/debug/failslab
fp=/sys/kernel/debug/fail_page_alloc
# Only fail-nth injects: random injection stays off (task filter, no
# task marked), and an injected failure prints nothing (verbose 0).
for a in $fs $fp; do
	echo Y >"$a/task-filter"
	echo 100 >"$a/probability"
	echo 0 >"$a/verbose"
	echo 0 >"$a/space"
	echo 1 >"$a/interval"
	echo 0 >"$a/times"
done
echo N >$fs/ignore-gfp-wait

# faulted CMD...: run CMD, which arms fail-nth in its own task, its
# output in /tmp/nth.out; sets HIT to 1 when the armed allocation happened
# (a fault attribute's times went 1 -> 0).
faulted() {
	echo 1 >$fs/times
	echo 1 >$fp/times
	_rc=0
	"$@" >/tmp/nth.out 2>&1 || _rc=$?
	HIT=0
	[ "$(cat $fs/times)" = 0 ] || [ "$(cat $fp/times)" = 0 ] && HIT=1
	echo 0 >$fs/times
	echo 0 >$fp/times
	return $_rc
}

# nth N CMD...: run CMD in a task whose Nth counted allocation fails.
nth() {
	_n=$1
	shift
	# shellcheck disable=SC2016 # expanded by the inner sh
	faulted sh -c 'echo "$0" >/proc/self/fail-nth && exec "$@"' "$_n" "$@"
}

# gone MODULE [DEBUGFS-DIR]: nothing of MODULE is left.
gone() {
	! is_loaded "$1" && { [ -z "${2:-}" ] || [ ! -e "/sys/kernel/debug/$2" ]; }
}

# sweep_load MODULE DEBUGFS-DIR PARAMS...: fail each Nth allocation of
# the finit_module() call that loads MODULE with PARAMS. Every failed load
# must say why (its errno) and leave nothing behind; the errors are
# counted by errno, and at least one load must fail.
sweep_load() {
	_mod=$1 _dir=$2
	shift 2
	_i=$first _inj=0 _failed=0 _tolerated=0
	: >/tmp/errnos
	while :; do
		if faulted "$DIR/finit_module" -n "$_i" "$DIR/$_mod.ko" "$@"; then
			rmmod "$_mod" || return 1
			[ $HIT = 1 ] || break
			_tolerated=$((_tolerated + 1))
		else
			if [ $HIT = 0 ]; then
				ktap_print_msg "$_mod: load failed with no fault injected"
				ktap_quote </tmp/nth.out
				return 1
			fi
			if ! gone "$_mod" "$_dir"; then
				ktap_print_msg "$_mod: left behind after fault $_i"
				return 1
			fi
			if ! grep -q "^finit_module: .*: errno [0-9]* (.*)$" /tmp/nth.out; then
				ktap_print_msg "$_mod: fault $_i: the load failed without an error:"
				ktap_quote </tmp/nth.out
				return 1
			fi
			sed -n 's/.*: errno [0-9]* (\(.*\))$/\1/p' /tmp/nth.out >>/tmp/errnos
			_failed=$((_failed + 1))
		fi
		_inj=$((_inj + 1))
		_i=$((_i + stride))
	done
	_why=$(sort /tmp/errnos | uniq -c | sed 's/^ *\([0-9]*\) \(.*\)/\1 "\2"/' |
		paste -s -d, - | sed 's/,/, /g')
	ktap_print_msg "$_mod: $_inj faults injected: $_failed loads failed cleanly (${_why:-none}), $_tolerated tolerated, none at allocation $_i"
	[ $_failed -gt 0 ]
}

# sweep_going: fail each Nth allocation of "rmmod srcu_unload_64" (64
# callbacks pending, no srcu_barrier()) with the guard loaded; every
# callback must still run before the module is gone. A fault in the
# client's own exit, which allocates all 64 callbacks before it queues
# any, queues none ("out of memory queueing callbacks"): nothing to run.
sweep_going() {
	_i=$first _inj=0
	while :; do
		klog_mark
		load srcu_unload_64 mode=2 || return 1
		nth "$_i" rmmod srcu_unload_64 || rmmod srcu_unload_64 || return 1
		if ! klog_has "srcu_unload_64: (all 64 callbacks ran|out of memory queueing callbacks)"; then
			ktap_print_msg "rmmod with fault $_i: callbacks did not all run"
			return 1
		fi
		[ $HIT = 1 ] || break
		_inj=$((_inj + 1))
		_i=$((_i + stride))
	done
	ktap_print_msg "rmmod srcu_unload_64 under the guard: $_inj faults injected, every callback ran each time"
	[ $_inj -gt 0 ]
}

ktap_print_header
ktap_set_plan 5
ktap_print_msg "allocations failed: $first, $first+$stride, ... (fault_first=$first fault_stride=$stride)"
check "srcu_guard: faults in load" sweep_load srcu_guard srcu_guard
check "rust_srcu_sample: faults in load" \
	sweep_load rust_srcu_sample "" domains=4 readers=2 duration_ms=0
check "c_srcu_sample: faults in load" \
	sweep_load c_srcu_sample "" domains=4 readers=2 duration_ms=0
load srcu_guard
check "srcu_unload_64 mode=1: faults in load" sweep_load srcu_unload_64 "" mode=1
check "guard's GOING work: faults in rmmod of a client" sweep_going
rmmod srcu_guard
echo 0 >$fs/probability
echo 0 >$fp/probability
ktap_finished
