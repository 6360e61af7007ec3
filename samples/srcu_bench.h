/* SPDX-License-Identifier: GPL-2.0 */
/*
 * srcu_bench: the C half of the in-kernel benchmarks. It holds what must
 * be C (the C baseline of each Rust-vs-C ratio, the tracepoints, the
 * inline srcu_read_lock()) and the module parameters; the Rust half runs
 * the benchmarks and prints the results.
 */
#ifndef SRCU_BENCH_H
#define SRCU_BENCH_H

#include <linux/tracepoint.h>
#include <linux/types.h>

#include "bounded_param.h"
#include "compat.h"

/* Tracepoints of the mass-disable benchmark (the first is also fired). */
#define SRCU_BENCH_NR_TP 16
#define BENCH_TP_DECLARE(n) \
	COMPAT_DECLARE_TRACE(srcu_bench_tp##n, TP_PROTO(u64 v), TP_ARGS(v))
BENCH_TP_DECLARE(0);
BENCH_TP_DECLARE(1);
BENCH_TP_DECLARE(2);
BENCH_TP_DECLARE(3);
BENCH_TP_DECLARE(4);
BENCH_TP_DECLARE(5);
BENCH_TP_DECLARE(6);
BENCH_TP_DECLARE(7);
BENCH_TP_DECLARE(8);
BENCH_TP_DECLARE(9);
BENCH_TP_DECLARE(10);
BENCH_TP_DECLARE(11);
BENCH_TP_DECLARE(12);
BENCH_TP_DECLARE(13);
BENCH_TP_DECLARE(14);
BENCH_TP_DECLARE(15);

extern struct bounded_uint srcu_bench_runs;
extern struct bounded_uint srcu_bench_read_loops;
extern struct bounded_uint srcu_bench_fire_loops;
extern struct bounded_uint srcu_bench_cycles;
extern struct bounded_uint srcu_bench_parts;

/* ns for @n srcu_read_lock()/srcu_read_unlock() pairs on a C domain. */
u64 srcu_bench_c_read(u32 n);
/* The same with srcu_read_lock_fast() on an SRCU-fast domain. */
u64 srcu_bench_c_read_fast(u32 n);
/*
 * ns for @n (rounded up to a multiple of 256, at most 65536) call_srcu()
 * on a C domain, in batches of 256 with an untimed srcu_barrier() after
 * each: the median batch's time times the batches, in @kernel_ns; the
 * same for call_srcu_unmarked(), batches alternating, in @unmarked_ns, or
 * 0 where the kernel has none.
 */
void srcu_bench_c_call_srcu(u32 n, u64 *kernel_ns, u64 *unmarked_ns);
/* ns for @n hits of tracepoint 0. */
u64 srcu_bench_fire(u32 n);
/* Tracepoint @i of SRCU_BENCH_NR_TP; probes are (void *data, u64 v). */
struct tracepoint *srcu_bench_tracepoint(u32 i);
/* The C probe with @counter as its data, on tracepoint @i. */
int srcu_bench_c_probe_register(u32 i, atomic64_t *counter, int prio);
void srcu_bench_c_probe_unregister(u32 i, atomic64_t *counter);
/* The rmmod timer (debugfs srcu_bench/last_rmmod_ns). */
int srcu_bench_rmmod_timer_init(void);
void srcu_bench_rmmod_timer_exit(void);

#endif
