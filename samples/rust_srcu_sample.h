/* SPDX-License-Identifier: GPL-2.0 */
/* Parameters shared by the C and Rust parts of rust_srcu_sample. */
#ifndef RUST_SRCU_SAMPLE_H
#define RUST_SRCU_SAMPLE_H

#include "bounded_param.h"

/* Domains defined statically (the Rust part's array length). */
#define SAMPLE_MAX_DOMAINS 64

extern struct bounded_uint rust_srcu_sample_domains;
extern struct bounded_uint rust_srcu_sample_readers;
extern struct bounded_uint rust_srcu_sample_duration_ms;
extern struct bounded_uint rust_srcu_sample_gp_test;
extern struct bounded_uint rust_srcu_sample_skip_barrier;
extern struct bounded_uint rust_srcu_sample_fail_init;

#endif
