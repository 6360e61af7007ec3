// SPDX-License-Identifier: GPL-2.0
/*
 * Test fixture: fails MODULE_STATE_COMING for the module named by the
 * "target" parameter. Its notifier (priority 1) runs after the SRCU unload
 * guard's and before the kernel's SRCU notifier (priority 0), so the
 * target's COMING stops before the kernel allocated the per-CPU data of
 * its static SRCU domains, and the robust notifier chain sends
 * MODULE_STATE_GOING to the guard. By default the notifier fails with
 * notifier_from_errno(-ENOMEM), so the kernel stops the load right there;
 * with stop=1 it returns NOTIFY_STOP, which the kernel reads as success:
 * the load goes on, with domains that have no per-CPU data. With
 * after_srcu=1 the notifier has priority -1, after the kernel's SRCU
 * notifier, whose rollback then frees the domains' per-CPU data.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/string.h>

#include "bounded_param.h"

static char target[MODULE_NAME_LEN];

static int target_set(const char *val, const struct kernel_param *kp)
{
	size_t len = strcspn(val, "\n");

	if (len == 0 || len >= sizeof(target)) {
		pr_err("target: invalid module name of %zu bytes: expected 1..%zu\n",
		       len, sizeof(target) - 1);
		return -EINVAL;
	}
	memcpy(target, val, len);
	target[len] = '\0';
	return 0;
}

static const struct kernel_param_ops target_ops = {
	.set = target_set,
	.get = param_get_string,
};

static struct kparam_string target_str = {
	.maxlen = sizeof(target),
	.string = target,
};
module_param_cb(target, &target_ops, &target_str, 0444);
MODULE_PARM_DESC(target, "module whose COMING notification fails (required)");

static BOUNDED_UINT_PARAM(stop_p, stop, 0, 0, 1,
			  "return NOTIFY_STOP instead of an error");
static BOUNDED_UINT_PARAM(after_srcu_p, after_srcu, 0, 0, 1,
			  "run after the kernel's SRCU notifier (priority -1)");

static int coming_fail_notify(struct notifier_block *nb, unsigned long action,
			      void *data)
{
	struct module *mod = data;

	if (action != MODULE_STATE_COMING || strcmp(mod->name, target))
		return NOTIFY_DONE;
	if (stop_p.val) {
		pr_info("stopping the MODULE_STATE_COMING chain of %s\n", mod->name);
		return NOTIFY_STOP;
	}
	pr_info("failing MODULE_STATE_COMING of %s\n", mod->name);
	return notifier_from_errno(-ENOMEM);
}

static struct notifier_block coming_fail_nb = {
	.notifier_call = coming_fail_notify,
	.priority = 1,
};

static int __init coming_fail_init(void)
{
	if (!target[0]) {
		pr_err("target: missing: expected a module name\n");
		return -EINVAL;
	}
	if (after_srcu_p.val)
		coming_fail_nb.priority = -1;
	return register_module_notifier(&coming_fail_nb);
}
module_init(coming_fail_init);

static void __exit coming_fail_exit(void)
{
	unregister_module_notifier(&coming_fail_nb);
}
module_exit(coming_fail_exit);

MODULE_DESCRIPTION("Test fixture: fail MODULE_STATE_COMING of one module");
MODULE_LICENSE("GPL");
