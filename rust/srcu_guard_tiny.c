// SPDX-License-Identifier: GPL-2.0
/*
 * The SRCU unload guard on Tiny SRCU (CONFIG_TINY_SRCU): it refuses to
 * load, with one line that says why.
 *
 * The guard barriers the static domains that the module loader lists in
 * a going module (struct module's srcu_struct_ptrs). Tiny SRCU's loader
 * keeps no such list (the fields exist only with CONFIG_TREE_SRCU), and
 * a C module's DEFINE_STATIC_SRCU domains are plain data nobody can find
 * from outside it: there is nothing the guard could protect. Rust domains
 * (rust/lib/srcu.rs) need no guard there: each module's exit barriers
 * and cleans up every domain it used.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/module.h>
#include <linux/printk.h>

static int __init srcu_guard_init(void)
{
	pr_err("Tiny SRCU keeps no list of a module's static SRCU domains: nothing to guard, not loaded\n");
	return -EOPNOTSUPP;
}
module_init(srcu_guard_init);

MODULE_DESCRIPTION("Barriers the static SRCU domains of going modules (Tree SRCU only)");
MODULE_LICENSE("GPL");
