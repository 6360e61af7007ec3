// SPDX-License-Identifier: GPL-2.0
/* Parameters of rust_srcu_many; the Rust part reads the values. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include "bounded_param.h"

extern struct bounded_uint rust_srcu_many_queue;
BOUNDED_UINT_PARAM(rust_srcu_many_queue, queue, 0, 0, 1,
		   "exit queues one callback per domain, without srcu_barrier()");
