// SPDX-License-Identifier: GPL-2.0

//! A static SRCU-fast domain from Rust (kernels with SRCU-fast, 7.x):
//! `static_srcu!(fast static FAST)`, read with
//! [`read_lock_fast`](lib::srcu_fast::StaticSrcuFast::read_lock_fast).
//!
//! At load, a grace-period test: a reader kthread holds a fast read guard
//! for 200 ms, sleeping in it, while `synchronize()` must wait for it and
//! a poll cookie taken meanwhile must not expire before it. Then
//! `readers` kthreads take fast guards in a loop while an updater queues
//! callbacks and waits for grace periods for `duration_ms`; unloading
//! stops them, and the module's teardown drains the callbacks, whose
//! count is reported (`queued == invoked`). A read guard of the wrong
//! flavour, or a static image without `SRCU_READ_FLAVOR_FAST`, makes
//! `__srcu_check_read_flavor()` WARN (CONFIG_PROVE_RCU).

#[path = "../rust/lib/mod.rs"]
pub mod lib;
use core::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use kernel::{bindings, c_str, prelude::*};
use lib::bounded_param::BoundedUint;
use lib::kthread::{self, KThread};
use lib::srcu::SrcuCallback;

module_with_teardown! {
    type: RustSrcuFast,
    name: "rust_srcu_fast",
    author: "srcu-guard developers",
    description: "A static SRCU-fast domain from Rust: fast readers, synchronize, call_srcu",
    license: "GPL",
}

static_srcu!(fast static FAST);

extern "C" {
    static rust_srcu_fast_readers: BoundedUint;
    static rust_srcu_fast_duration_ms: BoundedUint;
}

static QUEUED: AtomicU64 = AtomicU64::new(0);
static INVOKED: AtomicU64 = AtomicU64::new(0);
static READS: AtomicU64 = AtomicU64::new(0);
static GP_READER_IN: AtomicBool = AtomicBool::new(false);
static GP_READER_DONE: AtomicBool = AtomicBool::new(false);

/// Monotonic time in nanoseconds.
fn now_ns() -> u64 {
    // SAFETY: Callable from any context.
    unsafe { bindings::ktime_get_mono_fast_ns() }
}

/// Sleeps until the thread is asked to stop.
fn idle_until_stopped() {
    while !kthread::should_stop() {
        kthread::usleep(10_000);
    }
}

/// The grace-period test's reader: holds a fast guard for 200 ms.
fn gp_reader(_arg: usize) {
    {
        let _guard = FAST.read_lock_fast();
        GP_READER_IN.store(true, Ordering::Release);
        kthread::msleep(200);
        GP_READER_DONE.store(true, Ordering::Release);
    }
    idle_until_stopped();
}

/// Proves that `synchronize()` waits for a fast reader already inside its
/// section, and that a poll cookie taken meanwhile expires only after it.
fn gp_test() -> Result {
    let _reader = KThread::run(c_str!("srcu_fast_gp"), gp_reader, 0)?;
    let start = now_ns();
    while !GP_READER_IN.load(Ordering::Acquire) {
        if now_ns().saturating_sub(start) > 5_000_000_000 {
            pr_err!("gp_test: reader did not start\n");
            return Err(ETIMEDOUT);
        }
        kthread::usleep(1000);
    }
    let cookie = FAST.start_poll();
    let poll_during = FAST.poll_state(cookie);
    let t0 = now_ns();
    FAST.synchronize();
    let waited_ms = now_ns().saturating_sub(t0) / 1_000_000;
    let done = GP_READER_DONE.load(Ordering::Acquire);
    let poll_after = FAST.poll_state(cookie);
    if done && !poll_during && poll_after {
        pr_info!("gp_test: passed: synchronize waited {waited_ms} ms for the fast reader\n");
        Ok(())
    } else {
        pr_err!(
            "gp_test: FAILED: reader_done={done} poll_during={poll_during} poll_after={poll_after} waited={waited_ms} ms\n"
        );
        Err(EINVAL)
    }
}

/// A reader kthread: fast read-side sections until stopped.
fn reader(_arg: usize) {
    while !kthread::should_stop() {
        for _ in 0..256 {
            let _guard = FAST.read_lock_fast();
            READS.fetch_add(1, Ordering::Relaxed);
        }
        kthread::usleep(1000);
    }
}

/// The updater: a callback and a grace period each round, normal and
/// expedited in turn, for `duration_ms`.
fn updater(_arg: usize) {
    // SAFETY: A static of the C part, alive as long as the module.
    let ms = u64::from(unsafe { &rust_srcu_fast_duration_ms }.get());
    let end = now_ns().saturating_add(ms * 1_000_000);
    let mut round = 0u32;
    while !kthread::should_stop() && now_ns() < end {
        if let Ok(cb) = SrcuCallback::new(
            (),
            |()| {
                INVOKED.fetch_add(1, Ordering::Relaxed);
            },
            GFP_KERNEL,
        ) {
            QUEUED.fetch_add(1, Ordering::Relaxed);
            FAST.call(cb);
        }
        if round % 2 == 0 {
            FAST.synchronize();
        } else {
            FAST.synchronize_expedited();
        }
        round = round.wrapping_add(1);
        kthread::usleep(1000);
    }
    idle_until_stopped();
}

/// The loaded module: its threads, stopped on unload.
struct RustSrcuFast {
    threads: KVec<KThread>,
}

impl kernel::Module for RustSrcuFast {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        gp_test()?;
        // SAFETY: A static of the C part, alive as long as the module.
        let nreaders = unsafe { &rust_srcu_fast_readers }.get() as usize;
        let mut threads = KVec::with_capacity(nreaders + 1, GFP_KERNEL)?;
        for i in 0..nreaders {
            threads.push(
                KThread::run(c_str!("srcu_fast_reader"), reader, i)?,
                GFP_KERNEL,
            )?;
        }
        threads.push(
            KThread::run(c_str!("srcu_fast_updater"), updater, 0)?,
            GFP_KERNEL,
        )?;
        Ok(Self { threads })
    }
}

impl Drop for RustSrcuFast {
    fn drop(&mut self) {
        self.threads = KVec::new();
        // Not a leak check: the teardown after this drop drains the
        // callbacks; this barrier makes the counts final for the report.
        FAST.barrier();
        let (queued, invoked) = (
            QUEUED.load(Ordering::Relaxed),
            INVOKED.load(Ordering::Relaxed),
        );
        let reads = READS.load(Ordering::Relaxed);
        if queued == invoked {
            pr_info!("callbacks queued={queued} invoked={invoked} reads={reads}\n");
        } else {
            pr_err!("callbacks queued={queued} invoked={invoked}: MISMATCH\n");
        }
    }
}
