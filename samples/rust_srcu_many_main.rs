// SPDX-License-Identifier: GPL-2.0

//! A Rust module with 1024 static SRCU domains, for the unload guard's
//! cost at scale. With `queue=1` its exit queues one callback on every
//! domain and forgets `srcu_barrier()`, so all 1024 are pending when the
//! module goes; with `queue=0` it never touches its domains. The last
//! callback to run logs "all N callbacks ran".

#[path = "../rust/bounded_param.rs"]
mod bounded_param;
#[path = "../rust/srcu.rs"]
mod srcu;

use bounded_param::BoundedUint;
use core::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use kernel::prelude::*;
use srcu::SrcuCallback;

module! {
    type: RustSrcuMany,
    name: "rust_srcu_many",
    author: "srcu-guard developers",
    description: "1024 static SRCU domains from Rust",
    license: "GPL",
}

/// Domains defined.
const MANY: usize = 1024;

static_srcu_array!(static MANY_DOMAINS: [_; MANY]);

extern "C" {
    static rust_srcu_many_queue: BoundedUint;
}

static QUEUE: AtomicBool = AtomicBool::new(false);
static QUEUED: AtomicU64 = AtomicU64::new(0);
static INVOKED: AtomicU64 = AtomicU64::new(0);

/// A callback: counts itself; the last one says so.
fn count_invoked(_domain: usize) {
    let n = INVOKED.fetch_add(1, Ordering::SeqCst) + 1;
    if n == QUEUED.load(Ordering::SeqCst) {
        pr_info!("all {n} callbacks ran\n");
    }
}

/// Queues one callback per domain, all allocated first so that QUEUED is
/// final before any of them can run.
fn queue_all() -> Result {
    let mut cbs = KVec::with_capacity(MANY, GFP_KERNEL)?;
    for i in 0..MANY {
        cbs.push(SrcuCallback::new(i, count_invoked, GFP_KERNEL)?, GFP_KERNEL)?;
    }
    QUEUED.store(MANY as u64, Ordering::SeqCst);
    for (d, cb) in MANY_DOMAINS.iter().zip(cbs) {
        d.call(cb);
    }
    Ok(())
}

/// The loaded module.
struct RustSrcuMany;

impl kernel::Module for RustSrcuMany {
    fn init(module: &'static ThisModule) -> Result<Self> {
        // SAFETY: `module` is this module, loaded and live.
        let counted = unsafe { (*module.as_ptr()).num_srcu_structs };
        // SAFETY: A static of the C part, alive as long as the module.
        let queue = unsafe { &rust_srcu_many_queue }.get();
        QUEUE.store(queue != 0, Ordering::Relaxed);
        pr_info!("domains defined={MANY} loader_counted={counted}\n");
        Ok(RustSrcuMany)
    }
}

impl Drop for RustSrcuMany {
    fn drop(&mut self) {
        if QUEUE.load(Ordering::Relaxed) && queue_all().is_err() {
            pr_err!("out of memory queueing callbacks\n");
        }
        let (q, i) = (
            QUEUED.load(Ordering::SeqCst),
            INVOKED.load(Ordering::SeqCst),
        );
        pr_info!("exit without srcu_barrier: queued={q} invoked={i}\n");
    }
}
