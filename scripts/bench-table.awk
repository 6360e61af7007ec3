# SPDX-License-Identifier: GPL-2.0
#
# The table of "make bench" (scripts/run-bench.sh), from result lines
#
#   kernel=K bench=B impl=I run=R n=N ns=T
#
# per (kernel, bench, impl): the median of T/N over the runs, and the
# spread (min and max). Then the ratios with their goals, and the same
# numbers as JSON in the file named by -v json=.

function field(name,    i) {
	for (i = 1; i <= NF; i++)
		if (index($i, name "=") == 1)
			return substr($i, length(name) + 2)
	return ""
}

# sortn(a, n): sort a[1..n] numerically (insertion sort; n is small).
function sortn(a, n,    i, j, v) {
	for (i = 2; i <= n; i++) {
		v = a[i]
		for (j = i - 1; j >= 1 && a[j] > v; j--)
			a[j + 1] = a[j]
		a[j + 1] = v
	}
}

# mid(a, n): the median of the sorted a[1..n].
function mid(a, n) {
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}

function median(k,    a, i, n) {
	n = cnt[k]
	for (i = 1; i <= n; i++)
		a[i] = val[k, i]
	sortn(a, n)
	lo[k] = a[1]
	hi[k] = a[n]
	return mid(a, n)
}

# fmt(ns): a duration with a unit that keeps 3-4 significant digits.
function fmt(ns) {
	if (ns >= 1e9)
		return sprintf("%.3f s", ns / 1e9)
	if (ns >= 1e6)
		return sprintf("%.2f ms", ns / 1e6)
	if (ns >= 1e3)
		return sprintf("%.2f us", ns / 1e3)
	return sprintf("%.1f ns", ns)
}

# report(name, r, note, goal): one ratio line, r with its note; r "" for
# not measured; goal "" for none.
function report(name, r, note, goal,    verdict) {
	if (r == "") {
		printf "  %-52s %8s   %s\n", name, "-", "not measured"
		json_ratios = json_ratios sprintf("%s\n    {\"name\": \"%s\", \"value\": null, \"goal\": %s, \"met\": null}",
			json_ratios == "" ? "" : ",", name, goal == "" ? "null" : goal)
		return
	}
	if (goal == "")
		verdict = "(no goal)"
	else
		verdict = r <= goal ? "goal <= " goal ": met" : "goal <= " goal ": MISSED"
	printf "  %-52s %7.3fx  (%s)  %s\n", name, r, note, verdict
	json_ratios = json_ratios sprintf("%s\n    {\"name\": \"%s\", \"value\": %.4f, \"goal\": %s, \"met\": %s}",
		json_ratios == "" ? "" : ",", name, r, goal == "" ? "null" : goal,
		goal == "" ? "null" : (r <= goal ? "true" : "false"))
}

# ratio(name, num, den, goal): the ratio of the medians (and, for
# reference, of the minimums, the less noisy estimate under TCG); the
# goal is judged on the medians.
function ratio(name, num, den, goal) {
	if (!(num in med) || !(den in med) || med[den] == 0)
		report(name, "", "", goal)
	else
		report(name, med[num] / med[den], sprintf("min %6.3fx", mn[num] / mn[den]), goal)
}

# paired(name, num, den, goal): for two sides measured in the same runs
# (their batches alternate), the median of the runs' own ratios, with
# their spread: a level that moves from run to run moves both sides and
# cancels, where a ratio of medians would take it in.
function paired(name, num, den, goal,    a, n, i) {
	n = 0
	for (i = 0; i < nrun[num]; i++)
		if ((num, i) in byrun && (den, i) in byrun && byrun[den, i] > 0)
			a[++n] = byrun[num, i] / byrun[den, i]
	if (n == 0) {
		report(name, "", "", goal)
		return
	}
	sortn(a, n)
	report(name, mid(a, n), sprintf("%d runs, %.3f-%.3fx", n, a[1], a[n]), goal)
}

{
	k = field("kernel") SUBSEP field("bench") SUBSEP field("impl")
	if (!(k in cnt))
		order[++nkeys] = k
	val[k, ++cnt[k]] = field("ns") / field("n")
	k = field("kernel") "/" field("bench") "/" field("impl")
	byrun[k, field("run")] = field("ns") / field("n")
	if (field("run") >= nrun[k])
		nrun[k] = field("run") + 1
}

END {
	printf "srcu-guard benchmarks, Linux %s under QEMU (%s), %s\n", kver, accel, date
	printf "%-33s %-18s %-16s %4s %11s %11s %11s\n", "kernel", "bench", "impl",
		"runs", "median/op", "min", "max"
	for (i = 1; i <= nkeys; i++) {
		k = order[i]
		split(k, p, SUBSEP)
		med[p[1] "/" p[2] "/" p[3]] = median(k)
		mn[p[1] "/" p[2] "/" p[3]] = lo[k]
		printf "%-33s %-18s %-16s %4d %11s %11s %11s\n", p[1], p[2], p[3], cnt[k],
			fmt(med[p[1] "/" p[2] "/" p[3]]), fmt(lo[k]), fmt(hi[k])
		json_rows = json_rows sprintf("%s\n    {\"kernel\": \"%s\", \"bench\": \"%s\", \"impl\": \"%s\", \"runs\": %d, \"median_ns\": %.1f, \"min_ns\": %.1f, \"max_ns\": %.1f}",
			i == 1 ? "" : ",", p[1], p[2], p[3], cnt[k], med[p[1] "/" p[2] "/" p[3]], lo[k], hi[k])
	}

	print ""
	print "ratios, each from one boot unless it names two kernels: of two sides that alternate"
	print "within each run, the median of the runs' ratios; of the others, the ratio of medians:"
	paired("1. read side: Rust guard / C srcu_read_lock", "stock/read/rust", "stock/read/c", 1.02)
	paired("1. SRCU-fast read side: Rust guard / C srcu_read_lock_fast",
		"stock/read_fast/rust", "stock/read_fast/c", 1.02)
	nsizes = split("1 64 1024", sizes, " ")
	for (i = 1; i <= nsizes; i++) {
		n = sizes[i]
		ratio("2a. rmmod, " n " unused domains: guard / none",
			"stock/unload_" n "_mode0/guard", "stock/unload_" n "_mode0/noguard", 1.1)
		ratio("2b. rmmod, " n " used, no call_srcu: guard / none",
			"stock/unload_" n "_mode1/guard", "stock/unload_" n "_mode1/noguard", "")
	}
	ratio("2c. rmmod, callbacks pending: 64 / 1 domain",
		"stock/unload_64_mode2/guard", "stock/unload_1_mode2/guard", 2)
	ratio("2c. guard's own time, pending: 64 / 1 domain",
		"stock/guard_64_mode2/guard", "stock/guard_1_mode2/guard", 2)
	for (i = 1; i <= nsizes; i++)
		ratio("2c. guard's time, " sizes[i] " pending: concurrent / seq.",
			"stock/guard_" sizes[i] "_mode2/guard",
			"stock/guard_" sizes[i] "_mode2/guard_sequential", "")
	paired("3. probe, 1 (static call): Rust / C", "stock/probe1/rust", "stock/probe1/c", 1.05)
	paired("3. probes, 2 (iterator): Rust / C", "stock/probe2/rust", "stock/probe2/c", 1.05)
	ratio("4. mass disable: 231264d6927f alone / stock",
		"sync-231264d6927f/mass_disable/kernel", "stock/mass_disable/kernel", "")
	ratio("4. 1->0->1 cycle: 231264d6927f alone / stock",
		"sync-231264d6927f/cycle_1_0_1/kernel", "stock/cycle_1_0_1/kernel", "")
	ratio("4. 2->1 slot 0 cycle: 231264d6927f alone / stock",
		"sync-231264d6927f/cycle_2_1_slot0/kernel", "stock/cycle_2_1_slot0/kernel", "")
	ratio("4. mass disable: all four fixes reverted / stock",
		"revert-all-four/mass_disable/kernel", "stock/mass_disable/kernel", "")
	ratio("6. report's cost, guard's time, 64 pending (C): line / none",
		"stock/guard_c64_pending/guard", "stock/guard_c64_pending/guard_report_none", 1.05)
	paired("6. call_srcu(): with ->srcu_cb_used / stock",
		"srcu-module-barrier-1cpu/call_srcu/kernel",
		"srcu-module-barrier-1cpu/call_srcu/unmarked", 1.01)
	ratio("6. rmmod, 64 pending (C): in-kernel fix / guard",
		"srcu-module-barrier/unload_c64_pending/kernel_fix", "stock/unload_c64_pending/guard", "")
	ratio("6. rmmod, 64 pending (C), guard: fixed kernel / stock",
		"srcu-module-barrier/unload_c64_pending/guard", "stock/unload_c64_pending/guard", "")

	# The manycpu scenario's one kernel booted with 4, 16 and 64 possible
	# CPUs (kernels possible-4, possible-16 and stock): three boots, so
	# its levels differ by a boot's noise too.
	if ("possible-4/unload_1024_mode0/noguard" in med) {
		print ""
		print "7. by possible CPUs (one kernel, three boots: nr_cpus=4, 16, none):"
		printf "  %8s %18s %18s %8s %18s %18s\n", "possible", "1024 unused: none",
			"guard", "ratio", "guard/pending(64)", "guard/pending(1024)"
		npos = split("possible-4 possible-16 stock", pos, " ")
		split("4 16 64", ncpu, " ")
		for (i = 1; i <= npos; i++) {
			k = pos[i]
			if (!((k "/unload_1024_mode0/guard") in med))
				continue
			printf "  %8d %18s %18s %7.3fx %18s %18s\n", ncpu[i],
				fmt(med[k "/unload_1024_mode0/noguard"]), fmt(med[k "/unload_1024_mode0/guard"]),
				med[k "/unload_1024_mode0/guard"] / med[k "/unload_1024_mode0/noguard"],
				fmt(med[k "/guard_64_mode2/guard"] / 64), fmt(med[k "/guard_1024_mode2/guard"] / 1024)
		}
		ratio("7. rmmod, 1024 unused, 4 possible: guard / none",
			"possible-4/unload_1024_mode0/guard", "possible-4/unload_1024_mode0/noguard", 1.1)
		ratio("7. rmmod, 1024 unused, 64 possible: guard / none",
			"stock/unload_1024_mode0/guard", "stock/unload_1024_mode0/noguard", 1.1)
		ratio("7. rmmod, 1024 unused, guard: 64 / 4 possible",
			"stock/unload_1024_mode0/guard", "possible-4/unload_1024_mode0/guard", "")
		ratio("7. guard's time, 1024 pending: 64 / 4 possible",
			"stock/guard_1024_mode2/guard", "possible-4/guard_1024_mode2/guard", "")
	}

	print ""
	printf "5. one boot (boot, kmemleak scan, shutdown): %d s\n", boot_s
	print timings

	printf "{\n  \"date\": \"%s\",\n  \"kernel\": \"%s\",\n  \"accel\": \"%s\",\n  \"runs\": %d,\n  \"boot_seconds\": %d,\n  \"results\": [%s\n  ],\n  \"ratios\": [%s\n  ]\n}\n",
		date, kver, accel, runs, boot_s, json_rows, json_ratios > json
}
