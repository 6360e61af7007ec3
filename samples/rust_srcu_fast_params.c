// SPDX-License-Identifier: GPL-2.0
/*
 * Parameters of rust_srcu_fast; the Rust part reads the values.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include "bounded_param.h"
#include "rust_lib_shims.c"


BOUNDED_UINT_PARAM(rust_srcu_fast_readers, readers, 2, 0, 16,
		   "reader kthreads");
BOUNDED_UINT_PARAM(rust_srcu_fast_duration_ms, duration_ms, 500, 0, 60000,
		   "updater run time in ms");
