/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Module parameters with a range: an out-of-range, negative, non-numeric,
 * overlong or empty value gets -EINVAL and one pr_err naming the parameter
 * and the accepted range. Linux 6.12 has no Rust module parameters, so
 * each module declares its parameters in its C file with these.
 */
#ifndef SRCU_GUARD_BOUNDED_PARAM_H
#define SRCU_GUARD_BOUNDED_PARAM_H

#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/sysfs.h>

/* An unsigned int parameter accepting [min, max]. */
struct bounded_uint {
	unsigned int val;
	unsigned int min;
	unsigned int max;
};

static int bounded_uint_set(const char *s, const struct kernel_param *kp)
{
	struct bounded_uint *b = kp->arg;
	unsigned int v;

	if (kstrtouint(s, 0, &v) || v < b->min || v > b->max) {
		pr_err("%s: invalid value '%.32s': expected an integer in [%u, %u]\n",
		       kp->name, s, b->min, b->max);
		return -EINVAL;
	}
	b->val = v;
	return 0;
}

static int bounded_uint_get(char *buf, const struct kernel_param *kp)
{
	const struct bounded_uint *b = kp->arg;

	return sysfs_emit(buf, "%u\n", b->val);
}

static const struct kernel_param_ops bounded_uint_ops __maybe_unused = {
	.set = bounded_uint_set,
	.get = bounded_uint_get,
};

/*
 * BOUNDED_UINT_PARAM(var, name, def, min, max, desc): defines
 * "struct bounded_uint var" and the read-only module parameter "name".
 */
#define BOUNDED_UINT_PARAM(var, name, def, lo, hi, desc)			\
	struct bounded_uint var = { .val = (def), .min = (lo), .max = (hi) };	\
	module_param_cb(name, &bounded_uint_ops, &var, 0444);			\
	MODULE_PARM_DESC(name, desc " [" __stringify(lo) ".." __stringify(hi)	\
			 "], default " __stringify(def))

#endif /* SRCU_GUARD_BOUNDED_PARAM_H */
