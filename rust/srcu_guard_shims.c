// SPDX-License-Identifier: GPL-2.0
/*
 * C shims of the SRCU unload guard: the Rust library's (rust_lib_shims.c)
 * and the guard's look at a domain's callback lists, which needs Tree
 * SRCU's per-CPU data and inline C.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/srcu.h>
#include <linux/workqueue.h>

#ifdef COMPAT_MODULE_USE_INTERNAL
/*
 * struct module_use, the loader's own in 7.3 (not in linux/module.h, see
 * compat.mk): needs the kernel's source tree, not just its headers.
 */
#include <../kernel/module/internal.h>
#endif

#include "rust_lib_shims.c"
#include "srcu_guard_shims.h"

/* @sdp's lock: a raw_spinlock_t since 7.x (see compat.mk). */
#ifdef COMPAT_SRCU_DATA_RAW_LOCK
#define sdp_lock_irqsave(sdp, flags) \
	raw_spin_lock_irqsave(&ACCESS_PRIVATE(sdp, lock), flags)
#define sdp_unlock_irqrestore(sdp, flags) \
	raw_spin_unlock_irqrestore(&ACCESS_PRIVATE(sdp, lock), flags)
#else
#define sdp_lock_irqsave(sdp, flags) \
	spin_lock_irqsave(&ACCESS_PRIVATE(sdp, lock), flags)
#define sdp_unlock_irqrestore(sdp, flags) \
	spin_unlock_irqrestore(&ACCESS_PRIVATE(sdp, lock), flags)
#endif

/*
 * The callbacks of @ssp not yet done, on all CPUs. A callback being
 * invoked still counts: srcu_invoke_callbacks() takes the ready ones off
 * the list but subtracts them from ->len only after invoking them all. A
 * batch still under way is waited for first, so that a srcu_barrier()
 * that just returned does not count its own srcu_barrier_head, which its
 * batch still holds in ->len for a moment after the barrier's completion.
 * With @first (the report, before the guard's first barrier), no batch
 * is waited for, and the function of the first callback queued on the
 * first CPU that has one is read under that CPU's lock (which keeps the
 * callback queued, so its rcu_head valid), into *@first if still NULL.
 * @ssp must be initialised (its per-CPU data and work items set up).
 */
unsigned long srcu_guard_pending(struct srcu_struct *ssp, rcu_callback_t *first)
{
	unsigned long n = 0;
	int cpu;

	for_each_possible_cpu(cpu) {
		struct srcu_data *sdp = per_cpu_ptr(ssp->sda, cpu);
		unsigned long len, flags;

		/*
		 * Racy by design: a stale false is caught by the next sweep.
		 * Not for the report (@first), which runs before any barrier
		 * and counts a batch being invoked as pending.
		 */
		if (!first && data_race(READ_ONCE(sdp->srcu_cblist_invoking)))
			flush_work(&sdp->work);
#ifdef CONFIG_RCU_NOCB_CPU
		len = atomic_long_read(&sdp->srcu_cblist.len);
#else
		/* Written under the sdp lock; a racy snapshot is all we need. */
		len = data_race(READ_ONCE(sdp->srcu_cblist.len));
#endif
		n += len;
		if (!len || !first || *first)
			continue;
		sdp_lock_irqsave(sdp, flags);
		/* ->func of a duplicate call_srcu() is written unlocked. */
		if (sdp->srcu_cblist.head)
			*first = READ_ONCE(sdp->srcu_cblist.head->func);
		sdp_unlock_irqrestore(sdp, flags);
	}
	return n;
}

/*
 * Pins the guard until @mod is freed, as a module that @mod uses (what
 * ref_module() does for a symbol @mod imports): module_unload_free(@mod)
 * drops the reference and frees @use on every path that frees @mod, the
 * failed init after a refused load (Linux 6.12) as well as the load that
 * stops right after MODULE_STATE_COMING (a kernel whose
 * srcu_module_notify() returns notifier_from_errno()), where no GOING
 * follows. Only @mod's target_list is linked: the guard's source_list
 * would need module_mutex, which modules cannot take, whereas @mod's
 * target_list is touched only by @mod's loading thread, the caller.
 */
int srcu_guard_pin_until_freed(struct module *mod)
{
#ifdef CONFIG_MODULE_UNLOAD
	struct module_use *use = kmalloc(sizeof(*use), GFP_KERNEL);

	if (!use)
		return -ENOMEM;
	if (!try_module_get(THIS_MODULE)) {
		kfree(use);
		return -EBUSY;
	}
	INIT_LIST_HEAD(&use->source_list);
	use->source = mod;
	use->target = THIS_MODULE;
	list_add(&use->target_list, &mod->target_list);
#endif
	return 0;
}
