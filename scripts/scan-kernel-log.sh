#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Scan a kernel log for badness.
#
#   [SCAN_ALLOW=EREs] scripts/scan-kernel-log.sh [--rest-ok] LOG [EXPECTED-ERE...]
#
# Badness: WARNING:, BUG:, Oops, KASAN, lockdep and RCU-lockdep reports,
# Call Trace, kmemleak reports, panics, stalls and hung tasks. A splat
# whose first line matches an EXPECTED-ERE is allowed, up to its
# "---[ end trace" line (or the "=====" line closing a KASAN report); each
# expected ERE must be seen at least once. With --rest-ok, nothing after
# the first expected splat is scanned: for a test whose expected splat is
# the start of a known crash. A splat whose first line matches one of the
# newline-separated EREs of SCAN_ALLOW is allowed up to its "</TASK>" line but need not appear: for the
# kernel's own allocation-failure reports (warn_alloc(), which has no end
# line) under fault injection. A KCSAN data-race report (scenario kcsan)
# is a problem when one of its racing accesses is a module's code: the
# top frame of an access's stack is a module's ("[module]"); one whose
# accesses are both the kernel's, which a test only triggered (a
# module's frames may be further down), is listed with its accesses'
# top frames ("kernel-only KCSAN report, listed: ...") and is no
# problem. Prints one line per problem or listed report; exits 1 on any
# problem, 0 on a clean log.

set -eu

rest_ok=0
if [ "$1" = --rest-ok ]; then
	rest_ok=1
	shift
fi
log=$1
shift
expect=""
for e in "$@"; do
	expect="$expect$e
"
done

EXPECT="$expect" REST_OK=$rest_ok awk '
BEGIN {
	n = split(ENVIRON["EXPECT"], want, "\n") - 1
	na = split(ENVIRON["SCAN_ALLOW"], allowed, "\n")
	bad = "WARNING:|BUG:|Oops|KASAN|Call Trace|" \
	      "kmemleak: [0-9]+ new suspected memory leak|unreferenced object|" \
	      "possible (circular|recursive) locking|inconsistent lock state|" \
	      "suspicious RCU usage|INFO: lockdep|DEBUG_LOCKS_WARN_ON|" \
	      "general protection fault|Kernel panic|UBSAN|detected stall|" \
	      "blocked for more than|soft lockup|hard LOCKUP|Unable to handle"
}
{
	sub(/\r$/, "")
	if (inexp) {
		if ($0 ~ /---\[ end trace/ || $0 ~ /^(\[[ 0-9.]*\] )?=+$/)
			inexp = 0
		next
	}
	if (inallowed) {
		if ($0 ~ /<\/TASK>/)
			inallowed = 0
		next
	}
	for (i = 1; i <= na; i++) {
		if ($0 ~ allowed[i]) {
			inallowed = 1
			next
		}
	}
	for (i = 1; i <= n; i++) {
		if ($0 ~ want[i]) {
			seen[i] = 1
			inexp = 1
			if (ENVIRON["REST_OK"] == 1)
				exit
			next
		}
	}
	if (inkcsan) {
		if (kcsan_top) {
			kcsan_top = 0
			f = $0
			sub(/^(\[[ 0-9.]*\])? */, "", f)
			kcsan_frames = kcsan_frames " | " f
			if (f ~ /\[[a-z0-9_]+\]$/)
				kcsan_ours = 1
		}
		if ($0 ~ / to 0x[0-9a-f]+ of [0-9]+ bytes by /)
			kcsan_top = 1
		if ($0 ~ /^(\[[ 0-9.]*\] )?=+$/) {
			inkcsan = 0
			kcsan_report()
		}
		next
	}
	if ($0 ~ /BUG: KCSAN: /) {
		inkcsan = 1
		kcsan_ours = 0
		kcsan_top = 0
		kcsan_frames = ""
		kcsan_title = $0
		next
	}
	if ($0 ~ bad) {
		print "unexpected: " $0
		nbad++
	}
}
function kcsan_report() {
	if (kcsan_ours) {
		print "unexpected: " kcsan_title " (an access in a module)" kcsan_frames
		nbad++
	} else {
		print "kernel-only KCSAN report, listed: " kcsan_title kcsan_frames
	}
}
END {
	if (inkcsan) {
		kcsan_ours = 1
		kcsan_report()
	}
	for (i = 1; i <= n; i++) {
		if (!seen[i]) {
			print "expected splat not seen: " want[i]
			nbad++
		}
	}
	exit nbad > 0
}' "$log"
