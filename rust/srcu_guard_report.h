/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The SRCU unload guard's report of a going module that forgot
 * srcu_barrier() (srcu_guard_report.c), called from Rust: C, because it
 * prints kernel symbols (%ps) and may WARN().
 */
#ifndef SRCU_GUARD_REPORT_H
#define SRCU_GUARD_REPORT_H

#include <linux/types.h>

struct rcu_head;
struct srcu_struct;

/* Whether the guard counts pending callbacks and reports (report != none). */
bool srcu_guard_report_on(void);
/* One line for a domain of @mod with @pending callbacks, the first @func. */
void srcu_guard_report_domain(const char *mod, const struct srcu_struct *ssp,
			      unsigned long pending,
			      void (*func)(struct rcu_head *head));
/* The module's line (report=line) or WARN() (report=warn). */
void srcu_guard_report_module(const char *mod, u32 domains, u32 pending_domains,
			      u64 pending, const struct srcu_struct *ssp,
			      void (*func)(struct rcu_head *head), u64 ns);

#endif
