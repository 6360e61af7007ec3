// SPDX-License-Identifier: GPL-2.0
/* Parameters of srcu_unload_1024 (srcu_unload_client.rs). */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include "rust_lib_shims.c"
#include "srcu_unload_params.h"

SRCU_UNLOAD_PARAMS;
