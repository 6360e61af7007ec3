#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run by scripts/run-selftests.sh on the stock kernel and on each mutant of
# scripts/mutants/ (not a TEST_PROGS test: on a mutant, mismatches are the
# expected outcome). Runs the deterministic scenarios; the host reads the
# "scenario=... mismatches=N" lines from the kernel log. The mutants are
# built from the default scenario's kernel only: tracepoint.c's fixes do
# not depend on the debug options. The harness reads only the mismatches
# of these boots: no kmemleak scan (11 s a boot).
# scenarios: default
# boot-args: kmemleak_scan=0

. "$(dirname "$0")/lib.sh"

ktap_print_header
ktap_set_plan 3
check "insmod tp_torture scenarios=1" load tp_torture scenarios=1 window_ms=300
check "the scenarios ran to the end" tp_torture_done 300
check "rmmod tp_torture" rmmod tp_torture
ktap_finished
