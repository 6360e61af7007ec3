#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The tree that "make kselftest-install" lays out (this initramfs's
# /selftests is one) runs under the kernel's own run_kselftest.sh, as it
# would on one's own kernel or under virtme-ng: the runner lists every
# test, reports module_load.sh "not ok" while srcu_guard is already
# loaded (its insmod fails), and "ok" once it is not.
# scenarios: -tiny

. "$(dirname "$0")/lib.sh"

runner="$DIR/../run_kselftest.sh"
out=/tmp/kselftest_install.out

# runs VERDICT: the runner runs module_load.sh and reports VERDICT
# ("ok" or "not ok") for it.
runs() {
	"$runner" -t srcu_guard:module_load.sh >$out 2>&1
	ktap_quote <$out
	grep -q "^$1 1 selftests: srcu_guard: module_load.sh" $out
}

# lists_all: "run_kselftest.sh -l" lists every test of this directory
# (installed executable, as TEST_PROGS are; TEST_FILES are not).
lists_all() {
	"$runner" -l >$out 2>&1 || return 1
	for _t in "$DIR"/*.sh; do
		[ ! -x "$_t" ] || grep -qx "srcu_guard:${_t##*/}" $out || return 1
	done
}

# unloaded: srcu_guard is not left loaded.
unloaded() {
	! is_loaded srcu_guard
}

ktap_print_header
ktap_set_plan 4

check "run_kselftest.sh -l lists every test" lists_all
load srcu_guard
check "module_load.sh not ok while srcu_guard is loaded" runs "not ok"
# module_load.sh's own rmmod, after its failed insmod, unloads it.
! is_loaded srcu_guard || rmmod srcu_guard
check "module_load.sh ok under run_kselftest.sh" runs ok
check "srcu_guard not left loaded" unloaded
ktap_finished
