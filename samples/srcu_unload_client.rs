// SPDX-License-Identifier: GPL-2.0

//! The body of the unload-cost clients `srcu_unload_1`, `srcu_unload_64`
//! and `srcu_unload_1024`, which differ only in how many static SRCU
//! domains their crate root defines (`DOMAINS`, with [`static_srcu_array!`]):
//! the kernel's GOING path and the unload guard walk every domain a module
//! defines, so the count must be a compile-time one.
//!
//! Parameter `mode` (C file `srcu_unload_N_params.c`):
//! - 0: the domains are never used;
//! - 1: a reader on every domain and a grace period on each at load (all
//!   started at once with poll cookies, then waited for): initialised,
//!   never a `call_srcu()`;
//! - 2: exit queues one callback per domain and returns without
//!   `srcu_barrier()`: unload only with the unload guard loaded. The last
//!   callback to run logs "all N callbacks ran", which it can only do
//!   while the module's memory is still there.
//! - 3: exit starts a grace period on every domain (`start_poll()`) and
//!   returns without waiting for them: the teardown must leave no
//!   grace-period work of a domain to run after the module is gone.
//!
//! Shared between crates by inclusion, as `mod srcu_unload_client`.

use crate::{
    lib::{
        bounded_param::BoundedUint,
        kthread,
        srcu::{self, SrcuCallback},
    },
    DOMAINS,
};
use core::sync::atomic::{AtomicU64, Ordering};
use kernel::prelude::*;

extern "C" {
    static srcu_unload_mode: BoundedUint;
}

/// The `mode` parameter.
fn mode() -> u32 {
    // SAFETY: A static of the module's C part, alive as long as the module.
    unsafe { &srcu_unload_mode }.get()
}

static QUEUED: AtomicU64 = AtomicU64::new(0);
static INVOKED: AtomicU64 = AtomicU64::new(0);

/// A callback of mode 2: counts itself; the last one says so.
fn invoked(_domain: usize) {
    let n = INVOKED.fetch_add(1, Ordering::SeqCst) + 1;
    if n == QUEUED.load(Ordering::SeqCst) {
        pr_info!("all {n} callbacks ran\n");
    }
}

/// Queues one callback per domain, all allocated first so that `QUEUED`
/// is final before any of them can run.
fn queue_all() -> Result {
    let mut cbs = KVec::with_capacity(DOMAINS.len(), GFP_KERNEL)?;
    for i in 0..DOMAINS.len() {
        cbs.push(SrcuCallback::new(i, invoked, GFP_KERNEL)?, GFP_KERNEL)?;
    }
    QUEUED.store(DOMAINS.len() as u64, Ordering::SeqCst);
    for (d, cb) in DOMAINS.iter().zip(cbs) {
        d.call(cb);
    }
    Ok(())
}

/// The loaded client.
pub(crate) struct Client;

impl kernel::Module for Client {
    fn init(module: &'static ThisModule) -> Result<Self> {
        if mode() == 1 {
            let mut cookies = KVec::with_capacity(DOMAINS.len(), GFP_KERNEL)?;
            for d in DOMAINS.iter() {
                drop(d.read_lock());
                cookies.push(d.start_poll(), GFP_KERNEL)?;
            }
            for (d, &c) in DOMAINS.iter().zip(cookies.iter()) {
                while !d.poll_state(c) {
                    kthread::usleep(1000);
                }
            }
        }
        let counted = srcu::loader_count(module);
        pr_info!(
            "domains defined={} loader_counted={counted} mode={}\n",
            DOMAINS.len(),
            mode()
        );
        Ok(Client)
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        match mode() {
            2 => {
                if queue_all().is_err() {
                    pr_err!("out of memory queueing callbacks\n");
                }
            }
            3 => {
                for d in DOMAINS.iter() {
                    d.start_poll();
                }
            }
            _ => {}
        }
    }
}
