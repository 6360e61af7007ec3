// SPDX-License-Identifier: GPL-2.0
/*
 * C shims of the Rust library in rust/lib/: inline C (and macros) that the
 * library calls, compiled against the kernel's own headers so that they
 * follow the kernel they are built for instead of a copy in Rust.
 *
 * kbuild links an object into one module only, so every module built with
 * the library includes this file once, in its C part:
 *
 *	#include "rust_lib_shims.c"
 *
 * The symbols are the module's own (not exported).
 */
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/srcu.h>
#include <linux/tracepoint.h>

#include "rust_lib_shims.h"

void rust_lib_tracepoint_synchronize_unregister(void)
{
	tracepoint_synchronize_unregister();
}

unsigned int rust_lib_num_online_cpus(void)
{
	return num_online_cpus();
}

bool rust_lib_cpu_online(unsigned int cpu)
{
	return cpu < nr_cpu_ids && cpu_online(cpu);
}

unsigned int rust_lib_nr_cpu_ids(void)
{
	return nr_cpu_ids;
}

/*
 * The read side, as C writes it: make bench measured a Rust copy of this
 * inline C no faster than these calls (srcu_bench, bench=read).
 */
int rust_lib_srcu_read_lock(struct srcu_struct *ssp)
{
	return srcu_read_lock(ssp);
}

void rust_lib_srcu_read_unlock(struct srcu_struct *ssp, int idx)
{
	srcu_read_unlock(ssp, idx);
}

/*
 * Binds the new, never woken kthread @p to @cpu and wakes it, if @cpu is
 * online, under the CPU hotplug lock so that it cannot go offline in
 * between (kthread_bind() does not check; a wake-up on an offline CPU
 * would silently widen the thread's affinity). Returns whether it did.
 */
bool rust_lib_kthread_bind_online(struct task_struct *p, unsigned int cpu)
{
	bool online;

	cpus_read_lock();
	online = cpu < nr_cpu_ids && cpu_online(cpu);
	if (online) {
		kthread_bind(p, cpu);
		wake_up_process(p);
	}
	cpus_read_unlock();
	return online;
}

/* kthread_should_stop() of a task that is no kthread reads through NULL. */
bool rust_lib_kthread_should_stop(void)
{
	return (current->flags & PF_KTHREAD) && kthread_should_stop();
}
