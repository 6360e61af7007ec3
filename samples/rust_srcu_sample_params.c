// SPDX-License-Identifier: GPL-2.0
/*
 * Parameters of rust_srcu_sample (Linux 6.12 has no Rust module
 * parameters); the Rust part reads the values.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include "bounded_param.h"
#include "rust_lib_shims.c"
#include "rust_srcu_sample.h"


BOUNDED_UINT_PARAM(rust_srcu_sample_domains, domains, 4, 1, SAMPLE_MAX_DOMAINS,
		   "static SRCU domains used");
BOUNDED_UINT_PARAM(rust_srcu_sample_readers, readers, 2, 0, 16,
		   "reader kthreads");
BOUNDED_UINT_PARAM(rust_srcu_sample_duration_ms, duration_ms, 1000, 0, 60000,
		   "updater run time in ms");
BOUNDED_UINT_PARAM(rust_srcu_sample_gp_test, gp_test, 0, 0, 1,
		   "run the grace-period test at load");
BOUNDED_UINT_PARAM(rust_srcu_sample_skip_barrier, skip_barrier, 0, 0, 1,
		   "exit queues callbacks and forgets srcu_barrier()");
BOUNDED_UINT_PARAM(rust_srcu_sample_fail_init, fail_init, 0, 0, 1,
		   "init queues callbacks, then fails");
BOUNDED_UINT_PARAM(rust_srcu_sample_hops, hops, 0, 0, 16,
		   "each last callback queues another on the next domain this many times");
BOUNDED_UINT_PARAM(rust_srcu_sample_thread_churn, thread_churn, 0, 0, 1000,
		   "kthreads started and stopped at once at load");
