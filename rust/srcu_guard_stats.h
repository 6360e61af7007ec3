/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Statistics of the SRCU unload guard, kept in C because they are shown
 * through debugfs, which Linux 6.12 has no Rust API for. The Rust part
 * adds one record per going module that had static SRCU domains.
 */
#ifndef SRCU_GUARD_STATS_H
#define SRCU_GUARD_STATS_H

#include <linux/module.h>
#include <linux/types.h>

#include "bounded_param.h"

/* What the guard did for one going module (mirrored in srcu_guard_main.rs). */
struct srcu_guard_record {
	char module[MODULE_NAME_LEN];
	u32 domains;		/* static domains of the module */
	u32 skipped_uninit;	/* never initialised: nothing to wait for */
	u32 skipped_unused;	/* Rust domains that never saw call_srcu */
	u32 barriered;		/* srcu_barrier() done by the guard */
	u32 passes;		/* barrier passes until none was pending */
	u32 pending_domains;	/* with callbacks pending at GOING (report=) */
	u64 ns;			/* time spent, including the barriers */
	u64 pending;		/* callbacks pending at GOING (report=) */
};

void srcu_guard_stats_add(const struct srcu_guard_record *r);
void srcu_guard_stats_init(void);
void srcu_guard_stats_exit(void);

/* Parameter (srcu_guard_params.c): 0 barriers one domain after the other. */
extern struct bounded_uint srcu_guard_concurrent_barriers;

#endif
