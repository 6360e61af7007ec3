#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The harness's own wall-time records, kept beside the kernel cache in
# $CACHE/timings.log (one "KIND NAME START END SCENARIOS KERNELS TESTS"
# line each; the last three from the environment, "-" for every test).
#
#   scripts/timings.sh record KIND NAME START    append one, ending now
#   scripts/timings.sh                           report
#
# KIND is "build" (a kernel or mutant build) or "check" (a whole "make
# check", NAME its exit status). The report gives the last cold "make
# check" (one during which a kernel was built) and the last warm one, of
# the plain "make check" only: every test, scenario default, both kernels
# (lines without the last three fields are from before they were kept).

set -eu

. "$(dirname "$0")/lib.sh"
log="$CACHE/timings.log"

if [ "${1:-}" = record ]; then
	mkdir -p "$CACHE"
	echo "$2 $3 $4 $(date +%s) $(echo "${SCENARIO:-default}" | tr ' ' ,)" \
		"$(echo "${KERNEL:-6.12 7.3}" | tr ' ' ,) $(echo "${TESTS:--}" | tr ' ' ,)" >>"$log"
	exit 0
fi
[ -f "$log" ] || { echo "make check: no timings recorded yet"; exit 0; }
awk '
$1 == "build" { bstart[++nb] = $3 }
$1 == "check" && ($5 == "" || ($5 == "default" && $6 == "6.12,7.3" && $7 == "-")) {
	cold = 0
	for (i = 1; i <= nb; i++)
		if (bstart[i] >= $3 && bstart[i] <= $4)
			cold = 1
	if (cold) {
		c = $4 - $3; crc = $2
	} else {
		w = $4 - $3; wrc = $2
	}
}
END {
	if (c != "")
		printf "5. make check, cold (kernels built): %d s (%.1f min, exit %s)\n", c, c / 60, crc
	else
		print "5. make check, cold: not recorded"
	if (w != "")
		printf "5. make check, warm (kernels reused): %d s (%.1f min, exit %s)\n", w, w / 60, wrc
	else
		print "5. make check, warm: not recorded"
}' "$log"
