// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs view of the SRCU unload guard's statistics:
 *
 * /sys/kernel/debug/srcu_guard/stats, one line of totals and one line per
 * recent going module, in a stable key=value form:
 *
 *   total modules=M domains=D skipped_uninit=U skipped_unused=N barriered=B ns=T passes=P pending_domains=Q pending=C
 *   module=NAME domains=D skipped_uninit=U skipped_unused=N barriered=B ns=T passes=P pending_domains=Q pending=C
 *
 * pending_domains and pending count the domains with callbacks still
 * queued at MODULE_STATE_GOING, and those callbacks: a module that forgot
 * srcu_barrier() (0 with report=none, which does not count).
 *
 * /sys/kernel/debug/srcu_guard/reset, write "1" to clear them. The stats
 * are optional: without debugfs (debugfs=off, no CONFIG_DEBUG_FS) the
 * guard works the same and only logs.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "srcu_guard_stats.h"

/* Per-module records kept, newest last. */
#define RECENT 16

static DEFINE_MUTEX(stats_lock);
static struct srcu_guard_record total;
static u64 total_modules;
static struct srcu_guard_record recent[RECENT];
static unsigned int nrecent;
static struct dentry *dir;

/* The Rust mirror asserts the same size: no padding, fields in order. */
static_assert(sizeof(struct srcu_guard_record) == MODULE_NAME_LEN + 6 * 4 + 2 * 8);

void srcu_guard_stats_add(const struct srcu_guard_record *r)
{
	mutex_lock(&stats_lock);
	total_modules++;
	total.domains += r->domains;
	total.skipped_uninit += r->skipped_uninit;
	total.skipped_unused += r->skipped_unused;
	total.barriered += r->barriered;
	total.passes += r->passes;
	total.pending_domains += r->pending_domains;
	total.pending += r->pending;
	total.ns += r->ns;
	if (nrecent == RECENT) {
		memmove(recent, recent + 1, sizeof(recent[0]) * (RECENT - 1));
		nrecent--;
	}
	recent[nrecent++] = *r;
	mutex_unlock(&stats_lock);
}

static void show_counts(struct seq_file *m, const struct srcu_guard_record *r)
{
	seq_printf(m, " domains=%u skipped_uninit=%u skipped_unused=%u barriered=%u ns=%llu passes=%u pending_domains=%u pending=%llu\n",
		   r->domains, r->skipped_uninit, r->skipped_unused, r->barriered,
		   r->ns, r->passes, r->pending_domains, r->pending);
}

static int stats_show(struct seq_file *m, void *unused)
{
	unsigned int i;

	mutex_lock(&stats_lock);
	seq_printf(m, "total modules=%llu", total_modules);
	show_counts(m, &total);
	for (i = 0; i < nrecent; i++) {
		seq_printf(m, "module=%s", recent[i].module);
		show_counts(m, &recent[i]);
	}
	mutex_unlock(&stats_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stats);

static ssize_t reset_write(struct file *file, const char __user *ubuf,
			   size_t len, loff_t *ppos)
{
	char buf[8];
	unsigned int v;

	if (len == 0 || len >= sizeof(buf) || copy_from_user(buf, ubuf, len))
		goto invalid;
	buf[len] = '\0';
	if (kstrtouint(strim(buf), 0, &v) || v != 1)
		goto invalid;
	mutex_lock(&stats_lock);
	memset(&total, 0, sizeof(total));
	total_modules = 0;
	nrecent = 0;
	mutex_unlock(&stats_lock);
	return len;
invalid:
	pr_err("reset: invalid write of %zu bytes: expected \"1\"\n", len);
	return -EINVAL;
}

static const struct file_operations reset_fops = {
	.owner = THIS_MODULE,
	.write = reset_write,
	.llseek = noop_llseek,
};

void srcu_guard_stats_init(void)
{
	dir = debugfs_create_dir("srcu_guard", NULL);
	if (IS_ERR(dir)) {
		pr_info("no debugfs (error %ld): statistics in the log only\n",
			PTR_ERR(dir));
		return;
	}
	debugfs_create_file("stats", 0444, dir, NULL, &stats_fops);
	debugfs_create_file("reset", 0200, dir, NULL, &reset_fops);
}

void srcu_guard_stats_exit(void)
{
	debugfs_remove_recursive(dir);
}
