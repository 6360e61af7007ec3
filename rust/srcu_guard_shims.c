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

/*
 * The callbacks of @ssp not yet done, on all CPUs. A callback being
 * invoked still counts: srcu_invoke_callbacks() takes the ready ones off
 * the list but subtracts them from ->len only after invoking them all. A
 * batch still under way is waited for first, so that a srcu_barrier()
 * that just returned does not count its own srcu_barrier_head, which its
 * batch still holds in ->len for a moment after the barrier's completion.
 * @ssp must be initialised (its per-CPU data and work items set up).
 */
unsigned long srcu_guard_pending(struct srcu_struct *ssp)
{
	unsigned long n = 0;
	int cpu;

	for_each_possible_cpu(cpu) {
		struct srcu_data *sdp = per_cpu_ptr(ssp->sda, cpu);

		/* Racy by design: a stale false is caught by the next sweep. */
		if (data_race(READ_ONCE(sdp->srcu_cblist_invoking)))
			flush_work(&sdp->work);
#ifdef CONFIG_RCU_NOCB_CPU
		n += atomic_long_read(&sdp->srcu_cblist.len);
#else
		/* Written under the sdp lock; a racy snapshot is all we need. */
		n += data_race(READ_ONCE(sdp->srcu_cblist.len));
#endif
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
