#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run one of the Makefile's actions on each kernel of KERNEL, in each
# scenario of SCENARIO.
#
#   scripts/each-kernel.sh kernel|modules|run|check|bench|doc|kselftest-install
#
# KERNEL lists kernel series (default: every supported one, "6.12 7.3");
# SCENARIO lists scenarios (scripts/configs/NAME.config; default
# "default", "all" for every one, default first). Each kernel of each
# scenario is built or taken from the cache (scripts/build-kernel.sh),
# the modules are built against it (not for "kernel", which prints the
# build directory), and the action runs. KDIR instead names one existing
# build directory (of one scenario, SCENARIO). doc and
# kselftest-install take the first kernel only. "check" ends with one
# line of totals over every kernel and scenario, "N passed, N failed, N
# skipped", after one such line per scenario and kernel, and fails if
# any did.

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

action=$1
kernels=${KERNEL:-6.12 7.3}
[ -z "${KDIR:-}" ] || kernels=KDIR
scenarios=${SCENARIO:-default}
if [ "$scenarios" = all ]; then
	scenarios="default $(find "$top/scripts/configs" -name '*.config' |
		sed 's|.*/||; s/\.config$//' | grep -vx default | sort | tr '\n' ' ')"
fi
case $action in
doc | kselftest-install) kernels=${kernels%% *} scenarios=${scenarios%% *} ;;
esac
[ -z "${KDIR:-}" ] || [ "$scenarios" = "${scenarios%% *}" ] ||
	die "KDIR is one kernel build, of one scenario: SCENARIO=$scenarios"

totals=$(mktemp -d)
trap 'rm -rf "$totals"' EXIT
rc=0
runs=""
for sc in $scenarios; do
	export SCENARIO="$sc"
	for k in $kernels; do
		if [ "$k" = KDIR ]; then
			kdir=$KDIR
		else
			kdir=$(KERNEL=$k sh "$top/scripts/build-kernel.sh" "$sc")
		fi
		runs="$runs $sc/$k"
		[ "$action" = kernel ] || sh "$top/scripts/build-modules.sh" "$kdir"
		case $action in
		kernel) echo "$kdir" ;;
		modules) ;;
		run) sh "$top/scripts/run-demo.sh" "$kdir" || rc=1 ;;
		check)
			t0=$(date +%s)
			mkdir -p "$totals/$sc"
			# shellcheck disable=SC2086 # TESTS is a word list
			TOTALS="$totals/$sc/$k" sh "$top/scripts/run-selftests.sh" "$kdir" ${TESTS:-} || rc=1
			echo $(($(date +%s) - t0)) >"$totals/$sc/$k.seconds"
			;;
		bench) sh "$top/scripts/run-bench.sh" "$kdir" || rc=1 ;;
		doc) sh "$top/scripts/make-doc.sh" "$kdir" || rc=1 ;;
		kselftest-install)
			sh "$top/scripts/kselftest-install.sh" "$kdir" "${INSTALL_PATH:?}" || rc=1 ;;
		*) die "unknown action: $action" ;;
		esac
	done
done

if [ "$action" = check ]; then
	# Each kernel's run left "PASS FAIL SKIP"; a kernel that left none
	# (its run died) counts as one failure.
	set -- 0 0 0
	for r in $runs; do
		if [ -s "$totals/$r" ]; then
			read -r p f s <"$totals/$r"
			echo "$r: $p passed, $f failed, $s skipped in $(cat "$totals/$r.seconds") s"
			set -- $(($1 + p)) $(($2 + f)) $(($3 + s))
		else
			echo "$r: no result (the run died)"
			set -- "$1" $(($2 + 1)) "$3"
			rc=1
		fi
	done
	echo "$1 passed, $2 failed, $3 skipped"
fi
exit $rc
