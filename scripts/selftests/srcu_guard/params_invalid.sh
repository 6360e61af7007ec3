#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Bad input: every bounded parameter of every module rejects its maximum
# plus one, and negative, non-numeric, overlong and empty values, with
# -EINVAL and one pr_err naming the module, the parameter and the
# accepted range, and the module is then not loaded. Every parameter gets
# its maximum plus one (its own bound); the other four values, which the
# parser common to all (bounded_param.h) rejects, go in turn to the first
# parameter of each module, each to two or three modules; param_values=all
# on the kernel command line ("make check PARAM_VALUES=all") gives every
# parameter all five (about 150 failed loads, over 250 s under TCG). The
# guard's debugfs reset file rejects anything but "1" the same way. Loads
# go through finit_module (beside the tests): one finit_module() call, so
# one parse, whose errno it prints (busybox insmod would retry with
# init_module() and parse twice).
# timeout: 1500
# scenarios: -tiny

. "$(dirname "$0")/lib.sh"

# MODULE PARAM MAX for each bounded parameter.
params="rust_srcu_sample domains 64
rust_srcu_sample readers 16
rust_srcu_sample duration_ms 60000
rust_srcu_sample gp_test 1
rust_srcu_sample skip_barrier 1
rust_srcu_sample fail_init 1
rust_srcu_sample hops 16
rust_srcu_sample thread_churn 1000
c_srcu_sample domains 64
c_srcu_sample readers 16
c_srcu_sample duration_ms 60000
c_srcu_sample gp_test 1
c_srcu_sample skip_barrier 1
c_srcu_sample fail_init 1
c_srcu_sample hops 16
srcu_unload_1 mode 3
srcu_unload_64 mode 3
srcu_unload_1024 mode 3
srcu_bench parts 15
srcu_bench runs 101
srcu_bench read_loops 100000000
srcu_bench fire_loops 100000000
srcu_bench cycles 100000
srcu_guard concurrent_barriers 1
tp_torture scenarios 1
tp_torture random_ms 600000
tp_torture window_ms 5000
coming_fail stop 1
coming_fail after_srcu 1"
# The SRCU-fast fixture is built where the kernel has SRCU-fast.
[ ! -f "$DIR/rust_srcu_fast.ko" ] || params="$params
rust_srcu_fast readers 16
rust_srcu_fast duration_ms 60000"

# The parser's bad values besides a maximum plus one.
others="-1 abc 99999999999999999999999999999999 empty"

# rejects MODULE PARAM MAX OTHER...: MAX + 1 and each OTHER value ("empty"
# for the empty string) fail the load with EINVAL, the kernel's "`V'
# invalid for parameter `P'" line and one line of ours.
rejects() {
	_m=$1 _p=$2 _max=$3
	shift 3
	for v in $((_max + 1)) "$@"; do
		[ "$v" != empty ] || v=""
		klog_mark
		if "$DIR/finit_module" "$DIR/$_m.ko" "$_p=$v" >/tmp/load.out 2>&1 ||
			is_loaded "$_m"; then
			echo "# $_m $_p='$v' was accepted"
			# The next tests load it afresh.
			rmmod "$_m" 2>/dev/null
			return 1
		fi
		if ! grep -q "errno 22 (Invalid argument)$" /tmp/load.out; then
			echo "# $_m $_p='$v': not EINVAL: $(cat /tmp/load.out)"
			return 1
		fi
		klog_since >/tmp/load.klog
		ours=$(grep -c "$_m: $_p: invalid value .*expected an integer in \[" /tmp/load.klog)
		parses=$(grep -c "$_m: .* invalid for parameter \`$_p'" /tmp/load.klog)
		if [ "$ours" != 1 ] || [ "$parses" != 1 ]; then
			echo "# $_m $_p='$v': $ours error lines of ours, $parses of the kernel's"
			return 1
		fi
	done
}

# reset_rejects: the guard's reset file takes "1" only.
reset_rejects() {
	r=/sys/kernel/debug/srcu_guard/reset
	for v in 0 2 -1 abc 123456789; do
		klog_mark
		if echo "$v" >$r 2>/dev/null; then
			echo "# reset accepted '$v'"
			return 1
		fi
		klog_has "srcu_guard: reset: invalid write" || return 1
	done
	echo 1 >$r
}

ktap_print_header
ktap_set_plan $(($(echo "$params" | wc -l) + 3))
last="" turn=0
while read -r m p max; do
	extra=""
	if [ "${param_values:-}" = all ]; then
		extra=$others
	elif [ "$m" != "$last" ]; then
		# shellcheck disable=SC2086 # four words
		extra=$(set -- $others && shift $((turn % 4)) && echo "$1")
		turn=$((turn + 1))
	fi
	last=$m
	# shellcheck disable=SC2086 # $extra: words
	check "$m $p: $((max + 1)) ${extra:+and $extra }rejected with one error line" \
		rejects "$m" "$p" "$max" $extra
done <<EOF
$params
EOF
check "insmod srcu_guard" load srcu_guard
check "reset: bad writes rejected with one error line" reset_rejects
check "rmmod srcu_guard" rmmod srcu_guard
ktap_finished
