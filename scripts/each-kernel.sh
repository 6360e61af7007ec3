#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run one of the Makefile's actions on each kernel of KERNEL.
#
#   scripts/each-kernel.sh modules|run|check|bench|doc|kselftest-install
#
# KERNEL lists kernel series (default: every supported one, "6.12 7.3");
# each is built or taken from the cache (scripts/build-kernel.sh, scenario
# SCENARIO), the modules are built against it, and the action runs. KDIR
# instead names one existing build directory. doc and kselftest-install
# take the first kernel only. "check" ends with one line of totals over
# every kernel, "N passed, N failed, N skipped", and fails if any did.

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

action=$1
kernels=${KERNEL:-6.12 7.3}
[ -z "${KDIR:-}" ] || kernels=KDIR
case $action in
doc | kselftest-install) kernels=${kernels%% *} ;;
esac

totals=$(mktemp -d)
trap 'rm -rf "$totals"' EXIT
rc=0
for k in $kernels; do
	if [ "$k" = KDIR ]; then
		kdir=$KDIR
	else
		kdir=$(KERNEL=$k sh "$top/scripts/build-kernel.sh" "${SCENARIO:-default}")
	fi
	sh "$top/scripts/build-modules.sh" "$kdir"
	case $action in
	modules) ;;
	run) sh "$top/scripts/run-demo.sh" "$kdir" || rc=1 ;;
	check)
		# shellcheck disable=SC2086 # TESTS is a word list
		TOTALS="$totals/$k" sh "$top/scripts/run-selftests.sh" "$kdir" ${TESTS:-} || rc=1
		;;
	bench) sh "$top/scripts/run-bench.sh" "$kdir" || rc=1 ;;
	doc) sh "$top/scripts/make-doc.sh" "$kdir" || rc=1 ;;
	kselftest-install)
		sh "$top/scripts/kselftest-install.sh" "$kdir" "${INSTALL_PATH:?}" || rc=1 ;;
	*) die "unknown action: $action" ;;
	esac
done

if [ "$action" = check ]; then
	# Each kernel's run left "PASS FAIL SKIP"; a kernel that left none
	# (its run died) counts as one failure.
	set -- 0 0 0
	for k in $kernels; do
		if [ -s "$totals/$k" ]; then
			# shellcheck disable=SC2046 # three numbers
			set -- $(awk -v p="$1" -v f="$2" -v s="$3" \
				'{ print p + $1, f + $2, s + $3 }' "$totals/$k")
		else
			set -- "$1" $(($2 + 1)) "$3"
			rc=1
		fi
	done
	echo "$1 passed, $2 failed, $3 skipped"
fi
exit $rc
