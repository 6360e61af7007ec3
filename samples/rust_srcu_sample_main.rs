// SPDX-License-Identifier: GPL-2.0

//! Rust client of the static SRCU abstraction.
//!
//! Defines [`SAMPLE_MAX_DOMAINS`] static domains and uses the first
//! `domains` of them: `readers` kthreads loop under read guards while an
//! updater queues counting callbacks and synchronizes for `duration_ms`.
//! On unload it stops the threads, runs `srcu_barrier()` on every domain it
//! queued callbacks on and reports `queued == invoked`. With `gp_test=1`,
//! loading first proves that `synchronize()` waits for a reader that
//! entered its critical section before it.
//!
//! Teardown tests: with `skip_barrier=1` the exit queues one more
//! callback per domain and returns without `srcu_barrier()` ("forgot the
//! barrier"); with `fail_init=1` the init queues callbacks and then fails;
//! with `hops=N` each of those callbacks queues another on the next
//! domain, N times. Either way the last callback to run logs "all N
//! callbacks ran", which it can only do while the module's memory is
//! still there: the library's teardown
//! ([`module_with_teardown!`](crate::module_with_teardown)) waits for
//! them, with or without the unload guard. `thread_churn=N` starts and
//! stops N kthreads at load, most of them stopped before they ever ran.

#[path = "../rust/lib/mod.rs"]
pub mod lib;
use core::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use kernel::{bindings, c_str, prelude::*};
use lib::bounded_param::BoundedUint;
use lib::kthread::{self, KThread};
use lib::srcu::{self, SrcuCallback};

module_with_teardown! {
    type: RustSrcuSample,
    name: "rust_srcu_sample",
    author: "srcu-guard developers",
    description: "Static SRCU domains from Rust: readers, synchronize, call_srcu, barrier",
    license: "GPL",
}

/// Must match `SAMPLE_MAX_DOMAINS` in `rust_srcu_sample.h`.
const SAMPLE_MAX_DOMAINS: usize = 64;

static_srcu_array!(static DOMAINS: [_; SAMPLE_MAX_DOMAINS]);

extern "C" {
    static rust_srcu_sample_domains: BoundedUint;
    static rust_srcu_sample_readers: BoundedUint;
    static rust_srcu_sample_duration_ms: BoundedUint;
    static rust_srcu_sample_gp_test: BoundedUint;
    static rust_srcu_sample_skip_barrier: BoundedUint;
    static rust_srcu_sample_fail_init: BoundedUint;
    static rust_srcu_sample_hops: BoundedUint;
    static rust_srcu_sample_thread_churn: BoundedUint;
}

/// The `hops` parameter.
fn hops() -> u32 {
    // SAFETY: A static of the C part, alive as long as the module.
    unsafe { &rust_srcu_sample_hops }.get()
}

/// The number of domains in use, within the array by the parameter's range.
fn used_domains() -> usize {
    // SAFETY: A static of the C part, alive as long as the module.
    let n = unsafe { &rust_srcu_sample_domains }.get() as usize;
    n.min(SAMPLE_MAX_DOMAINS)
}

static QUEUED: AtomicU64 = AtomicU64::new(0);
static INVOKED: AtomicU64 = AtomicU64::new(0);
static READS: AtomicU64 = AtomicU64::new(0);
/// The number of callbacks that will ever be queued, once known.
static FINAL: AtomicU64 = AtomicU64::new(u64::MAX);
static GP_READER_IN: AtomicBool = AtomicBool::new(false);
static GP_READER_DONE: AtomicBool = AtomicBool::new(false);

/// Monotonic time in nanoseconds.
fn now_ns() -> i64 {
    // SAFETY: Callable from any context.
    unsafe { bindings::ktime_get() }
}

/// A callback: counts itself; the last one says so.
fn count_invoked(_domain: usize) {
    count_one();
}

/// Counts one invoked callback; the last one says so.
fn count_one() {
    let n = INVOKED.fetch_add(1, Ordering::SeqCst) + 1;
    if n == FINAL.load(Ordering::SeqCst) {
        pr_info!("all {n} callbacks ran\n");
    }
}

/// A last callback, on domain `at.0` with `at.1` hops left: counts
/// itself, and queues the next on the following domain (an unused one
/// after the last in use) while hops are left. Runs with bottom halves
/// disabled, hence `GFP_ATOMIC`.
fn hop(at: (usize, u32)) {
    let (domain, left) = at;
    if left > 0 {
        let next = (domain + 1) % SAMPLE_MAX_DOMAINS;
        match SrcuCallback::new((next, left - 1), hop, GFP_ATOMIC) {
            Ok(cb) => {
                QUEUED.fetch_add(1, Ordering::SeqCst);
                DOMAINS[next].call(cb);
            }
            // Those hops will never run.
            Err(_) => {
                FINAL.fetch_sub(u64::from(left), Ordering::SeqCst);
            }
        }
    }
    count_one();
}

/// Queues one last callback on each domain in use, each hopping `hops`
/// times; from now on the total is known. Returns how many were queued.
fn queue_last_callbacks() -> u64 {
    let n = used_domains();
    let per_domain = 1 + u64::from(hops());
    FINAL.store(
        QUEUED.load(Ordering::SeqCst) + n as u64 * per_domain,
        Ordering::SeqCst,
    );
    for (i, d) in DOMAINS.iter().enumerate().take(n) {
        match SrcuCallback::new((i, hops()), hop, GFP_KERNEL) {
            Ok(cb) => {
                QUEUED.fetch_add(1, Ordering::SeqCst);
                d.call(cb);
            }
            // Fewer to wait for.
            Err(_) => {
                FINAL.fetch_sub(per_domain, Ordering::SeqCst);
            }
        }
    }
    QUEUED.load(Ordering::SeqCst)
}

/// An idle kthread for `thread_churn`.
fn idle(_: usize) {
    while !kthread::should_stop() {
        kthread::usleep(1000);
    }
}

/// A reader kthread: read sections on every domain in use, until stopped.
fn reader(_id: usize) {
    let n = used_domains();
    while !kthread::should_stop() {
        for _ in 0..16 {
            for d in DOMAINS.iter().take(n) {
                let _guard = d.read_lock();
                READS.fetch_add(1, Ordering::Relaxed);
            }
        }
        kthread::usleep(1000);
    }
}

/// The updater kthread: callbacks and grace periods for `duration_ms`.
fn updater(_id: usize) {
    let n = used_domains();
    // SAFETY: A static of the C part, alive as long as the module.
    let ms = i64::from(unsafe { &rust_srcu_sample_duration_ms }.get());
    let end = now_ns().saturating_add(ms.saturating_mul(1_000_000));
    let mut round = 0usize;
    while !kthread::should_stop() && now_ns() < end {
        for (i, d) in DOMAINS.iter().enumerate().take(n) {
            if let Ok(cb) = SrcuCallback::new(i, count_invoked, GFP_KERNEL) {
                QUEUED.fetch_add(1, Ordering::Relaxed);
                d.call(cb);
            }
            match round % 16 {
                0 => d.synchronize(),
                8 => d.synchronize_expedited(),
                _ => (),
            }
        }
        round = round.wrapping_add(1);
        kthread::usleep(1000);
    }
    while !kthread::should_stop() {
        kthread::usleep(10_000);
    }
}

/// The grace-period test's reader: holds a guard for 200 ms.
fn gp_reader(_id: usize) {
    {
        let _guard = DOMAINS[0].read_lock();
        GP_READER_IN.store(true, Ordering::Release);
        kthread::msleep(200);
        GP_READER_DONE.store(true, Ordering::Release);
    }
    while !kthread::should_stop() {
        kthread::usleep(10_000);
    }
}

/// Proves that `synchronize()` waits for a reader already inside its
/// section, and that a poll cookie taken meanwhile expires only after it.
fn gp_test() -> Result {
    let _reader = KThread::run(c_str!("srcu_gp_reader"), gp_reader, 0)?;
    let start = now_ns();
    while !GP_READER_IN.load(Ordering::Acquire) {
        if now_ns().saturating_sub(start) > 5_000_000_000 {
            pr_err!("gp_test: reader did not start\n");
            return Err(Error::from_errno(-(bindings::ETIMEDOUT as i32)));
        }
        kthread::usleep(1000);
    }
    let cookie = DOMAINS[0].start_poll();
    let poll_during = DOMAINS[0].poll_state(cookie);
    let t0 = now_ns();
    DOMAINS[0].synchronize();
    let waited_ms = now_ns().saturating_sub(t0) / 1_000_000;
    let done = GP_READER_DONE.load(Ordering::Acquire);
    let poll_after = DOMAINS[0].poll_state(cookie);
    if done && !poll_during && poll_after {
        pr_info!("gp_test: passed: synchronize waited {waited_ms} ms for the reader\n");
        Ok(())
    } else {
        pr_err!(
            "gp_test: FAILED: reader_done={done} poll_during={poll_during} poll_after={poll_after} waited={waited_ms} ms\n"
        );
        Err(EINVAL)
    }
}

/// The loaded module: its threads, stopped on unload.
struct RustSrcuSample {
    readers: KVec<KThread>,
    updater: Option<KThread>,
}

impl kernel::Module for RustSrcuSample {
    fn init(module: &'static ThisModule) -> Result<Self> {
        let counted = srcu::loader_count(module);
        pr_info!(
            "domains defined={SAMPLE_MAX_DOMAINS} loader_counted={counted} used={}\n",
            used_domains()
        );
        // SAFETY: A static of the C part, alive as long as the module.
        if unsafe { &rust_srcu_sample_gp_test }.get() != 0 {
            gp_test()?;
        }
        // SAFETY: As above.
        let churn = unsafe { &rust_srcu_sample_thread_churn }.get();
        for _ in 0..churn {
            drop(KThread::run(c_str!("srcu_churn"), idle, 0)?);
        }
        // SAFETY: As above.
        if unsafe { &rust_srcu_sample_fail_init }.get() != 0 {
            let queued = queue_last_callbacks();
            pr_info!("fail_init: queued {queued} callbacks, failing init\n");
            return Err(EINVAL);
        }
        // SAFETY: As above.
        let nreaders = unsafe { &rust_srcu_sample_readers }.get() as usize;
        let mut readers = KVec::with_capacity(nreaders, GFP_KERNEL)?;
        for i in 0..nreaders {
            readers.push(KThread::run(c_str!("srcu_reader"), reader, i)?, GFP_KERNEL)?;
        }
        let updater = Some(KThread::run(c_str!("srcu_updater"), updater, 0)?);
        Ok(Self { readers, updater })
    }
}

impl Drop for RustSrcuSample {
    fn drop(&mut self) {
        self.updater = None;
        self.readers = KVec::new();
        // SAFETY: A static of the C part, alive as long as the module.
        if unsafe { &rust_srcu_sample_skip_barrier }.get() != 0 {
            let queued = queue_last_callbacks();
            let invoked = INVOKED.load(Ordering::SeqCst);
            pr_info!("exit without srcu_barrier: queued={queued} invoked={invoked}\n");
            return;
        }
        for d in DOMAINS.iter().filter(|d| d.call_used()) {
            d.barrier();
        }
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
