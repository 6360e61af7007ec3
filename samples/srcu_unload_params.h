/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The parameter of the unload-cost clients srcu_unload_{1,64,1024}, one
 * C file each (an object may belong to one module only).
 */
#ifndef SRCU_UNLOAD_PARAMS_H
#define SRCU_UNLOAD_PARAMS_H

#include <linux/module.h>

#include "bounded_param.h"

extern struct bounded_uint srcu_unload_mode;

#define SRCU_UNLOAD_PARAMS						\
	BOUNDED_UINT_PARAM(srcu_unload_mode, mode, 0, 0, 3,		\
			   "0 domains unused, 1 readers + grace periods, "	\
			   "2 exit leaves callbacks pending (the teardown drains them), " \
			   "3 exit starts grace periods and does not wait")

#endif
