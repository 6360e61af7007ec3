// SPDX-License-Identifier: GPL-2.0
/* Parameters of srcu_unload_64 (srcu_unload_client.rs). */
#include "srcu_unload_params.h"

SRCU_UNLOAD_PARAMS;
