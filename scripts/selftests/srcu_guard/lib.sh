# SPDX-License-Identifier: GPL-2.0
#
# Shared helpers for the srcu_guard selftests (busybox sh). Tests find the
# project's modules beside themselves, as kselftest's TEST_GEN_MODS_DIR
# installs them. busybox sh has no portable "local": every variable a
# helper sets starts with "_" so it cannot clobber a test's own variables
# (a test's "for m in ..." loop calling load()).

DIR=$(cd "$(dirname "$0")" && pwd)
. "$DIR/../kselftest/ktap_helpers.sh"

# is_loaded NAME: the module is listed in /proc/modules.
is_loaded() {
	grep -q "^$1 " /proc/modules
}

# tiny_srcu: the kernel runs Tiny SRCU (its srcu_drive_gp() is exported;
# Tree SRCU has no such function).
tiny_srcu() {
	grep -q ' srcu_drive_gp$' /proc/kallsyms
}

# load NAME [PARAMS...]: insmod the module built beside the tests.
load() {
	_load_ko="$DIR/$1.ko"
	shift
	insmod "$_load_ko" "$@"
}

# tp_torture_done SECONDS: tp_torture's runner reported "done" (its last
# result line) within SECONDS.
tp_torture_done() {
	_tp_i=0
	while ! grep -qx "done" /sys/kernel/debug/tp_torture/results 2>/dev/null; do
		[ $_tp_i -lt $(($1 * 10)) ] || return 1
		sleep 0.1
		_tp_i=$((_tp_i + 1))
	done
}

# klog_mark: start the window of klog_since by clearing the kernel's log
# buffer (syslog(2) only: the console, which the harness reads, keeps
# every line). A short buffer keeps each dmesg cheap under TCG and cannot
# wrap under the window. A mark in a subshell would clear its parent's
# window too: the tests mark in their own shell only. On a machine of
# your own (make kselftest-install), the tests clear its dmesg buffer.
klog_mark() {
	dmesg -c >/dev/null
}

# klog_since: the kernel log lines printed since klog_mark.
klog_since() {
	dmesg
}

# klog_has ERE: a line printed since klog_mark matches ERE.
klog_has() {
	klog_since | grep -qE "$1"
}

# klog_splat [ERE]: a WARN or BUG line (or one matching ERE) since
# klog_mark. KCSAN's data-race reports (scenario kcsan) do not count
# here: the host's scan of the test's window tells the kernel's own
# races, which it lists, from the project's, which fail the test.
klog_splat() {
	klog_since | grep -v "BUG: KCSAN: " | grep -qE "WARNING:|BUG:${1:+|$1}"
}

# callbacks_balanced [MODULE]: the last "callbacks queued=Q invoked=I"
# line (of MODULE) since klog_mark has Q == I.
callbacks_balanced() {
	klog_since | grep "${1:-}.*callbacks queued=" | tail -n 1 |
		sed -n 's/.*queued=\([0-9]*\) invoked=\([0-9]*\).*/\1 \2/p' |
		{ read -r q i && [ -n "$q" ] && [ "$q" = "$i" ]; }
}

# ktap_quote: stdin as KTAP diagnostic lines.
ktap_quote() {
	sed 's/^/# /'
}

# check DESC CMD [ARGS...]: one KTAP result, ok when CMD succeeds. Unlike
# ktap_test_result, the arguments keep their quoting.
check() {
	_check_desc=$1
	shift
	if "$@"; then
		ktap_test_pass "$_check_desc"
	else
		ktap_test_fail "$_check_desc"
	fi
}

# forgetful_unload PARAMS...: klog_mark, then load c_srcu_sample with
# PARAMS and skip_barrier=1 (its exit queues one callback per domain and
# returns without srcu_barrier()), unload it, and check that its last
# callback ran before rmmod returned.
forgetful_unload() {
	klog_mark
	load c_srcu_sample skip_barrier=1 "$@" && rmmod c_srcu_sample &&
		klog_has "c_srcu_sample: all [0-9]+ callbacks ran"
}

# negative_control MODULE: load and unload MODULE (4 domains, one callback
# each queued by its exit, no srcu_barrier()) until the kernel's WARN in
# cleanup_srcu_struct() appears, at most 30 times, as one KTAP result.
# Whether a callback survives cleanup_srcu_struct()'s own flushes is a race
# in the kernel, hence the retries.
negative_control() {
	klog_mark
	_nc_i=0
	while [ $_nc_i -lt 30 ] && ! klog_has "WARNING: .* cleanup_srcu_struct"; do
		load "$1" domains=4 readers=0 duration_ms=0 skip_barrier=1
		rmmod "$1"
		_nc_i=$((_nc_i + 1))
	done
	ktap_print_msg "unloads without the guard: $_nc_i"
	check "$1: WARN in cleanup_srcu_struct without the guard" \
		klog_has "WARNING: .* cleanup_srcu_struct"
}

# percpu_fault on|off: fail page allocations under pcpu_populate_chunk(),
# or none, with fail_page_alloc (coming_percpu_fault, coming_fixed_kernel).
percpu_fault() {
	_fp=/sys/kernel/debug/fail_page_alloc
	if [ "$1" = off ]; then
		echo 0 >$_fp/probability
		return
	fi
	_range=$(awk '$3 == "pcpu_populate_chunk" { s = $1; getline; print s, $1; exit }' \
		/proc/kallsyms)
	[ -n "$_range" ] || return 1
	echo "0x${_range% *}" >$_fp/require-start &&
		echo "0x${_range#* }" >$_fp/require-end &&
		echo N >$_fp/task-filter &&
		echo 0 >$_fp/verbose &&
		echo 0 >$_fp/space &&
		echo 1 >$_fp/interval &&
		echo -1 >$_fp/times &&
		echo N >$_fp/ignore-gfp-wait &&
		echo N >$_fp/ignore-gfp-highmem &&
		echo 0 >$_fp/min-order &&
		echo 100 >$_fp/probability
}

# coming_refused MODULE N K PARAMS...: with the guard, the load of MODULE
# (N static domains) fails with -ENOMEM; each attempt logs one pr_err
# naming it, with k of N domains holding their srcu_data at the rollback:
# 0 < k < N for K=partial (Linux 6.12), k = 0 for K=0 (a kernel whose
# srcu_module_coming() frees them when it fails).
coming_refused() {
	_mod=$1 _n=$2 _k=$3
	shift 3
	klog_mark
	_err=$(load "$_mod" "$@" 2>&1) && {
		ktap_print_msg "$_mod: loaded despite the failed srcu_module_coming()"
		rmmod "$_mod"
		return 1
	}
	klog_since | grep -E "srcu_guard: $_mod|percpu: allocation failed" | ktap_quote
	_re="srcu_guard: $_mod: MODULE_STATE_COMING failed with [0-9]+ of $_n domains given per-CPU data \(srcu_module_coming\(\) failed\): init refused, the load fails with -ENOMEM"
	_tries=$(klog_since | grep -cE "percpu: allocation failed, .*failed to populate")
	_errs=$(klog_since | grep -cE "$_re")
	_bad="^(0|$_n)\$"
	[ "$_k" = partial ] || _bad="^[1-9]"
	_good=$(klog_since | grep -E "$_re" |
		sed -n "s/.* failed with \([0-9]*\) of .*/\1/p" | grep -cvE "$_bad")
	! is_loaded "$_mod" && echo "$_err" | grep -q "Cannot allocate memory" &&
		[ "$_tries" -ge 1 ] && [ "$_errs" = "$_tries" ] && [ "$_good" = "$_errs" ]
}
