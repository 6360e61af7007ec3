#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The guard names the bug it stopped (report=, rust/srcu_guard_report.c).
# A client that forgot srcu_barrier() and still had callbacks queued at
# MODULE_STATE_GOING gets one pr_warn line (callbacks pending, on how many
# of its domains, the first such domain's symbol and one callback's
# function, the time the guard waited), one line per such domain (at
# most 8), and its stats record the same counts. report=warn makes the
# module's line a WARN(), so that a run's scan for warnings fails on the
# buggy module (expected here, once); report=none counts nothing and says
# nothing. A C client that did its own barrier stays silent, and so does
# a Rust client that skipped it: its library barriers at exit. A forgotten
# barrier only shows when callbacks are still queued as the module goes,
# so the buggy unload is repeated (at most 5 times) until they are.
#
# expect-splat: WARNING: .*srcu_guard_report\.c:[0-9]+ .*srcu_guard_report_module
# scenarios: -tiny

. "$(dirname "$0")/lib.sh"

stats=/sys/kernel/debug/srcu_guard/stats
param=/sys/module/srcu_guard/parameters/report
forgot="srcu_guard: c_srcu_sample forgot srcu_barrier\(\): ([0-9]+) callbacks pending at unload on ([0-9]+) of 64 static domains \(dom[0-9]+\+0x0/0x[0-9a-f]+ \[c_srcu_sample\]: count_invoked \[c_srcu_sample\]\), the guard waited [0-9]+ ns"
domain_line="srcu_guard: c_srcu_sample: dom[0-9]+\+0x0/0x[0-9a-f]+ \[c_srcu_sample\]: [0-9]+ callbacks pending at unload(, the first count_invoked \[c_srcu_sample\])?$"

# forget RE: unload a C client that skipped its barrier, until the kernel
# log of one unload matches RE (at most 5 times); all its callbacks ran
# each time.
forget() {
	_f_i=0
	while [ $_f_i -lt 5 ]; do
		forgetful_unload domains=64 readers=2 duration_ms=300 || return 1
		klog_has "$1" && return 0
		_f_i=$((_f_i + 1))
	done
	return 1
}

# stats_pending MODULE D N: the last stats record of MODULE has D domains
# with N callbacks pending.
stats_pending() {
	grep "^module=$1 " $stats | tail -n 1 | grep -qE " pending_domains=$2 pending=$3\$"
}

# reported: report=line: the module's line, one line per pending domain
# (at most 8), and stats that agree.
reported() {
	forget "$forgot" || return 1
	klog_since | grep "srcu_guard: c_srcu_sample" | ktap_quote
	# shellcheck disable=SC2046
	set -- $(klog_since | sed -nE "s|.*$forgot.*|\\1 \\2|p")
	[ $# = 2 ] && [ "$2" -ge 1 ] && [ "$1" -ge "$2" ] || return 1
	_lines=$(klog_since | grep -cE "$domain_line")
	_want=$2
	[ "$_want" -le 8 ] || _want=8
	[ "$_lines" = "$_want" ] &&
		[ "$(klog_since | grep -c "srcu_guard: c_srcu_sample: .* callbacks pending")" = "$_lines" ] &&
		stats_pending c_srcu_sample "$2" "$1" &&
		! klog_has "WARNING:"
}

# silent MODULE PARAMS...: load, unload; the guard barriered all 64
# domains and found no callback pending: no report.
silent() {
	_s_m=$1
	shift
	klog_mark
	load "$_s_m" "$@" && sleep 1 && rmmod "$_s_m" || return 1
	! klog_has "forgot srcu_barrier|callbacks pending at unload" &&
		klog_has "srcu_guard: $_s_m: domains=64 .*barriered=64 .*pending_domains=0 pending=0$" &&
		stats_pending "$_s_m" 0 0
}

# warned: report=warn: the module's line is a WARN().
warned() {
	echo warn >$param && [ "$(cat $param)" = warn ] || return 1
	forget "WARNING: .* srcu_guard_report_module" || return 1
	klog_has "$forgot"
}

# quiet: report=none: the guard still waits for every callback, and
# neither counts nor reports.
quiet() {
	echo none >$param && forgetful_unload domains=64 readers=2 duration_ms=300 &&
		! klog_has "forgot srcu_barrier|callbacks pending at unload" &&
		stats_pending c_srcu_sample 0 0
}

# bad_writes: writes other than none, line and warn fail with EINVAL and
# one error line each, and change nothing.
bad_writes() {
	echo line >$param || return 1
	for v in bogus 1 "" "warn line" linee; do
		klog_mark
		if echo "$v" >$param 2>/dev/null; then
			echo "# report accepted '$v'"
			return 1
		fi
		[ "$(klog_since | grep -c "srcu_guard: report: invalid value .*expected none, line or warn")" = 1 ] &&
			[ "$(cat $param)" = line ] || return 1
	done
}

# bad_load: insmod srcu_guard report=bogus fails with EINVAL and one line.
bad_load() {
	klog_mark
	! "$DIR/finit_module" "$DIR/srcu_guard.ko" report=bogus >/tmp/load.out 2>&1 &&
		! is_loaded srcu_guard &&
		grep -q "errno 22 (Invalid argument)$" /tmp/load.out &&
		[ "$(klog_since | grep -c "srcu_guard: report: invalid value 'bogus'")" = 1 ]
}

ktap_print_header
ktap_set_plan 9

check "insmod srcu_guard (report=line by default)" load srcu_guard
check "report=line: a C client that forgot srcu_barrier() is named, its pending domains listed" \
	reported
check "a C client that did its own barrier: no report" \
	silent c_srcu_sample domains=64 readers=2 duration_ms=300
check "a Rust client that skipped it (its library barriers): no report" \
	silent rust_srcu_sample domains=64 readers=2 duration_ms=300 skip_barrier=1
check "report=warn: the module's line is a WARN()" warned
check "report=none: callbacks waited for, nothing counted or said" quiet
check "report: bad writes rejected with one error line each" bad_writes
check "rmmod srcu_guard" rmmod srcu_guard
check "insmod srcu_guard report=bogus: EINVAL and one error line" bad_load
ktap_finished
