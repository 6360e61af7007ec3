// SPDX-License-Identifier: GPL-2.0
/*
 * The SRCU unload guard names the bug it stopped: for a going module
 * whose static domains still had callbacks queued at MODULE_STATE_GOING
 * (the module forgot srcu_barrier() in its exit), one line per such
 * domain (its symbol, how many callbacks, the first one's function; at
 * most 8 lines per module) and one pr_warn line for the
 * module: how many callbacks on how many domains, the first domain and
 * callback, and how long the guard waited for them. The report=
 * parameter (writable at run time):
 *
 *   none   no count, no report: the guard only waits, quietly
 *   line   the lines above (default)
 *   warn   the module's line as a WARN(), so that a test run's scan for
 *          kernel warnings fails on the module with the bug
 *
 * A module that did its own srcu_barrier() has none pending: no report.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bug.h>
#include <linux/kallsyms.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "srcu_guard_report.h"

enum report_mode { REPORT_NONE, REPORT_LINE, REPORT_WARN };

static const char * const report_modes[] = {
	[REPORT_NONE] = "none",
	[REPORT_LINE] = "line",
	[REPORT_WARN] = "warn",
};

static int report_mode = REPORT_LINE;

static int report_set(const char *s, const struct kernel_param *kp)
{
	int mode = sysfs_match_string(report_modes, s);

	if (mode < 0) {
		/* The value as written, without echo's newline. */
		pr_err("%s: invalid value '%.*s': expected none, line or warn\n",
		       kp->name, (int)min_t(size_t, strcspn(s, "\n"), 32), s);
		return -EINVAL;
	}
	WRITE_ONCE(report_mode, mode);
	return 0;
}

static int report_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%s\n", report_modes[READ_ONCE(report_mode)]);
}

static const struct kernel_param_ops report_ops = {
	.set = report_set,
	.get = report_get,
};

module_param_cb(report, &report_ops, NULL, 0644);
MODULE_PARM_DESC(report,
		 "a going module that forgot srcu_barrier(): none, line (pr_warn, default) or warn (WARN())");

bool srcu_guard_report_on(void)
{
	return READ_ONCE(report_mode) != REPORT_NONE;
}

void srcu_guard_report_domain(const char *mod, const struct srcu_struct *ssp,
			      unsigned long pending,
			      void (*func)(struct rcu_head *head))
{
	if (func)
		pr_info("%s: %pS: %lu callbacks pending at unload, the first %ps\n",
			mod, ssp, pending, func);
	else
		pr_info("%s: %pS: %lu callbacks pending at unload\n", mod, ssp, pending);
}

void srcu_guard_report_module(const char *mod, u32 domains, u32 pending_domains,
			      u64 pending, const struct srcu_struct *ssp,
			      void (*func)(struct rcu_head *head), u64 ns)
{
	/* None when every callback counted was being invoked. */
	char cb[KSYM_SYMBOL_LEN + 2] = "";

	if (func)
		snprintf(cb, sizeof(cb), ": %ps", func);
	if (READ_ONCE(report_mode) == REPORT_WARN)
		WARN(1, KBUILD_MODNAME ": %s forgot srcu_barrier(): %llu callbacks pending at unload on %u of %u static domains (%pS%s), the guard waited %llu ns\n",
		     mod, pending, pending_domains, domains, ssp, cb, ns);
	else
		pr_warn("%s forgot srcu_barrier(): %llu callbacks pending at unload on %u of %u static domains (%pS%s), the guard waited %llu ns\n",
			mod, pending, pending_domains, domains, ssp, cb, ns);
}
