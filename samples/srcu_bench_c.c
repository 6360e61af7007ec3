// SPDX-License-Identifier: GPL-2.0
/*
 * srcu_bench, C half: the C baselines (srcu_read_lock() on a
 * DEFINE_STATIC_SRCU domain, srcu_read_lock_fast() on a
 * DEFINE_STATIC_SRCU_FAST one where the kernel has SRCU-fast, a C
 * tracepoint probe), the call_srcu() cost (on the kernel with the
 * upstream series' ->srcu_cb_used flag, against the stock call_srcu()
 * that kernel's bench build exports as call_srcu_unmarked()), the module's
 * tracepoints and the loop that fires them, the parameters, and the rmmod
 * timer: a kretprobe on the delete_module() syscall whose last duration
 * is /sys/kernel/debug/srcu_bench/last_rmmod_ns.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/kprobes.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/sort.h>
#include <linux/srcu.h>

#include "bounded_param.h"
#include "rust_lib_shims.c"
#include "srcu_bench.h"


BOUNDED_UINT_PARAM(srcu_bench_parts, parts, 7, 0, 15,
		   "benchmarks to run at load: 1 read side, 2 probes, 4 transitions, 8 call_srcu()");
BOUNDED_UINT_PARAM(srcu_bench_runs, runs, 7, 1, 101,
		   "runs of each benchmark (median and spread are taken over them)");
BOUNDED_UINT_PARAM(srcu_bench_read_loops, read_loops, 100000, 1000, 100000000,
		   "read-side sections per run");
BOUNDED_UINT_PARAM(srcu_bench_fire_loops, fire_loops, 100000, 1000, 100000000,
		   "tracepoint hits per run");
BOUNDED_UINT_PARAM(srcu_bench_cycles, cycles, 1000, 1, 100000,
		   "register/unregister cycles per transition run");

DEFINE_STATIC_SRCU(srcu_bench_c_domain);

/* Callbacks queued per timed batch of the call_srcu() benchmark. */
#define CALL_BATCH 256
/* Batches per run at most (srcu_bench_main.rs asks for 64). */
#define CALL_BATCHES_MAX 256

/* The type of call_srcu(). */
typedef void (*srcu_bench_call_fn)(struct srcu_struct *ssp,
				   struct rcu_head *rhp, rcu_callback_t func);

static void srcu_bench_c_cb(struct rcu_head *head)
{
}

static int srcu_bench_c_cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/*
 * One timed batch: CALL_BATCH calls through a pointer (both sides do: only
 * the callee differs), with preemption off, so that the grace-period work
 * the batch's first call queues runs after it (not on PREEMPT_RT, where
 * 6.12's srcu_data locks are spinlock_t and sleep); then, untimed, a
 * barrier frees the heads again.
 */
static noinline u64 srcu_bench_c_batch(srcu_bench_call_fn call)
{
	static struct rcu_head heads[CALL_BATCH];
	u64 ns;
	u32 i;

	if (!IS_ENABLED(CONFIG_PREEMPT_RT))
		preempt_disable();
	ns = ktime_get_ns();
	for (i = 0; i < CALL_BATCH; i++)
		call(&srcu_bench_c_domain, &heads[i], srcu_bench_c_cb);
	ns = ktime_get_ns() - ns;
	if (!IS_ENABLED(CONFIG_PREEMPT_RT))
		preempt_enable();
	srcu_barrier(&srcu_bench_c_domain);
	return ns;
}

/* The median of @batches times, times @batches (the ns of a run). */
static u64 srcu_bench_c_median_run(u64 *ns, u32 batches)
{
	sort(ns, batches, sizeof(*ns), srcu_bench_c_cmp_u64, NULL);
	return ns[batches / 2] * batches;
}

/*
 * The two sides' batches alternate, the first side changing from batch to
 * batch, so that the host's and the guest's drift hits both alike; the
 * median batch counts: a batch that an interrupt or, on more than one
 * vCPU under TCG with one host thread, another vCPU's time slice lands in
 * is an outlier that the median drops and a sum would not. make bench
 * runs this on one vCPU, in a VM of its own.
 */
void srcu_bench_c_call_srcu(u32 n, u64 *kernel_ns, u64 *unmarked_ns)
{
	static u64 kernel[CALL_BATCHES_MAX], unmarked[CALL_BATCHES_MAX];
	u32 batches = min(DIV_ROUND_UP(n, CALL_BATCH), CALL_BATCHES_MAX);
	srcu_bench_call_fn stock = __symbol_get("call_srcu_unmarked");
	u32 b;

	for (b = 0; b < batches; b++) {
		if (stock && b % 2)
			unmarked[b] = srcu_bench_c_batch(stock);
		kernel[b] = srcu_bench_c_batch(call_srcu);
		if (stock && !(b % 2))
			unmarked[b] = srcu_bench_c_batch(stock);
	}
	*kernel_ns = srcu_bench_c_median_run(kernel, batches);
	*unmarked_ns = 0;
	if (stock) {
		*unmarked_ns = srcu_bench_c_median_run(unmarked, batches);
		symbol_put_addr(stock);
	}
}

u64 srcu_bench_c_read(u32 n)
{
	u64 start = ktime_get_ns();
	u32 i;
	int idx;

	for (i = 0; i < n; i++) {
		idx = srcu_read_lock(&srcu_bench_c_domain);
		srcu_read_unlock(&srcu_bench_c_domain, idx);
	}
	return ktime_get_ns() - start;
}

#ifdef COMPAT_SRCU_FAST
DEFINE_STATIC_SRCU_FAST(srcu_bench_c_fast_domain);

u64 srcu_bench_c_read_fast(u32 n)
{
	struct srcu_ctr __percpu *scp;
	u64 start = ktime_get_ns();
	u32 i;

	for (i = 0; i < n; i++) {
		scp = srcu_read_lock_fast(&srcu_bench_c_fast_domain);
		srcu_read_unlock_fast(&srcu_bench_c_fast_domain, scp);
	}
	return ktime_get_ns() - start;
}
#endif

/* SRCU_BENCH_NR_TP tracepoints, each with its own static call. */
#define BENCH_TP(n) DEFINE_TRACE(srcu_bench_tp##n, TP_PROTO(u64 v), TP_ARGS(v))

BENCH_TP(0);
BENCH_TP(1);
BENCH_TP(2);
BENCH_TP(3);
BENCH_TP(4);
BENCH_TP(5);
BENCH_TP(6);
BENCH_TP(7);
BENCH_TP(8);
BENCH_TP(9);
BENCH_TP(10);
BENCH_TP(11);
BENCH_TP(12);
BENCH_TP(13);
BENCH_TP(14);
BENCH_TP(15);

static struct tracepoint *const tracepoints[SRCU_BENCH_NR_TP] = {
	&__tracepoint_srcu_bench_tp0, &__tracepoint_srcu_bench_tp1,
	&__tracepoint_srcu_bench_tp2, &__tracepoint_srcu_bench_tp3,
	&__tracepoint_srcu_bench_tp4, &__tracepoint_srcu_bench_tp5,
	&__tracepoint_srcu_bench_tp6, &__tracepoint_srcu_bench_tp7,
	&__tracepoint_srcu_bench_tp8, &__tracepoint_srcu_bench_tp9,
	&__tracepoint_srcu_bench_tp10, &__tracepoint_srcu_bench_tp11,
	&__tracepoint_srcu_bench_tp12, &__tracepoint_srcu_bench_tp13,
	&__tracepoint_srcu_bench_tp14, &__tracepoint_srcu_bench_tp15,
};

struct tracepoint *srcu_bench_tracepoint(u32 i)
{
	return tracepoints[i % SRCU_BENCH_NR_TP];
}

u64 srcu_bench_fire(u32 n)
{
	u64 start = ktime_get_ns();
	u32 i;

	for (i = 0; i < n; i++)
		trace_srcu_bench_tp0(i);
	return ktime_get_ns() - start;
}

/* The C probe: what the Rust probe does, counts its hits. */
static void srcu_bench_c_probe(void *data, u64 v)
{
	atomic64_inc(data);
}

int srcu_bench_c_probe_register(u32 i, atomic64_t *counter, int prio)
{
	return tracepoint_probe_register_prio(srcu_bench_tracepoint(i),
					      srcu_bench_c_probe, counter, prio);
}

void srcu_bench_c_probe_unregister(u32 i, atomic64_t *counter)
{
	tracepoint_probe_unregister(srcu_bench_tracepoint(i),
				    srcu_bench_c_probe, counter);
}

static u64 last_rmmod_ns;
static struct dentry *dir;

static int rmmod_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	*(u64 *)ri->data = ktime_get_mono_fast_ns();
	return 0;
}

static int rmmod_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	WRITE_ONCE(last_rmmod_ns, ktime_get_mono_fast_ns() - *(u64 *)ri->data);
	return 0;
}

static struct kretprobe rmmod_probe = {
	.kp.symbol_name = "__x64_sys_delete_module",
	.entry_handler = rmmod_entry,
	.handler = rmmod_return,
	.data_size = sizeof(u64),
	.maxactive = 4,
};

int srcu_bench_rmmod_timer_init(void)
{
	int ret = register_kretprobe(&rmmod_probe);

	if (ret) {
		pr_err("rmmod timer: register_kretprobe(%s) failed: %d\n",
		       rmmod_probe.kp.symbol_name, ret);
		return ret;
	}
	dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_u64("last_rmmod_ns", 0444, dir, &last_rmmod_ns);
	return 0;
}

void srcu_bench_rmmod_timer_exit(void)
{
	debugfs_remove_recursive(dir);
	unregister_kretprobe(&rmmod_probe);
}
