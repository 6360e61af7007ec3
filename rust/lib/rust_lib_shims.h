/* SPDX-License-Identifier: GPL-2.0 */
/* The C shims of the Rust library (rust_lib_shims.c). */
#ifndef RUST_LIB_SHIMS_H
#define RUST_LIB_SHIMS_H

#include <linux/types.h>

struct srcu_struct;
struct task_struct;

void rust_lib_tracepoint_synchronize_unregister(void);
unsigned int rust_lib_num_online_cpus(void);
bool rust_lib_cpu_online(unsigned int cpu);
unsigned int rust_lib_nr_cpu_ids(void);
bool rust_lib_kthread_should_stop(void);
int rust_lib_srcu_read_lock(struct srcu_struct *ssp);
void rust_lib_srcu_read_unlock(struct srcu_struct *ssp, int idx);
bool rust_lib_kthread_bind_online(struct task_struct *p, unsigned int cpu);

#endif
