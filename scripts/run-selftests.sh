#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run the selftests in QEMU and report KTAP.
#
#   scripts/run-selftests.sh KDIR [TEST...]
#
# Tests come from TEST_PROGS in scripts/selftests/srcu_guard/Makefile (or
# the command line, without .sh). Those with a "# boot: own" line get a
# boot of their own, with the kernel arguments of their "# boot-args:"
# line if any, on the kernel variant of their "# kernel-variant: NAME"
# line if any (scripts/kernel-variants/SERIES/NAME.patch on the kernel,
# built by scripts/build-mutant.sh); the rest share one. A test passes when its script
# exits 0 and the kernel log of its window is clean; a "# expect-splat:
# ERE" line allows exactly that splat, and then the test also fails unless
# a scan without the declaration reports it; a "# allow-splat: ERE" line
# allows that splat without requiring it (the kernel's allocation-failure
# reports under fault injection). The style gates
# (scripts/style-check.sh) come first. Each boot adds two checks:
# the kernel log outside the tests, and a kmemleak scan. The last line is
# "N passed, N failed, N skipped" (a diagnostic line naming the kernel,
# and "PASS FAIL SKIP" in the file TOTALS, when scripts/each-kernel.sh
# runs it to total several kernels); the exit status is 1 on any failure.

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

kdir=$1
shift
st="$top/scripts/selftests/srcu_guard"
ksrc=$(kernel_source "$kdir")
kver=$(kernel_version "$kdir")
series=$(kernel_series "$kdir")
. "$ksrc/tools/testing/selftests/kselftest/ktap_helpers.sh"
set -u

scenario=${SCENARIO:-default}
mutants=""
if [ $# -gt 0 ]; then
	tests=""
	for t in "$@"; do
		if [ "$t" = mutants ]; then
			mutants=yes
		else
			tests="$tests $t"
		fi
	done
else
	tests=$(selftest_list TEST_PROGS | sed 's/\.sh$//')
	mutants=yes
fi
for t in $tests; do
	[ -f "$st/$t.sh" ] || die "no such test: $st/$t.sh"
done
[ -z "$mutants" ] || [ -d "$top/scripts/mutants/$series" ] ||
	die "no mutants for Linux $series: port scripts/mutants/*/ to its kernel/tracepoint.c"
[ -z "$mutants" ] || mutant_names=$(find "$top/scripts/mutants/$series" -name '*.patch' |
	sed 's|.*/||; s/\.patch$//' | sort)

logroot="" initrd="" # set by new_run
new_run "$kdir" logs
# Sizes of the long tests and their time limit, for the guest's command
# line (make check STORM_CYCLES=1000 FUZZ_WRITES=20000 TEST_TIMEOUT=N).
APPEND=""
for v in STORM_CYCLES STORM_ONLY FUZZ_WRITES RACE_ROUNDS FAULT_STRIDE FAULT_FIRST PARAM_VALUES \
	TEST_TIMEOUT; do
	eval "val=\${$v:-}"
	[ -z "$val" ] || APPEND="$APPEND $(echo "$v" | tr '[:upper:]' '[:lower:]')=$val"
done
export APPEND

timeout=45
. "$st/settings"

# runs_here FILE: FILE's "# scenarios:" line, if any, has this scenario:
# its words are scenario names, "all", and "-NAME" for all but NAME (a
# line of "-NAME" words only starts from all).
runs_here() {
	_words=$(sed -n 's/^# scenarios: //p' "$1")
	_in=yes
	for _w in $_words; do
		case $_w in
		-*) ;;
		*) _in=no ;;
		esac
	done
	for _w in $_words; do
		case $_w in
		"$scenario" | all) _in=yes ;;
		"-$scenario") return 1 ;;
		esac
	done
	[ "$_in" = yes ]
}
if [ -n "$mutants" ] && ! runs_here "$st/tp_mutant.sh"; then
	info "no mutants in scenario $scenario (tp_mutant.sh's # scenarios: line)"
	mutants=""
fi
[ -n "$mutants" ] || mutant_names=""

# Boot plan: one line per boot, tests separated by commas; the tests
# that do not run in this scenario are reported as skipped.
shared=""
own=""
elsewhere=""
for t in $tests; do
	if ! runs_here "$st/$t.sh"; then
		elsewhere="$elsewhere $t"
	elif grep -q '^# boot: own$' "$st/$t.sh"; then
		own="$own $t"
	else
		shared="${shared:+$shared,}$t"
	fi
done
boots=$(
	[ -z "$shared" ] || echo "$shared"
	for t in $own; do echo "$t"; done
)
nboots=$(echo "$boots" | grep -c . || true)
ntests=$(echo "$tests" | wc -w)
nmutants=0
[ -z "$mutants" ] || nmutants=$(echo "$mutant_names" | wc -w)

# window LOG BEGIN END: the lines of LOG after the BEGIN marker line up to
# the END marker line (or the end of LOG when END never came).
window() {
	awk -v b="$2" -v e="$3" 'index($0, b) { on = 1; next }
		index($0, e) { on = 0 } on' "$1"
}

# outside LOG: the lines of LOG outside every test window.
outside() {
	awk '/srcu-guard: begin / { on = 1 } !on; /srcu-guard: end / { on = 0 }' "$1"
}

# quote FILE: a file's lines as KTAP diagnostics.
quote() {
	sed 's/^/# /' "$1"
}

ktap_print_header
ktap_print_msg "kernel: $kver, scenario $scenario, $kdir ($ACCEL), logs: $logroot"
ktap_set_plan $((1 + ntests + 2 * nboots + nmutants))

# Host-side gates first: formatting, warnings, checkpatch, shellcheck.
if sh "$top/scripts/style-check.sh" "$kdir" >"$logroot/style.log" 2>&1; then
	quote "$logroot/style.log"
	ktap_test_pass "style"
else
	quote "$logroot/style.log"
	ktap_test_fail "style"
fi
for t in $elsewhere; do
	ktap_test_skip "$t (not in scenario $scenario)"
done

# The mutant kernels of the tracepoint fixes, built from the cached one
# (tracepoint.o and the link only; reused when unchanged).
for m in ${mutant_names:-}; do
	sh "$top/scripts/build-mutant.sh" "$kdir" "$m" >"$logroot/kdir-$m" ||
		die "cannot build mutant $m"
done

# Boot the VMs, as many at once as there are CPUs; each leaves its exit
# status in DIR/vmrc.
started=0
# limit TEST: TEST_TIMEOUT, else the test's "# timeout: N" line, else
# the settings' timeout (as /init decides).
limit() {
	l=$(sed -n 's/^# timeout: //p' "$st/$1.sh")
	echo "${TEST_TIMEOUT:-${l:-$timeout}}"
}

# boot DIR KDIR TESTS: one VM in the background, within the pool; its
# hard timeout is the sum of its tests' limits plus boot and kmemleak.
# Its wall time goes to DIR/seconds.
boot() {
	mkdir -p "$1"
	budget=240
	bargs=""
	for t in $(echo "$3" | tr , ' '); do
		budget=$((budget + $(limit "$t")))
		bargs="$bargs $(sed -n 's/^# boot-args: //p' "$st/$t.sh")"
	done
	{
		rc=0
		t0=$(date +%s)
		APPEND="$APPEND$bargs" sh "$top/scripts/qemu-run.sh" "$2" "$initrd" "$1" "$budget" "$3" || rc=$?
		echo $(($(date +%s) - t0)) >"$1/seconds"
		echo $rc >"$1/vmrc"
	} &
	started=$((started + 1))
	pool_wait "$logroot" $started
}
# kernel_of TEST: the build directory of the kernel TEST boots.
kernel_of() {
	_v=$(sed -n 's/^# kernel-variant: //p' "$st/$1.sh")
	if [ -n "$_v" ]; then
		sh "$top/scripts/build-mutant.sh" "$kdir" "$top/scripts/kernel-variants/$series/$_v.patch" ||
			die "cannot build kernel variant $_v"
	else
		echo "$kdir"
	fi
}
b=0
for list in $boots; do
	b=$((b + 1))
	boot "$logroot/boot$b" "$(kernel_of "${list%%,*}")" "$list"
done
if [ -n "$mutants" ]; then
	echo "$kdir" >"$logroot/kdir-stock"
	for m in stock $mutant_names; do
		boot "$logroot/mutant-$m" "$(cat "$logroot/kdir-$m")" tp_mutant
	done
fi
wait

b=0
for list in $boots; do
	b=$((b + 1))
	dir="$logroot/boot$b"
	vmrc=$(cat "$dir/vmrc")
	con="$dir/console.log"
	out="$dir/tests.log"
	tmp="$dir/tmp"
	crashed_in=""

	for t in $(echo "$list" | tr , ' '); do
		window "$out" "### test $t" "### result $t " >"$tmp"
		quote "$tmp"
		rc=$(sed -n "s/^### result $t \([0-9]*\)\$/\1/p" "$out")
		window "$con" "srcu-guard: begin $t" "srcu-guard: end $t" >"$dir/$t.klog"
		expects=$(sed -n 's/^# expect-splat: //p' "$st/$t.sh")
		SCAN_ALLOW=$(sed -n 's/^# allow-splat: //p' "$st/$t.sh")
		export SCAN_ALLOW
		rest=""
		grep -q '^# after-splat: anything$' "$st/$t.sh" && rest=--rest-ok
		verdict=pass
		if [ -n "$expects" ]; then
			if echo "$expects" | tr '\n' '\0' | xargs -0 sh \
				"$top/scripts/scan-kernel-log.sh" $rest "$dir/$t.klog" \
				>"$tmp" 2>&1; then
				[ -z "$rest" ] || crashed_in=$t
			else
				quote "$tmp"
				verdict=fail
			fi
			if sh "$top/scripts/scan-kernel-log.sh" "$dir/$t.klog" \
				>/dev/null 2>&1; then
				ktap_print_msg "$t: scan without expect-splat passed: scanner is blind"
				verdict=fail
			fi
		else
			# Listed reports print on success too.
			sh "$top/scripts/scan-kernel-log.sh" "$dir/$t.klog" >"$tmp" 2>&1 ||
				verdict=fail
			quote "$tmp"
		fi
		if [ -z "$rc" ] && [ "$crashed_in" != "$t" ]; then
			ktap_print_msg "$t did not finish (VM exit $vmrc): see $con"
			verdict=fail
		elif [ -z "$rc" ]; then
			ktap_print_msg "$t: the kernel died after the expected splat"
		elif [ "$rc" -eq "$KSFT_SKIP" ] && [ $verdict = pass ]; then
			verdict=skip
		elif [ "$rc" -ne 0 ]; then
			ktap_print_msg "$t exited $rc"
			verdict=fail
		fi
		case $verdict in
		pass) ktap_test_pass "$t" ;;
		skip) ktap_test_skip "$t" ;;
		*) ktap_test_fail "$t" ;;
		esac
	done

	unset SCAN_ALLOW
	# The kernel log outside the tests, and the VM's own exit. After a
	# test's expected splat that may be followed by anything, only the log
	# before that test counts and the VM need not finish.
	if [ -n "$crashed_in" ]; then
		sed "/srcu-guard: begin $crashed_in\$/q" "$con" | outside /dev/stdin
	else
		outside "$con"
	fi >"$dir/outside.klog"
	verdict=pass
	if [ "$vmrc" -ne 0 ] && [ -z "$crashed_in" ]; then
		if [ "$vmrc" -eq 124 ]; then
			ktap_print_msg "boot $b: hard timeout, QEMU killed"
		else
			ktap_print_msg "boot $b: VM did not reach the end of /init"
		fi
		tail -n 20 "$con" | quote /dev/stdin
		verdict=fail
	fi
	sh "$top/scripts/scan-kernel-log.sh" "$dir/outside.klog" >"$tmp" 2>&1 || verdict=fail
	quote "$tmp"
	if [ $verdict = pass ]; then
		ktap_test_pass "boot$b kernel log outside tests"
	else
		ktap_test_fail "boot$b kernel log outside tests"
	fi

	window "$out" "### test kmemleak" "### result kmemleak " >"$tmp"
	if grep -qx "### result kmemleak $KSFT_SKIP" "$out"; then
		ktap_test_skip "boot$b kmemleak (not scanned: a kernel without kmemleak)"
	elif [ -n "$crashed_in" ]; then
		ktap_test_skip "boot$b kmemleak (kernel state after $crashed_in is not trusted)"
	elif [ "$vmrc" -ne 0 ]; then
		ktap_print_msg "boot $b: no kmemleak scan (VM did not finish)"
		ktap_test_fail "boot$b kmemleak"
	elif [ -s "$tmp" ]; then
		quote "$tmp"
		ktap_test_fail "boot$b kmemleak"
	else
		ktap_test_pass "boot$b kmemleak"
	fi
	rm -f "$tmp"
done

# scenario_col LOG: "name mismatches" per scenario line of tp_torture.
scenario_col() {
	sed -n 's/.*tp_torture: scenario=\([^ ]*\) .* mismatches=\([0-9]*\) .*/\1 \2/p' "$1"
}

# Mutants: each must be killed, by a scenario reporting mismatches or by
# the kernel dying; the table shows scenario x kernel -> mismatches.
if [ -n "$mutants" ]; then
	table="$logroot/mutants.txt"
	scenario_col "$logroot/mutant-stock/console.log" >"$logroot/col-stock"
	for m in $mutant_names; do
		dir="$logroot/mutant-$m"
		scenario_col "$dir/console.log" >"$logroot/col-$m"
		killed=""
		awk '$2 > 0 { found = 1 } END { exit !found }' "$logroot/col-$m" &&
			killed="mismatches"
		if [ -z "$killed" ] && { [ "$(cat "$dir/vmrc")" != 0 ] ||
			grep -qE 'Oops|BUG:|Kernel panic' "$dir/console.log"; }; then
			killed="kernel died"
		fi
		if [ -n "$killed" ]; then
			ktap_print_msg "mutant $m killed ($killed)"
			ktap_test_pass "mutant $m killed"
		else
			ktap_print_msg "mutant $m survived: see $dir/console.log"
			ktap_test_fail "mutant $m killed"
		fi
	done
	{
		printf '%-34s %6s' scenario stock
		for m in $mutant_names; do printf ' %s' "${m#revert-}"; done
		echo
		cut -d' ' -f1 "$logroot/col-stock" | while read -r sc; do
			printf '%-34s %6s' "$sc" "$(awk -v s="$sc" '$1 == s { print $2 }' "$logroot/col-stock")"
			for m in $mutant_names; do
				v=$(awk -v s="$sc" '$1 == s { print $2 }' "$logroot/col-$m")
				n=${m#revert-}
				printf " %${#n}s" "${v:-died}"
			done
			echo
		done
	} | sed 's/ \{1,\}$//' >"$table"
	ktap_print_msg "mismatches per scenario and kernel (revert-X: fix X reverted):"
	quote "$table"
fi

# How long each boot took (wall time; two at a time on two CPUs).
ktap_print_msg "boot times (s):"
b=0
for list in $boots; do
	b=$((b + 1))
	n=$(echo "$list" | tr , '\n' | wc -l)
	what=${list%%,*}
	[ "$n" = 1 ] || what="$what and $((n - 1)) more"
	ktap_print_msg "  boot$b $(cat "$logroot/boot$b/seconds") $what"
done
for m in stock ${mutant_names:-}; do
	[ -n "$mutants" ] || break
	ktap_print_msg "  mutant-$m $(cat "$logroot/mutant-$m/seconds") tp_mutant"
done

ktap_print_totals
if [ -n "${TOTALS:-}" ]; then
	ktap_print_msg "$kver: $KTAP_CNT_PASS passed, $KTAP_CNT_FAIL failed, $KTAP_CNT_SKIP skipped"
	echo "$KTAP_CNT_PASS $KTAP_CNT_FAIL $KTAP_CNT_SKIP" >"$TOTALS"
else
	echo "$KTAP_CNT_PASS passed, $KTAP_CNT_FAIL failed, $KTAP_CNT_SKIP skipped"
fi
[ "$KTAP_CNT_FAIL" -eq 0 ]
