// SPDX-License-Identifier: GPL-2.0

//! The project's Rust library for out-of-tree modules: static SRCU
//! domains, tracepoint probes, kernel threads, bounded parameters, and the
//! module wrapper that makes their teardown sound.
//!
//! A module crate includes this one file, once, at its root, and declares
//! its module with [`module_with_teardown!`](crate::module_with_teardown)
//! instead of `module!`:
//!
//! ```ignore
//! #[path = "../rust/lib/mod.rs"]
//! pub mod lib;
//!
//! module_with_teardown! {
//!     type: MyModule,
//!     name: "my_module",
//!     license: "GPL",
//! }
//! ```
//!
//! The module's C part includes the library's C shims once, with
//! `#include "rust_lib_shims.c"`: the inline C that the library needs,
//! compiled against the kernel's own headers.

pub mod bounded_param;
pub mod kthread;
pub mod module;
pub mod srcu;
#[cfg(srcu_fast)]
pub mod srcu_fast;
pub mod tracepoint;
