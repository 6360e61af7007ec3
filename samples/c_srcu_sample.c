// SPDX-License-Identifier: GPL-2.0
/*
 * C twin of rust_srcu_sample: the same workload, parameters and log lines
 * on DEFINE_STATIC_SRCU domains, so one test can run both and compare. On
 * kernels with SRCU-fast (7.x), the odd domains are DEFINE_STATIC_SRCU_FAST
 * ones, read with srcu_read_lock_fast(): every guard test of this sample
 * then covers both flavours.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/srcu.h>

#include "bounded_param.h"
#include "compat.h"

#define SAMPLE_MAX_DOMAINS 64
#define MAX_READERS 16

static BOUNDED_UINT_PARAM(domains_p, domains, 4, 1, SAMPLE_MAX_DOMAINS,
			  "static SRCU domains used");
static BOUNDED_UINT_PARAM(readers_p, readers, 2, 0, MAX_READERS,
			  "reader kthreads");
static BOUNDED_UINT_PARAM(duration_p, duration_ms, 1000, 0, 60000,
			  "updater run time in ms");
static BOUNDED_UINT_PARAM(gp_test_p, gp_test, 0, 0, 1,
			  "run the grace-period test at load");
static BOUNDED_UINT_PARAM(skip_barrier_p, skip_barrier, 0, 0, 1,
			  "exit queues callbacks and forgets srcu_barrier()");
static BOUNDED_UINT_PARAM(fail_init_p, fail_init, 0, 0, 1,
			  "init queues callbacks, then fails");
static BOUNDED_UINT_PARAM(hops_p, hops, 0, 0, 16,
			  "each last callback queues itself on the next domain this many times");

#ifdef COMPAT_SRCU_FAST
#define DEFINE_SAMPLE_SRCU_ODD(name) DEFINE_STATIC_SRCU_FAST(name)
#else
#define DEFINE_SAMPLE_SRCU_ODD(name) DEFINE_STATIC_SRCU(name)
#endif

DEFINE_STATIC_SRCU(dom00);
DEFINE_SAMPLE_SRCU_ODD(dom01);
DEFINE_STATIC_SRCU(dom02);
DEFINE_SAMPLE_SRCU_ODD(dom03);
DEFINE_STATIC_SRCU(dom04);
DEFINE_SAMPLE_SRCU_ODD(dom05);
DEFINE_STATIC_SRCU(dom06);
DEFINE_SAMPLE_SRCU_ODD(dom07);
DEFINE_STATIC_SRCU(dom08);
DEFINE_SAMPLE_SRCU_ODD(dom09);
DEFINE_STATIC_SRCU(dom10);
DEFINE_SAMPLE_SRCU_ODD(dom11);
DEFINE_STATIC_SRCU(dom12);
DEFINE_SAMPLE_SRCU_ODD(dom13);
DEFINE_STATIC_SRCU(dom14);
DEFINE_SAMPLE_SRCU_ODD(dom15);
DEFINE_STATIC_SRCU(dom16);
DEFINE_SAMPLE_SRCU_ODD(dom17);
DEFINE_STATIC_SRCU(dom18);
DEFINE_SAMPLE_SRCU_ODD(dom19);
DEFINE_STATIC_SRCU(dom20);
DEFINE_SAMPLE_SRCU_ODD(dom21);
DEFINE_STATIC_SRCU(dom22);
DEFINE_SAMPLE_SRCU_ODD(dom23);
DEFINE_STATIC_SRCU(dom24);
DEFINE_SAMPLE_SRCU_ODD(dom25);
DEFINE_STATIC_SRCU(dom26);
DEFINE_SAMPLE_SRCU_ODD(dom27);
DEFINE_STATIC_SRCU(dom28);
DEFINE_SAMPLE_SRCU_ODD(dom29);
DEFINE_STATIC_SRCU(dom30);
DEFINE_SAMPLE_SRCU_ODD(dom31);
DEFINE_STATIC_SRCU(dom32);
DEFINE_SAMPLE_SRCU_ODD(dom33);
DEFINE_STATIC_SRCU(dom34);
DEFINE_SAMPLE_SRCU_ODD(dom35);
DEFINE_STATIC_SRCU(dom36);
DEFINE_SAMPLE_SRCU_ODD(dom37);
DEFINE_STATIC_SRCU(dom38);
DEFINE_SAMPLE_SRCU_ODD(dom39);
DEFINE_STATIC_SRCU(dom40);
DEFINE_SAMPLE_SRCU_ODD(dom41);
DEFINE_STATIC_SRCU(dom42);
DEFINE_SAMPLE_SRCU_ODD(dom43);
DEFINE_STATIC_SRCU(dom44);
DEFINE_SAMPLE_SRCU_ODD(dom45);
DEFINE_STATIC_SRCU(dom46);
DEFINE_SAMPLE_SRCU_ODD(dom47);
DEFINE_STATIC_SRCU(dom48);
DEFINE_SAMPLE_SRCU_ODD(dom49);
DEFINE_STATIC_SRCU(dom50);
DEFINE_SAMPLE_SRCU_ODD(dom51);
DEFINE_STATIC_SRCU(dom52);
DEFINE_SAMPLE_SRCU_ODD(dom53);
DEFINE_STATIC_SRCU(dom54);
DEFINE_SAMPLE_SRCU_ODD(dom55);
DEFINE_STATIC_SRCU(dom56);
DEFINE_SAMPLE_SRCU_ODD(dom57);
DEFINE_STATIC_SRCU(dom58);
DEFINE_SAMPLE_SRCU_ODD(dom59);
DEFINE_STATIC_SRCU(dom60);
DEFINE_SAMPLE_SRCU_ODD(dom61);
DEFINE_STATIC_SRCU(dom62);
DEFINE_SAMPLE_SRCU_ODD(dom63);

static struct srcu_struct *const domains[SAMPLE_MAX_DOMAINS] = {
	&dom00, &dom01, &dom02, &dom03, &dom04, &dom05, &dom06, &dom07,
	&dom08, &dom09, &dom10, &dom11, &dom12, &dom13, &dom14, &dom15,
	&dom16, &dom17, &dom18, &dom19, &dom20, &dom21, &dom22, &dom23,
	&dom24, &dom25, &dom26, &dom27, &dom28, &dom29, &dom30, &dom31,
	&dom32, &dom33, &dom34, &dom35, &dom36, &dom37, &dom38, &dom39,
	&dom40, &dom41, &dom42, &dom43, &dom44, &dom45, &dom46, &dom47,
	&dom48, &dom49, &dom50, &dom51, &dom52, &dom53, &dom54, &dom55,
	&dom56, &dom57, &dom58, &dom59, &dom60, &dom61, &dom62, &dom63,
};

struct counted_cb {
	struct rcu_head head;
	unsigned int domain;	/* where it is queued */
	unsigned int hops;	/* times it queues itself again */
};

static atomic64_t queued, invoked, reads;
/* The number of callbacks that will ever be queued, once known. */
static atomic64_t final_count = ATOMIC64_INIT(S64_MAX);
static bool call_used[SAMPLE_MAX_DOMAINS];
static struct task_struct *reader_tasks[MAX_READERS];
static struct task_struct *updater_task;
static bool gp_reader_in, gp_reader_done;

/*
 * A callback: counts itself; the last one says so. One with hops left
 * queues itself on the next domain (an unused one after the last in use):
 * work that a barrier of its first domain does not wait for.
 */
/* The loader's count of this module's static domains (none on Tiny SRCU). */
static unsigned int loader_count(void)
{
#ifdef CONFIG_TREE_SRCU
	return THIS_MODULE->num_srcu_structs;
#else
	return 0;
#endif
}

static void count_invoked(struct rcu_head *head)
{
	struct counted_cb *cb = container_of(head, struct counted_cb, head);
	s64 n;

	if (cb->hops) {
		cb->hops--;
		cb->domain = (cb->domain + 1) % SAMPLE_MAX_DOMAINS;
		atomic64_inc(&queued);
		call_srcu(domains[cb->domain], &cb->head, count_invoked);
	} else {
		kfree(cb);
	}
	n = atomic64_inc_return(&invoked);
	if (n == atomic64_read(&final_count))
		pr_info("all %lld callbacks ran\n", n);
}

/* Queues one last callback on each domain in use; returns the total. */
static s64 queue_last_callbacks(void)
{
	struct counted_cb *cb;
	unsigned int i;

	atomic64_set(&final_count, atomic64_read(&queued) +
		     (s64)domains_p.val * (1 + hops_p.val));
	for (i = 0; i < domains_p.val; i++) {
		cb = kmalloc(sizeof(*cb), GFP_KERNEL);
		if (!cb) {
			atomic64_sub(1 + hops_p.val, &final_count);
			continue;
		}
		cb->domain = i;
		cb->hops = hops_p.val;
		atomic64_inc(&queued);
		call_srcu(domains[i], &cb->head, count_invoked);
	}
	return atomic64_read(&queued);
}

/* One read-side section on domain @i, of the domain's flavour. */
static void read_once(unsigned int i)
{
	int idx;

#ifdef COMPAT_SRCU_FAST
	if (i & 1) {
		struct srcu_ctr __percpu *scp = srcu_read_lock_fast(domains[i]);

		atomic64_inc(&reads);
		srcu_read_unlock_fast(domains[i], scp);
		return;
	}
#endif
	idx = srcu_read_lock(domains[i]);
	atomic64_inc(&reads);
	srcu_read_unlock(domains[i], idx);
}

static int reader(void *unused)
{
	unsigned int pass, i;

	while (!kthread_should_stop()) {
		for (pass = 0; pass < 16; pass++) {
			for (i = 0; i < domains_p.val; i++)
				read_once(i);
		}
		usleep_range(1000, 2000);
	}
	return 0;
}

static int updater(void *unused)
{
	u64 end = ktime_get_ns() + (u64)duration_p.val * NSEC_PER_MSEC;
	struct counted_cb *cb;
	unsigned int i, round = 0;

	while (!kthread_should_stop() && ktime_get_ns() < end) {
		for (i = 0; i < domains_p.val; i++) {
			cb = kmalloc(sizeof(*cb), GFP_KERNEL);
			if (cb) {
				cb->domain = i;
				cb->hops = 0;
				atomic64_inc(&queued);
				call_used[i] = true;
				call_srcu(domains[i], &cb->head, count_invoked);
			}
			if (round % 16 == 0)
				synchronize_srcu(domains[i]);
			else if (round % 16 == 8)
				synchronize_srcu_expedited(domains[i]);
		}
		round++;
		usleep_range(1000, 2000);
	}
	while (!kthread_should_stop())
		usleep_range(10000, 20000);
	return 0;
}

static int gp_reader(void *unused)
{
	int idx = srcu_read_lock(domains[0]);

	/* Pairs with the acquire in run_gp_test(): the reader is inside. */
	smp_store_release(&gp_reader_in, true);
	msleep(200);
	/* Pairs with the acquire after synchronize_srcu(). */
	smp_store_release(&gp_reader_done, true);
	srcu_read_unlock(domains[0], idx);
	while (!kthread_should_stop())
		usleep_range(10000, 20000);
	return 0;
}

static int run_gp_test(void)
{
	struct task_struct *t = kthread_run(gp_reader, NULL, "srcu_gp_reader");
	bool done, poll_during, poll_after;
	u64 start = ktime_get_ns(), t0;
	unsigned long cookie;
	long waited_ms;
	int ret = 0;

	if (IS_ERR(t))
		return PTR_ERR(t);
	get_task_struct(t);
	/* Pairs with the release in gp_reader(). */
	while (!smp_load_acquire(&gp_reader_in)) {
		if (ktime_get_ns() - start > 5 * NSEC_PER_SEC) {
			pr_err("gp_test: reader did not start\n");
			ret = -ETIMEDOUT;
			goto out;
		}
		usleep_range(1000, 2000);
	}
	cookie = start_poll_synchronize_srcu(domains[0]);
	poll_during = poll_state_synchronize_srcu(domains[0], cookie);
	t0 = ktime_get_ns();
	synchronize_srcu(domains[0]);
	waited_ms = (ktime_get_ns() - t0) / NSEC_PER_MSEC;
	/* Pairs with the release in gp_reader(). */
	done = smp_load_acquire(&gp_reader_done);
	poll_after = poll_state_synchronize_srcu(domains[0], cookie);
	if (done && !poll_during && poll_after) {
		pr_info("gp_test: passed: synchronize waited %ld ms for the reader\n",
			waited_ms);
	} else {
		pr_err("gp_test: FAILED: reader_done=%d poll_during=%d poll_after=%d waited=%ld ms\n",
		       done, poll_during, poll_after, waited_ms);
		ret = -EINVAL;
	}
out:
	kthread_stop_put(t);
	return ret;
}

static void stop_threads(void)
{
	int i;

	if (updater_task)
		kthread_stop_put(updater_task);
	updater_task = NULL;
	for (i = 0; i < MAX_READERS; i++) {
		if (reader_tasks[i])
			kthread_stop_put(reader_tasks[i]);
		reader_tasks[i] = NULL;
	}
}

static struct task_struct *sample_start_thread(int (*fn)(void *), const char *name)
{
	struct task_struct *t = kthread_run(fn, NULL, "%s", name);

	if (!IS_ERR(t))
		get_task_struct(t);
	return t;
}

static int __init c_srcu_sample_init(void)
{
	struct task_struct *t;
	unsigned int i;
	int ret;

	pr_info("domains defined=%d loader_counted=%u used=%u\n",
		SAMPLE_MAX_DOMAINS, loader_count(), domains_p.val);
	if (gp_test_p.val) {
		ret = run_gp_test();
		if (ret)
			return ret;
	}
	if (fail_init_p.val) {
		pr_info("fail_init: queued %lld callbacks, failing init\n",
			queue_last_callbacks());
		return -EINVAL;
	}
	for (i = 0; i < readers_p.val; i++) {
		t = sample_start_thread(reader, "srcu_reader");
		if (IS_ERR(t)) {
			stop_threads();
			return PTR_ERR(t);
		}
		reader_tasks[i] = t;
	}
	t = sample_start_thread(updater, "srcu_updater");
	if (IS_ERR(t)) {
		stop_threads();
		return PTR_ERR(t);
	}
	updater_task = t;
	return 0;
}
module_init(c_srcu_sample_init);

static void __exit c_srcu_sample_exit(void)
{
	s64 q, n;
	int i;

	stop_threads();
	if (skip_barrier_p.val) {
		q = queue_last_callbacks();
		pr_info("exit without srcu_barrier: queued=%lld invoked=%lld\n",
			q, atomic64_read(&invoked));
		return;
	}
	for (i = 0; i < SAMPLE_MAX_DOMAINS; i++)
		if (call_used[i])
			srcu_barrier(domains[i]);
	q = atomic64_read(&queued);
	n = atomic64_read(&invoked);
	if (q == n)
		pr_info("callbacks queued=%lld invoked=%lld reads=%lld\n",
			q, n, atomic64_read(&reads));
	else
		pr_err("callbacks queued=%lld invoked=%lld: MISMATCH\n", q, n);
}
module_exit(c_srcu_sample_exit);

MODULE_DESCRIPTION("Static SRCU domains from C: twin of rust_srcu_sample");
MODULE_LICENSE("GPL");
