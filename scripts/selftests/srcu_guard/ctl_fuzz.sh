#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Fuzz the project's debugfs files with random byte strings (1 to 64
# bytes each). The guard's reset file, the one writable control file,
# must reject each with an error and exactly one error line, accepting
# only what parses as "1". The read-only files (guard stats, tp_torture
# results, srcu_bench's rmmod timer) must reject every write: root
# ignores their 0444 mode, the kernel must not. Afterwards the guard still
# does its job and every module unloads. The error lines are counted per
# batch after "dmesg -c", so that thousands of them cannot wrap the
# kernel's log buffer under the count (the host reads the serial console).
# fuzz_writes=N on the kernel command line: writes to reset (default
# 300; "make check FUZZ_WRITES=20000" for the long run); each read-only
# file gets a tenth of that.
# timeout: 1500
# scenarios: -tiny

. "$(dirname "$0")/lib.sh"

writes=${fuzz_writes:-300}
batch=100
dbg=/sys/kernel/debug

seed=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')

# lengths N: N random write lengths in [1, 64], from the seed and $_done.
lengths() {
	awk -v n="$1" -v s=$((seed + _done)) \
		'BEGIN { srand(s); for (i = 0; i < n; i++) print int(rand() * 64) + 1 }'
}

# fuzz FILE N: N writes of random bytes to FILE, in batches; prints
# "A R L": writes accepted, writes rejected, error lines of the guard.
fuzz() {
	_acc=0 _rej=0 _lines=0 _done=0
	while [ $_done -lt "$2" ]; do
		dmesg -c >/dev/null
		_n=$(($2 - _done))
		[ $_n -le $batch ] || _n=$batch
		for _len in $(lengths $_n); do
			# dd, not head: busybox head exits 0 on a failed write.
			if dd if=/dev/urandom of="$1" bs="$_len" count=1 conv=notrunc \
				2>/dev/null; then
				_acc=$((_acc + 1))
			else
				_rej=$((_rej + 1))
			fi
		done
		_done=$((_done + _n))
		_lines=$((_lines + $(dmesg | grep -c "srcu_guard: reset: invalid write")))
	done
	echo "$_acc $_rej $_lines"
}

# reset_fuzzed: every rejected write to reset logged exactly one line.
reset_fuzzed() {
	read -r acc rej lines <<-EOF
		$(fuzz $dbg/srcu_guard/reset "$writes")
	EOF
	ktap_print_msg "reset: $((acc + rej)) writes, $acc accepted (parsed as 1), $rej rejected, $lines error lines"
	[ $((acc + rej)) = "$writes" ] && [ "$rej" -gt 0 ] && [ "$lines" = "$rej" ]
}

# readonly_fuzzed FILE: no write to FILE was accepted.
readonly_fuzzed() {
	read -r acc rej lines <<-EOF
		$(fuzz "$1" $((writes / 10)))
	EOF
	ktap_print_msg "$1: $((acc + rej)) writes, $acc accepted"
	[ "$acc" = 0 ]
}

ktap_print_header
ktap_set_plan 8
ktap_print_msg "random lengths: awk srand($seed)"
load srcu_guard && load tp_torture && load srcu_bench parts=0
check "reset: every bad write rejected with one error line" reset_fuzzed
for f in srcu_guard/stats tp_torture/results srcu_bench/last_rmmod_ns; do
	check "$f: every write rejected" readonly_fuzzed $dbg/$f
done

# The guard still works: a client that forgets its barrier unloads clean.
klog_mark
load rust_srcu_sample domains=4 readers=1 duration_ms=100 skip_barrier=1 && sleep 1
check "rmmod a client that forgot srcu_barrier()" rmmod rust_srcu_sample
check "the guard barriered it: all callbacks ran" \
	klog_has "rust_srcu_sample: all [0-9]+ callbacks ran"
check "rmmod srcu_bench tp_torture srcu_guard" \
	sh -c "rmmod srcu_bench && rmmod tp_torture && rmmod srcu_guard"
check "the guard barriered 4 domains" \
	klog_has "srcu_guard: rust_srcu_sample: domains=64 skipped_uninit=60 skipped_unused=0 barriered=4"
ktap_finished
