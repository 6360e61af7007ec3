/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The compat layer's C half: what differs between the supported kernels
 * (6.12 and 7.x) for the project's C code. Feature macros COMPAT_* come
 * from the kernel tree (rust/lib/compat.mk); macros of the kernel's own
 * headers are tested directly.
 */
#ifndef RUST_LIB_COMPAT_H
#define RUST_LIB_COMPAT_H

#include <linux/preempt.h>
#include <linux/srcu.h>
#include <linux/tracepoint.h>

/*
 * A tracepoint named @name, as 6.12's DECLARE_TRACE() declares it. 7.x's
 * DECLARE_TRACE() appends "_tp" to the name; its DECLARE_TRACE_EVENT()
 * keeps it.
 */
#ifdef DECLARE_TRACE_EVENT
#define COMPAT_DECLARE_TRACE(name, proto, args) \
	DECLARE_TRACE_EVENT(name, PARAMS(proto), PARAMS(args))
#else
#define COMPAT_DECLARE_TRACE(name, proto, args) \
	DECLARE_TRACE(name, PARAMS(proto), PARAMS(args))
#endif

/*
 * The read-side section that a tracepoint hit runs its probes in, as the
 * kernel's __do_trace_##name() enters it: SRCU-fast on tracepoint_srcu
 * (COMPAT_TP_SRCU_FAST, probes preemptible), else preemption disabled.
 */
struct compat_tp_hit {
#ifdef COMPAT_TP_SRCU_FAST
	struct srcu_ctr __percpu *scp;
#endif
};

static inline void compat_tp_hit_enter(struct compat_tp_hit *h)
{
#ifdef COMPAT_TP_SRCU_FAST
	h->scp = srcu_read_lock_fast_notrace(&tracepoint_srcu);
#else
	preempt_disable_notrace();
#endif
}

static inline void compat_tp_hit_exit(struct compat_tp_hit *h)
{
#ifdef COMPAT_TP_SRCU_FAST
	srcu_read_unlock_fast_notrace(&tracepoint_srcu, h->scp);
#else
	preempt_enable_notrace();
#endif
}

#endif
