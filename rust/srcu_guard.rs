// SPDX-License-Identifier: GPL-2.0

//! SRCU unload guard: the project's resident module.
//!
//! Loading it logs one line; unloading it logs another. The guard's
//! module notifier and the static SRCU abstractions build on this module.

use kernel::prelude::*;

module! {
    type: SrcuGuard,
    name: "srcu_guard",
    author: "srcu-guard developers",
    description: "Static SRCU domains for Rust modules and an SRCU unload guard",
    license: "GPL",
}

/// The module's state while it is loaded.
struct SrcuGuard;

impl kernel::Module for SrcuGuard {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        pr_info!("loaded\n");
        Ok(SrcuGuard)
    }
}

impl Drop for SrcuGuard {
    fn drop(&mut self) {
        pr_info!("unloaded\n");
    }
}
