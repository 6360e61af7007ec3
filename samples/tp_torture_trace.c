// SPDX-License-Identifier: GPL-2.0
/*
 * The tp_torture tracepoint, and the two ways the Rust part fires it:
 * the ordinary trace_tp_torture_hit(), and a windowed copy of
 * __DO_TRACE_CALL() that stops between reading funcs[0].data and the
 * static call, for a deterministic reader in the middle of a transition.
 * And the updater-side window: a kprobe on __static_call_update() that,
 * when armed, holds the updater just before it switches this tracepoint's
 * static call, while a reader on another CPU fires.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/kprobes.h>
#include <linux/ktime.h>
#include <linux/preempt.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/static_call.h>
#include <linux/string.h>

#include "bounded_param.h"
#include "rust_lib_shims.c"
#include "tp_torture.h"


BOUNDED_UINT_PARAM(tp_torture_scenarios, scenarios, 0, 0, 1,
		   "run the deterministic transition scenarios after load");
BOUNDED_UINT_PARAM(tp_torture_random_ms, random_ms, 0, 0, 600000,
		   "run the random mode for this many ms after load");
BOUNDED_UINT_PARAM(tp_torture_window_ms, window_ms, 300, 10, 5000,
		   "reader window of the deterministic mode, in ms");

DEFINE_TRACE(tp_torture_hit, TP_PROTO(struct tp_hit *hit), TP_ARGS(hit));

struct tracepoint *tp_torture_tracepoint(void)
{
	return &__tracepoint_tp_torture_hit;
}

void tp_torture_fire(struct tp_hit *hit)
{
	trace_tp_torture_hit(hit);
}

/*
 * __DO_TRACE_CALL(tp_torture_hit) with a window, inside the read section
 * that the kernel's own hit enters (compat_tp_hit_enter(): preemption off
 * on 6.12, SRCU-fast on tracepoint_srcu on 7.x): after loading tp->funcs
 * and funcs[0].data, say so in *in_window and wait, interrupts on, until
 * *release is set or timeout_ns passed (on 6.12 well under the RCU CPU
 * stall timeout, as preemption is off), then make the static call. An
 * updater that waits for the grace period that protects hits cannot
 * finish while we wait here.
 * Returns the time spent in the window; *left_ns is when it ended, taken
 * before the read section ends, so before any grace period that waited
 * for this hit could end.
 */
u64 tp_torture_fire_windowed(struct tp_hit *hit, atomic_t *in_window,
			     atomic_t *release, u64 timeout_ns, u64 *left_ns)
{
	struct tracepoint_func *it_func_ptr;
	struct compat_tp_hit section;
	u64 start, waited = 0;
	void *data;

	compat_tp_hit_enter(&section);
	it_func_ptr = rcu_dereference_raw(__tracepoint_tp_torture_hit.funcs);
	if (it_func_ptr) {
		data = it_func_ptr->data;
		start = ktime_get_ns();
		atomic_set_release(in_window, 1);
		while (!atomic_read_acquire(release) &&
		       ktime_get_ns() - start < timeout_ns)
			cpu_relax();
		waited = ktime_get_ns() - start;
		*left_ns = ktime_get_mono_fast_ns();
		static_call(tp_func_tp_torture_hit)(data, hit);
	} else {
		atomic_set_release(in_window, 1);
		*left_ns = ktime_get_mono_fast_ns();
	}
	compat_tp_hit_exit(&section);
	return waited;
}

static atomic_t sc_armed, sc_in_window, sc_release;
static u64 sc_timeout_ns, sc_waited_ns;

/*
 * Runs in int3 context, interrupts off: no locks, and only the NMI-safe
 * clock. Waits only for this tracepoint's key, once per arming.
 */
static int sc_pre(struct kprobe *p, struct pt_regs *regs)
{
	u64 start;

	if (regs->di != (unsigned long)&STATIC_CALL_KEY(tp_func_tp_torture_hit) ||
	    !atomic_xchg(&sc_armed, 0))
		return 0;
	start = ktime_get_mono_fast_ns();
	atomic_set_release(&sc_in_window, 1);
	while (!atomic_read_acquire(&sc_release) &&
	       ktime_get_mono_fast_ns() - start < sc_timeout_ns)
		cpu_relax();
	sc_waited_ns = ktime_get_mono_fast_ns() - start;
	return 0;
}

static struct kprobe sc_kprobe = {
	.symbol_name = "__static_call_update",
	.pre_handler = sc_pre,
};

int tp_torture_kprobe_register(void)
{
	return register_kprobe(&sc_kprobe);
}

void tp_torture_kprobe_unregister(void)
{
	unregister_kprobe(&sc_kprobe);
}

/* Arms the updater-side window for the next static call update. */
void tp_torture_updater_window_arm(u64 timeout_ns)
{
	sc_timeout_ns = timeout_ns;
	sc_waited_ns = 0;
	atomic_set(&sc_in_window, 0);
	atomic_set(&sc_release, 0);
	atomic_set_release(&sc_armed, 1);
}

bool tp_torture_updater_in_window(void)
{
	return atomic_read_acquire(&sc_in_window);
}

void tp_torture_updater_window_release(void)
{
	atomic_set_release(&sc_release, 1);
}

/* Disarms (if the window never opened); returns the time it was open. */
u64 tp_torture_updater_window_close(void)
{
	atomic_set(&sc_armed, 0);
	return sc_waited_ns;
}

/*
 * Result lines, also logged: /sys/kernel/debug/tp_torture/results shows
 * every line of the last run, in the same key=value form.
 */
static DEFINE_MUTEX(results_lock);
static char results[8192];
static size_t results_len;
static struct dentry *results_dir;

void tp_torture_result_add(const char *line)
{
	size_t n = strlen(line);

	mutex_lock(&results_lock);
	if (results_len + n + 1 < sizeof(results)) {
		memcpy(results + results_len, line, n);
		results_len += n;
		results[results_len++] = '\n';
	}
	mutex_unlock(&results_lock);
}

static int results_show(struct seq_file *m, void *unused)
{
	mutex_lock(&results_lock);
	seq_write(m, results, results_len);
	mutex_unlock(&results_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(results);

void tp_torture_debugfs_init(void)
{
	results_dir = debugfs_create_dir("tp_torture", NULL);
	debugfs_create_file("results", 0444, results_dir, NULL, &results_fops);
}

void tp_torture_debugfs_exit(void)
{
	debugfs_remove_recursive(results_dir);
}
