/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tp_torture: a tracepoint of its own whose probes check that each hit
 * delivers one version of the tracepoint's probe array, with every probe
 * called with its own data. Shared by the C part (tracepoint, windowed
 * firing) and mirrored by the Rust part (probes, scenarios).
 */
#ifndef TP_TORTURE_H
#define TP_TORTURE_H

#include <linux/atomic.h>
#include <linux/tracepoint.h>
#include <linux/types.h>

#include "bounded_param.h"
#include "compat.h"

/* Calls one hit may record: more than any probe array the tests build. */
#define TP_HIT_MAX_CALLS 8

/* One call of a probe during a hit: which function, with which data. */
struct tp_call {
	u32 func;
	const void *data;
};

/* What one tracepoint hit delivered; filled by the probes. */
struct tp_hit {
	u32 ncalls;
	struct tp_call calls[TP_HIT_MAX_CALLS];
};

COMPAT_DECLARE_TRACE(tp_torture_hit, TP_PROTO(struct tp_hit *hit), TP_ARGS(hit));

extern struct bounded_uint tp_torture_scenarios;
extern struct bounded_uint tp_torture_random_ms;
extern struct bounded_uint tp_torture_window_ms;

struct tracepoint *tp_torture_tracepoint(void);
void tp_torture_fire(struct tp_hit *hit);
u64 tp_torture_fire_windowed(struct tp_hit *hit, atomic_t *in_window,
			     atomic_t *release, u64 timeout_ns, u64 *left_ns);
int tp_torture_kprobe_register(void);
void tp_torture_kprobe_unregister(void);
void tp_torture_updater_window_arm(u64 timeout_ns);
bool tp_torture_updater_in_window(void);
void tp_torture_updater_window_release(void);
u64 tp_torture_updater_window_close(void);
void tp_torture_result_add(const char *line);
void tp_torture_debugfs_init(void);
void tp_torture_debugfs_exit(void);

#endif
