// SPDX-License-Identifier: GPL-2.0
/* Parameters of srcu_guard (Linux 6.12 has no Rust module parameters). */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include "bounded_param.h"
#include "srcu_guard_stats.h"

BOUNDED_UINT_PARAM(srcu_guard_concurrent_barriers, concurrent_barriers, 1, 0, 1,
		   "barrier a going module's domains all at once (1) or one after the other (0)");
