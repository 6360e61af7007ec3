/* SPDX-License-Identifier: GPL-2.0 */
/* The SRCU unload guard's C shims (srcu_guard_shims.c), called from Rust. */
#ifndef SRCU_GUARD_SHIMS_H
#define SRCU_GUARD_SHIMS_H

#include <linux/types.h>

struct module;
struct srcu_struct;

/*
 * Callbacks of @ssp not yet done, a batch being invoked included; with
 * @first, the function of one still queued, if *@first is NULL.
 */
unsigned long srcu_guard_pending(struct srcu_struct *ssp, rcu_callback_t *first);
/* Pins the guard until @mod is freed, as a module that @mod uses. */
int srcu_guard_pin_until_freed(struct module *mod);

#endif
