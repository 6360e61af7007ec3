/* SPDX-License-Identifier: GPL-2.0 */
/* The C shims of the Rust library (rust_lib_shims.c). */
#ifndef RUST_LIB_SHIMS_H
#define RUST_LIB_SHIMS_H

#include <linux/types.h>

void rust_lib_tracepoint_synchronize_unregister(void);
unsigned int rust_lib_num_online_cpus(void);
bool rust_lib_cpu_online(unsigned int cpu);
unsigned int rust_lib_nr_cpu_ids(void);
bool rust_lib_kthread_should_stop(void);

#endif
