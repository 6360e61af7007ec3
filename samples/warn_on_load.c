// SPDX-License-Identifier: GPL-2.0
/*
 * Test fixture: a module that WARNs when it loads. The harness must report
 * its splat as a failure unless a test declares exactly that splat expected.
 */
#include <linux/bug.h>
#include <linux/module.h>

static int __init warn_on_load_init(void)
{
	WARN(1, "warn_on_load: deliberate splat\n");
	return 0;
}
module_init(warn_on_load_init);

static void __exit warn_on_load_exit(void)
{
}
module_exit(warn_on_load_exit);

MODULE_DESCRIPTION("Test fixture: WARN on load");
MODULE_LICENSE("GPL");
