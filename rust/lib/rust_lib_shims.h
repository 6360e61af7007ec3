/* SPDX-License-Identifier: GPL-2.0 */
/*
 * C shims of the Rust library in rust/lib/: inline C (and macros) that the
 * library calls, compiled against the kernel's own headers so that they
 * follow the kernel they are built for instead of a copy in Rust. Every
 * module built with the library instantiates them once, in its C part:
 *
 *	RUST_LIB_SHIMS();
 *
 * The symbols are the module's own (not exported), so each module has its
 * copy.
 */
#ifndef RUST_LIB_SHIMS_H
#define RUST_LIB_SHIMS_H

#include <linux/cpumask.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/tracepoint.h>

void rust_lib_tracepoint_synchronize_unregister(void);
unsigned int rust_lib_num_online_cpus(void);
bool rust_lib_cpu_online(unsigned int cpu);
bool rust_lib_kthread_should_stop(void);

#define RUST_LIB_SHIMS()						\
void rust_lib_tracepoint_synchronize_unregister(void)			\
{									\
	tracepoint_synchronize_unregister();				\
}									\
unsigned int rust_lib_num_online_cpus(void)				\
{									\
	return num_online_cpus();					\
}									\
bool rust_lib_cpu_online(unsigned int cpu)				\
{									\
	return cpu < nr_cpu_ids && cpu_online(cpu);			\
}									\
bool rust_lib_kthread_should_stop(void)					\
{									\
	return (current->flags & PF_KTHREAD) && kthread_should_stop();	\
}

#endif
