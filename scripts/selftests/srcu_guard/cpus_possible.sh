#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The CPUs the scenario's kernel sees, against the cpus_possible= and
# cpus_online= of its fragment's boot arguments (scripts/configs/
# manycpu.config: 64 possible, 4 online): the 2019 thread's worry, work
# for each possible CPU in every static domain, needs possible CPUs that
# are not online. guard_scale, in the same boot, then unloads 1024 static
# domains on them. Skipped without those arguments.
# scenarios: manycpu

. "$(dirname "$0")/lib.sh"

cpus=/sys/devices/system/cpu

ktap_print_header
if [ -z "${cpus_possible:-}" ] || [ -z "${cpus_online:-}" ]; then
	ktap_skip_all "no cpus_possible= and cpus_online= on the kernel command line"
	exit "$KSFT_SKIP"
fi
ktap_set_plan 2
check "possible CPUs: $cpus_possible" [ "$(cat $cpus/possible)" = "$cpus_possible" ]
check "online CPUs: $cpus_online" [ "$(cat $cpus/online)" = "$cpus_online" ]
ktap_finished
