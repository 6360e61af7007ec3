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
#include <linux/cpumask.h>
#include <linux/kthread.h>
#include <linux/sched.h>
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

/* kthread_should_stop() of a task that is no kthread reads through NULL. */
bool rust_lib_kthread_should_stop(void)
{
	return (current->flags & PF_KTHREAD) && kthread_should_stop();
}
