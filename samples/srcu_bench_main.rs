// SPDX-License-Identifier: GPL-2.0

//! In-kernel benchmarks of the project's Rust abstractions against C,
//! run at load, one kernel log line per run:
//!
//! ```text
//! srcu_bench: result bench=NAME impl=IMPL run=R n=N ns=T
//! ```
//!
//! - `read`: a [`lib::srcu::StaticSrcu`] guard taken and dropped (`rust`) vs
//!   C `srcu_read_lock()`/`srcu_read_unlock()` on a `DEFINE_STATIC_SRCU`
//!   domain of this module (`c`); `n` sections.
//! - `read_fast` (kernels with SRCU-fast): the same with a
//!   [`lib::srcu_fast::StaticSrcuFast`] guard vs C `srcu_read_lock_fast()`
//!   on a `DEFINE_STATIC_SRCU_FAST` domain.
//! - `probe1`, `probe2`: `n` hits of the module's tracepoint with one
//!   probe (the static call goes straight to it) or two of a kind (the
//!   iterator), Rust probes ([`lib::tracepoint::Probe`]) vs C probes.
//! - `cycle_1_0_1`, `cycle_2_1_slot0`: `n` register/unregister cycles of
//!   a probe, alone (1->0->1) or over a lower-priority one, so that slot 0
//!   changes on 1->2 and back on 2->1 (`impl=kernel`: the cost is the
//!   kernel's).
//! - `mass_disable`: `n` tracepoints, one probe each, unregistered back to
//!   back (1->0 each): the case that unconditional grace periods made slow
//!   (231264d6927f) and get_state/cond_sync made fast again (7b40066c97ec).
//! - `call_srcu`: `n` C `call_srcu()` on a domain of this module, timed in
//!   batches with an untimed `srcu_barrier()` between them, the median
//!   batch times the batches (robust to TCG's time slices), the two sides'
//!   batches alternating: the kernel's
//!   (`impl=kernel`) and, where the kernel exports it, the stock one
//!   without the upstream series' `->srcu_cb_used` flag
//!   (`impl=unmarked`: `call_srcu_unmarked()`).
//!
//! While loaded, the module also times every `delete_module()` syscall
//! (a kretprobe): `/sys/kernel/debug/srcu_bench/last_rmmod_ns` is the
//! latency of the last rmmod, for the unload-cost benchmark (`parts=0`
//! loads just that).
//!
//! The host (`scripts/run-bench.sh`) takes medians, spreads and ratios.
//! Runs of the two implementations alternate, so drift hits both alike.

#[path = "../rust/lib/mod.rs"]
pub mod lib;
use core::sync::atomic::{AtomicI64, Ordering};
use kernel::{bindings, ffi::c_int, prelude::*};
use lib::bounded_param::BoundedUint;
use lib::tracepoint::{self, Probe};

module_with_teardown! {
    type: SrcuBench,
    name: "srcu_bench",
    author: "srcu-guard developers",
    description: "Benchmarks: Rust SRCU guards and tracepoint probes vs C, transition costs",
    license: "GPL",
}

/// `SRCU_BENCH_NR_TP` of `srcu_bench.h`.
const NR_TP: u32 = 16;

/// `parts` bits.
const PART_READ: u32 = 1;
const PART_PROBE: u32 = 2;
const PART_TRANSITION: u32 = 4;
const PART_CALL: u32 = 8;

/// `call_srcu()` calls per run of the call benchmark (a multiple of the C
/// half's batch of 256).
const CALLS: u32 = 256 * 64;

/// The kernel's default tracepoint probe priority.
const PRIO: i32 = 10;

static_srcu!(static BENCH_DOMAIN);
#[cfg(srcu_fast)]
static_srcu!(fast static BENCH_FAST_DOMAIN);

// 7.x's bindings have field-less structs (options configured out) deep
// inside the pointees; only pointers cross, which C handles as such.
#[allow(improper_ctypes)]
extern "C" {
    static srcu_bench_parts: BoundedUint;
    static srcu_bench_runs: BoundedUint;
    static srcu_bench_read_loops: BoundedUint;
    static srcu_bench_fire_loops: BoundedUint;
    static srcu_bench_cycles: BoundedUint;
    fn srcu_bench_c_read(n: u32) -> u64;
    #[cfg(srcu_fast)]
    fn srcu_bench_c_read_fast(n: u32) -> u64;
    fn srcu_bench_c_call_srcu(n: u32, kernel_ns: *mut u64, unmarked_ns: *mut u64);
    fn srcu_bench_fire(n: u32) -> u64;
    fn srcu_bench_tracepoint(i: u32) -> *mut bindings::tracepoint;
    fn srcu_bench_c_probe_register(i: u32, counter: *const AtomicI64, prio: c_int) -> c_int;
    fn srcu_bench_c_probe_unregister(i: u32, counter: *const AtomicI64);
    fn srcu_bench_rmmod_timer_init() -> c_int;
    fn srcu_bench_rmmod_timer_exit();
}

/// Monotonic time in nanoseconds, as C's `ktime_get_ns()`.
fn now_ns() -> u64 {
    // SAFETY: Callable from any context.
    unsafe { bindings::ktime_get_mono_fast_ns() }
}

/// Prints one result line.
fn result(bench: &str, imp: &str, run: u32, n: u32, ns: u64) {
    pr_info!("result bench={bench} impl={imp} run={run} n={n} ns={ns}\n");
}

/// `n` read-side sections through the Rust guard.
fn rust_read(n: u32) -> u64 {
    let start = now_ns();
    for _ in 0..n {
        let guard = BENCH_DOMAIN.read_lock();
        drop(core::hint::black_box(guard));
    }
    now_ns() - start
}

/// `n` SRCU-fast read-side sections through the Rust guard (its inline
/// asm keeps each one, as C's does).
#[cfg(srcu_fast)]
fn rust_read_fast(n: u32) -> u64 {
    let start = now_ns();
    for _ in 0..n {
        drop(BENCH_FAST_DOMAIN.read_lock_fast());
    }
    now_ns() - start
}

/// Hit counters, the probes' data (`atomic64_t` for the C probe).
static HITS: [AtomicI64; 2] = [AtomicI64::new(0), AtomicI64::new(0)];

/// The Rust probe: counts its hits, as the C probe does.
///
/// # Safety
///
/// `data` must be one of [`HITS`], as registered.
unsafe extern "C" fn rust_probe(data: *const AtomicI64, _v: u64) {
    // SAFETY: `data` is a static counter (safety requirement).
    unsafe { &*data }.fetch_add(1, Ordering::Relaxed);
}

/// Tracepoint `i` of the C half.
fn tp(i: u32) -> *mut bindings::tracepoint {
    // SAFETY: Returns one of the module's own tracepoints, static.
    unsafe { srcu_bench_tracepoint(i) }
}

/// Registers a Rust probe with `HITS[k]` as data on tracepoint `i`.
fn rust_probe_on(i: u32, k: usize, prio: i32) -> Result<Probe<AtomicI64, u64>> {
    // SAFETY: The module's tracepoints have the prototype `(void *, u64)`
    // and are defined in its C part.
    unsafe { Probe::register(tp(i), rust_probe, &HITS[k], prio) }
}

/// A C probe with `HITS[k]` as data on tracepoint `i`, unregistered when
/// dropped.
struct CProbe {
    tp: u32,
    k: usize,
}

impl CProbe {
    fn register(i: u32, k: usize) -> Result<Self> {
        // SAFETY: `HITS[k]` is static, an `atomic64_t` to the C probe.
        let ret = unsafe { srcu_bench_c_probe_register(i, &HITS[k], PRIO) };
        kernel::error::to_result(ret)?;
        Ok(Self { tp: i, k })
    }
}

impl Drop for CProbe {
    fn drop(&mut self) {
        // SAFETY: Registered in `register` with these arguments.
        unsafe { srcu_bench_c_probe_unregister(self.tp, &HITS[self.k]) };
    }
}

/// `n` hits of tracepoint 0 with `probes` probes of one kind on it.
fn probe_run(rust: bool, probes: usize, n: u32) -> Result<u64> {
    let mut rs = KVec::new();
    let mut cs = KVec::new();
    for k in 0..probes {
        if rust {
            rs.push(rust_probe_on(0, k, PRIO)?, GFP_KERNEL)?;
        } else {
            cs.push(CProbe::register(0, k)?, GFP_KERNEL)?;
        }
    }
    // SAFETY: Fires the module's own tracepoint.
    Ok(unsafe { srcu_bench_fire(n) })
}

/// Read side and probes: Rust and C runs alternate; between them the
/// `call_srcu()` cost, the kernel's and the stock one in alternate
/// batches.
fn rust_vs_c(parts: u32, runs: u32) -> Result {
    // SAFETY: Statics of the C half, alive as long as the module.
    let (reads, hits) = unsafe { (srcu_bench_read_loops.get(), srcu_bench_fire_loops.get()) };
    for run in 0..runs {
        if parts & PART_READ != 0 {
            result("read", "rust", run, reads, rust_read(reads));
            // SAFETY: Plain C loop on the module's own domain.
            result("read", "c", run, reads, unsafe { srcu_bench_c_read(reads) });
            #[cfg(srcu_fast)]
            {
                result("read_fast", "rust", run, reads, rust_read_fast(reads));
                // SAFETY: Plain C loop on the module's own fast domain.
                let ns = unsafe { srcu_bench_c_read_fast(reads) };
                result("read_fast", "c", run, reads, ns);
            }
        }
        if parts & PART_CALL != 0 {
            let (mut kernel, mut unmarked) = (0, 0);
            // SAFETY: Plain C loop on the module's own domain; it writes
            // the two results.
            unsafe { srcu_bench_c_call_srcu(CALLS, &mut kernel, &mut unmarked) };
            result("call_srcu", "kernel", run, CALLS, kernel);
            if unmarked != 0 {
                result("call_srcu", "unmarked", run, CALLS, unmarked);
            }
        }
        if parts & PART_PROBE != 0 {
            for (name, probes) in [("probe1", 1), ("probe2", 2)] {
                result(name, "rust", run, hits, probe_run(true, probes, hits)?);
                result(name, "c", run, hits, probe_run(false, probes, hits)?);
            }
        }
    }
    Ok(())
}

/// Transition costs, paid by the kernel's tracepoint updates.
fn transitions(runs: u32) -> Result {
    // SAFETY: A static of the C half, alive as long as the module.
    let cycles = unsafe { &srcu_bench_cycles }.get();
    let start = now_ns();
    for _ in 0..cycles {
        drop(rust_probe_on(1, 0, PRIO)?);
    }
    result("cycle_1_0_1", "kernel", 0, cycles, now_ns() - start);

    let low = rust_probe_on(2, 0, PRIO)?;
    let start = now_ns();
    for _ in 0..cycles {
        drop(rust_probe_on(2, 1, PRIO + 10)?);
    }
    result("cycle_2_1_slot0", "kernel", 0, cycles, now_ns() - start);
    drop(low);

    for run in 0..runs {
        let mut probes = KVec::with_capacity(NR_TP as usize, GFP_KERNEL)?;
        for i in 0..NR_TP {
            probes.push(rust_probe_on(i, 0, PRIO)?, GFP_KERNEL)?;
        }
        let start = now_ns();
        drop(probes);
        result("mass_disable", "kernel", run, NR_TP, now_ns() - start);
    }
    Ok(())
}

/// Runs the benchmarks selected by `parts`.
fn bench() -> Result {
    // SAFETY: Statics of the C half, alive as long as the module.
    let (parts, runs) = unsafe { (srcu_bench_parts.get(), srcu_bench_runs.get()) };
    rust_vs_c(parts, runs)?;
    if parts & PART_TRANSITION != 0 {
        transitions(runs)?;
    }
    Ok(())
}

/// The loaded module: the benchmarks ran in its init; the rmmod timer
/// runs until it is unloaded.
struct SrcuBench;

impl kernel::Module for SrcuBench {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let ret = bench();
        // Every probe is unregistered by now (they are dropped on every
        // path); wait until no hit can still be running one of them.
        tracepoint::synchronize_unregister();
        ret?;
        // SAFETY: Undone in `drop`.
        kernel::error::to_result(unsafe { srcu_bench_rmmod_timer_init() })?;
        pr_info!("done\n");
        Ok(SrcuBench)
    }
}

impl Drop for SrcuBench {
    fn drop(&mut self) {
        // SAFETY: Set up in `init`.
        unsafe { srcu_bench_rmmod_timer_exit() };
    }
}
