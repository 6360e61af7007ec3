// SPDX-License-Identifier: GPL-2.0

//! Tracepoint static_call torture.
//!
//! A tracepoint hit loads `tp->funcs`, reads `funcs[0].data`, then calls
//! through `static_call(tp_func_NAME)`: straight to the probe when there is
//! one, to the iterator when there are more. The 2021 fixes order those
//! updates and add RCU grace periods (get_state/cond_sync) so that one hit
//! always delivers one version of the probe array, each probe with its own
//! data. Each probe here records its calls into the hit and checks its data
//! is its own.
//!
//! Deterministic mode (`scenarios=1`): for each transition of the 2021
//! thread, a reader kthread fires the tracepoint through a window between
//! reading the data and the static call, while an updater kthread on
//! another online CPU drives the transition (or the updater is held just
//! before its static call update while the reader fires once). The
//! reader's calls must equal one version of the array; whether the
//! updater's transition ended after the reader left its window shows
//! whether it had to wait for the reader (a grace period). Random mode
//! (`random_ms=N`): firing kthreads on every online CPU while an updater
//! registers and unregisters probes with random priorities, a fair random
//! walk over the number of probes that ends by unregistering them all.
//!
//! The work runs in a kthread, as rcutorture's does: `insmod` returns at
//! once, `rmmod` stops a run early. Results are `key=value` lines, logged
//! and kept in `/sys/kernel/debug/tp_torture/results`; the last is `done`.

#[path = "../rust/lib/mod.rs"]
pub mod lib;
use core::sync::atomic::{AtomicBool, AtomicI32, AtomicU32, AtomicU64, AtomicUsize, Ordering};
use kernel::{bindings, c_str, prelude::*, str::CString};
use lib::bounded_param::BoundedUint;
use lib::kthread::{self, KThread};
use lib::tracepoint::{self, Probe};

module_with_teardown! {
    type: TpTorture,
    name: "tp_torture",
    author: "srcu-guard developers",
    description: "Tracepoint static_call transition torture",
    license: "GPL",
}

/// `TP_HIT_MAX_CALLS` of `tp_torture.h`.
const MAX_CALLS: usize = 8;

/// `struct tp_call` of `tp_torture.h`.
#[repr(C)]
#[derive(Clone, Copy)]
struct TpCall {
    func: u32,
    data: *const Cookie,
}

/// `struct tp_hit` of `tp_torture.h`: what one hit delivered.
#[repr(C)]
struct TpHit {
    ncalls: u32,
    calls: [TpCall; MAX_CALLS],
}

impl TpHit {
    const fn new() -> Self {
        Self {
            ncalls: 0,
            calls: [TpCall {
                func: 0,
                data: core::ptr::null(),
            }; MAX_CALLS],
        }
    }

    /// The calls recorded, at most [`MAX_CALLS`].
    fn calls(&self) -> &[TpCall] {
        let n = (self.ncalls as usize).min(MAX_CALLS);
        self.calls.get(..n).unwrap_or(&[])
    }
}

// 7.x's bindings have field-less structs (options configured out) deep
// inside the pointees; only pointers cross, which C handles as such.
#[allow(improper_ctypes)]
extern "C" {
    fn tp_torture_tracepoint() -> *mut bindings::tracepoint;
    fn tp_torture_fire(hit: *mut TpHit);
    fn tp_torture_fire_windowed(
        hit: *mut TpHit,
        in_window: *mut bindings::atomic_t,
        release: *mut bindings::atomic_t,
        timeout_ns: u64,
        left_ns: *mut u64,
    ) -> u64;
    fn tp_torture_kprobe_register() -> i32;
    fn tp_torture_kprobe_unregister();
    fn tp_torture_updater_window_arm(timeout_ns: u64);
    fn tp_torture_updater_in_window() -> bool;
    fn tp_torture_updater_window_release();
    fn tp_torture_updater_window_close() -> u64;
    fn tp_torture_result_add(line: *const kernel::ffi::c_char);
    fn tp_torture_debugfs_init();
    fn tp_torture_debugfs_exit();
    static tp_torture_scenarios: BoundedUint;
    static tp_torture_random_ms: BoundedUint;
    static tp_torture_window_ms: BoundedUint;
}

/// Logs a result line and keeps it for debugfs.
macro_rules! report {
    ($($arg:tt)*) => {{
        match CString::try_from_fmt(core::format_args!($($arg)*)) {
            Ok(line) => {
                pr_info!("{}\n", &*line);
                // SAFETY: `line` is NUL-terminated; the C side copies it.
                unsafe { tp_torture_result_add(line.as_char_ptr()) };
            }
            Err(_) => pr_err!("out of memory formatting a result\n"),
        }
    }};
}

/// A probe's data: the function it was registered with.
#[repr(C)]
struct Cookie {
    func: u32,
}

static A: Cookie = Cookie { func: 0 };
static B: Cookie = Cookie { func: 1 };
static C: Cookie = Cookie { func: 2 };
/// The same function `F` registered with two different data.
static FA: Cookie = Cookie { func: 3 };
static FB: Cookie = Cookie { func: 3 };
static POOL: [&Cookie; 5] = [&A, &B, &C, &FA, &FB];

/// Calls made with another function's data, over the module's life.
static FOREIGN: AtomicU64 = AtomicU64::new(0);

/// The probe for function `F`: checks its data, records the call.
///
/// # Safety
///
/// Called by the tracepoint with a [`Cookie`] registered for it and the
/// firing thread's [`TpHit`].
unsafe extern "C" fn probe<const F: u32>(data: *const Cookie, hit: *mut TpHit) {
    // SAFETY: Every cookie is a static.
    if unsafe { (*data).func } != F {
        FOREIGN.fetch_add(1, Ordering::Relaxed);
    }
    // SAFETY: `hit` is the firing thread's own record.
    let hit = unsafe { &mut *hit };
    if let Some(c) = hit.calls.get_mut(hit.ncalls as usize) {
        *c = TpCall { func: F, data };
    }
    hit.ncalls = hit.ncalls.saturating_add(1);
}

/// The probe function registered for `cookie`.
fn probe_for(cookie: &Cookie) -> tracepoint::ProbeFn<Cookie, *mut TpHit> {
    match cookie.func {
        0 => probe::<0>,
        1 => probe::<1>,
        2 => probe::<2>,
        _ => probe::<3>,
    }
}

/// The module's tracepoint.
fn tp() -> *mut bindings::tracepoint {
    // SAFETY: Returns the address of the module's own tracepoint.
    unsafe { tp_torture_tracepoint() }
}

/// The probes registered now, in registration order.
struct Registry {
    probes: KVec<Probe<Cookie, *mut TpHit>>,
}

impl Registry {
    fn new() -> Self {
        Self {
            probes: KVec::new(),
        }
    }

    fn register(&mut self, cookie: &'static Cookie, prio: i32) -> Result {
        // SAFETY: `tp()` has the prototype `(void *, struct tp_hit *)` and
        // is defined in this module's C part.
        let p = unsafe { Probe::register(tp(), probe_for(cookie), cookie, prio) }?;
        self.probes.push(p, GFP_KERNEL)?;
        Ok(())
    }

    fn unregister(&mut self, cookie: &'static Cookie) {
        if let Some(i) = self
            .probes
            .iter()
            .position(|p| core::ptr::eq(p.data(), cookie))
        {
            // Dropping the probe unregisters it. `KVec` has no `remove`:
            // move the others into a new vector.
            let old = core::mem::replace(&mut self.probes, KVec::new());
            for (j, p) in old.into_iter().enumerate() {
                if j != i && self.probes.push(p, GFP_KERNEL).is_err() {
                    pr_err!("out of memory while unregistering\n");
                }
            }
        }
    }

    fn len(&self) -> usize {
        self.probes.len()
    }
}

/// One step of an updater's transition sequence.
#[derive(Clone, Copy)]
enum Op {
    Reg(&'static Cookie, i32),
    Unreg(&'static Cookie),
}

/// Where a scenario holds its window open.
#[derive(Clone, Copy, PartialEq)]
enum Window {
    /// In the reader, between reading `funcs[0].data` and the static call.
    Reader,
    /// In the updater, just before it switches the static call (kprobe on
    /// `__static_call_update`), while the reader fires once.
    Updater,
}

/// A deterministic scenario of the 2021 thread.
struct Scenario {
    /// Stable name, used in the result line.
    name: &'static str,
    /// Probes registered before the reader fires (cookie, priority).
    setup: &'static [(&'static Cookie, i32)],
    /// What the updater does while the reader is in its window.
    ops: &'static [Op],
    /// Every version of the array from the setup on: a hit must deliver
    /// exactly one of them, in order.
    versions: &'static [&'static [&'static Cookie]],
    /// Which side waits.
    window: Window,
}

static SCENARIOS: [Scenario; 10] = [
    Scenario {
        name: "0_1",
        setup: &[],
        ops: &[Op::Reg(&A, 10)],
        versions: &[&[], &[&A]],
        window: Window::Updater,
    },
    Scenario {
        name: "1_2_slot0_by_prio",
        setup: &[(&A, 10)],
        ops: &[Op::Reg(&B, 20)],
        versions: &[&[&A], &[&B, &A]],
        window: Window::Reader,
    },
    Scenario {
        name: "1_2_slot0_by_prio_updater_window",
        setup: &[(&A, 10)],
        ops: &[Op::Reg(&B, 20)],
        versions: &[&[&A], &[&B, &A]],
        window: Window::Updater,
    },
    Scenario {
        name: "2_1_slot0_kept",
        setup: &[(&A, 20), (&B, 10)],
        ops: &[Op::Unreg(&B)],
        versions: &[&[&A, &B], &[&A]],
        window: Window::Reader,
    },
    Scenario {
        name: "2_1_slot0_changed",
        setup: &[(&A, 20), (&B, 10)],
        ops: &[Op::Unreg(&A)],
        versions: &[&[&A, &B], &[&B]],
        window: Window::Reader,
    },
    Scenario {
        name: "2_1_same_func_other_data",
        setup: &[(&FA, 20), (&FB, 10)],
        ops: &[Op::Unreg(&FA)],
        versions: &[&[&FA, &FB], &[&FB]],
        window: Window::Reader,
    },
    Scenario {
        name: "1_0_1",
        setup: &[(&A, 10)],
        ops: &[Op::Unreg(&A), Op::Reg(&B, 10)],
        versions: &[&[&A], &[], &[&B]],
        window: Window::Reader,
    },
    Scenario {
        name: "3_2_1",
        setup: &[(&A, 30), (&B, 20), (&C, 10)],
        ops: &[Op::Unreg(&A), Op::Unreg(&C)],
        versions: &[&[&A, &B, &C], &[&B, &C], &[&B]],
        window: Window::Reader,
    },
    Scenario {
        name: "1_2_1",
        setup: &[(&A, 10)],
        ops: &[Op::Reg(&B, 20), Op::Unreg(&A)],
        versions: &[&[&A], &[&B, &A], &[&B]],
        window: Window::Reader,
    },
    Scenario {
        name: "n_n1_n",
        setup: &[(&A, 20), (&B, 10)],
        ops: &[Op::Reg(&C, 30), Op::Unreg(&C)],
        versions: &[&[&A, &B], &[&C, &A, &B]],
        window: Window::Reader,
    },
];

/// Whether `hit` delivered exactly one of `versions`.
fn delivered_a_version(hit: &TpHit, versions: &[&[&'static Cookie]]) -> bool {
    hit.ncalls as usize <= MAX_CALLS
        && versions.iter().any(|v| {
            v.len() == hit.calls().len()
                && v.iter()
                    .zip(hit.calls())
                    .all(|(want, got)| core::ptr::eq(*want, got.data) && want.func == got.func)
        })
}

/// State shared by a scenario's reader and updater.
static IN_WINDOW: AtomicI32 = AtomicI32::new(0);
static RELEASE: AtomicI32 = AtomicI32::new(0);
static READER_DONE: AtomicBool = AtomicBool::new(false);
static WINDOW_NS: AtomicU64 = AtomicU64::new(0);
/// When the reader's window ended (before its read section ended).
static READER_LEFT_NS: AtomicU64 = AtomicU64::new(0);
/// The CPU of the scenarios' reader, chosen at load (the updater's is
/// the runner's).
static READER_CPU: AtomicU32 = AtomicU32::new(0);
/// The scenario reader's hit: written by the reader only, read by the
/// updater after READER_DONE, reset while no reader runs.
struct HitCell(core::cell::UnsafeCell<TpHit>);

// SAFETY: Accesses are ordered by READER_DONE and the reader's lifetime.
unsafe impl Sync for HitCell {}

static HIT: HitCell = HitCell(core::cell::UnsafeCell::new(TpHit::new()));

/// Monotonic time in nanoseconds.
fn now_ns() -> u64 {
    // SAFETY: Callable from any context.
    unsafe { bindings::ktime_get_mono_fast_ns() }
}

/// The scenario reader: one windowed hit.
fn scenario_reader(timeout_ns: usize) {
    let mut left = 0;
    // SAFETY: Only this thread writes `HIT` until it sets READER_DONE; the
    // atomics are `atomic_t`-compatible (`int` counter).
    let waited = unsafe {
        tp_torture_fire_windowed(
            HIT.0.get(),
            IN_WINDOW.as_ptr().cast(),
            RELEASE.as_ptr().cast(),
            timeout_ns as u64,
            &mut left,
        )
    };
    WINDOW_NS.store(waited, Ordering::Relaxed);
    READER_LEFT_NS.store(left, Ordering::Relaxed);
    READER_DONE.store(true, Ordering::Release);
    while !kthread::should_stop() {
        kthread::usleep(1000);
    }
}

/// The reader of an updater-window scenario: one ordinary hit while the
/// updater is held just before its static call update.
fn updater_window_reader(timeout_ns: usize) {
    let ms = (timeout_ns as u64 / 1_000_000).saturating_add(5000);
    // SAFETY: Reads an atomic of the C part.
    if wait_for(ms, || unsafe { tp_torture_updater_in_window() }) {
        // SAFETY: Only this thread writes `HIT` until READER_DONE.
        unsafe { tp_torture_fire(HIT.0.get()) };
    }
    // SAFETY: Sets an atomic of the C part.
    unsafe { tp_torture_updater_window_release() };
    READER_DONE.store(true, Ordering::Release);
    while !kthread::should_stop() {
        kthread::usleep(1000);
    }
}

/// Waits until `f` holds, for at most `ms` milliseconds.
fn wait_for(ms: u64, f: impl Fn() -> bool) -> bool {
    let end = now_ns().saturating_add(ms.saturating_mul(1_000_000));
    while !f() {
        if now_ns() > end {
            return false;
        }
        kthread::usleep(100);
    }
    true
}

/// The result of one scenario.
struct Outcome {
    violation: bool,
    foreign: u64,
    calls: u32,
    /// The updater's transition ended after the reader left its window:
    /// it waited for the reader (Reader windows only).
    updater_waited: bool,
    updater_ns: u64,
    window_ns: u64,
}

/// The updater-side window (a kprobe on `__static_call_update`), armed
/// while this exists: disarmed on every path, by [`UpdaterWindow::close`]
/// or by the drop.
struct UpdaterWindow;

impl UpdaterWindow {
    fn arm(timeout_ns: u64) -> Self {
        // SAFETY: Arms the kprobe window of the C part.
        unsafe { tp_torture_updater_window_arm(timeout_ns) };
        UpdaterWindow
    }

    /// Disarms the window; returns how long it was open (0: never).
    fn close(self) -> u64 {
        // SAFETY: Disarms the kprobe window of the C part.
        unsafe { tp_torture_updater_window_close() }
    }
}

impl Drop for UpdaterWindow {
    fn drop(&mut self) {
        // SAFETY: As in `close`; closing twice is harmless.
        unsafe { tp_torture_updater_window_close() };
    }
}

/// Runs one scenario; the caller is the updater, on its own CPU.
fn run_scenario(s: &Scenario, window_ns: u64) -> Result<Outcome> {
    let mut reg = Registry::new();
    for &(c, prio) in s.setup {
        reg.register(c, prio)?;
    }
    IN_WINDOW.store(0, Ordering::SeqCst);
    RELEASE.store(0, Ordering::SeqCst);
    READER_DONE.store(false, Ordering::SeqCst);
    // SAFETY: No reader is running: the last one was stopped.
    unsafe { *HIT.0.get() = TpHit::new() };
    let foreign_before = FOREIGN.load(Ordering::SeqCst);

    let cpu = READER_CPU.load(Ordering::Relaxed);
    let (reader, window) = match s.window {
        Window::Reader => (
            KThread::run_on(
                cpu,
                c_str!("tp_reader"),
                scenario_reader,
                window_ns as usize,
            )?,
            None,
        ),
        Window::Updater => {
            let window = UpdaterWindow::arm(window_ns);
            let reader = KThread::run_on(
                cpu,
                c_str!("tp_reader"),
                updater_window_reader,
                window_ns as usize,
            )?;
            (reader, Some(window))
        }
    };
    if s.window == Window::Reader && !wait_for(5000, || IN_WINDOW.load(Ordering::Acquire) != 0) {
        pr_err!("scenario={}: reader never fired\n", s.name);
        return Err(etimedout());
    }
    let t0 = now_ns();
    for op in s.ops {
        match *op {
            Op::Reg(c, prio) => reg.register(c, prio)?,
            Op::Unreg(c) => reg.unregister(c),
        }
    }
    let ops_done = now_ns();
    let updater_ns = ops_done.saturating_sub(t0);
    RELEASE.store(1, Ordering::Release);
    if let Some(window) = window {
        let open = window.close();
        WINDOW_NS.store(open, Ordering::Relaxed);
        if open == 0 {
            pr_err!("scenario={}: updater window never opened\n", s.name);
        }
    }
    if !wait_for(5000, || READER_DONE.load(Ordering::Acquire)) {
        pr_err!("scenario={}: reader never finished\n", s.name);
        return Err(etimedout());
    }
    drop(reader);
    drop(reg);
    tracepoint::synchronize_unregister();

    // SAFETY: The reader finished (READER_DONE, acquire) and was stopped.
    let hit = unsafe { &*HIT.0.get() };
    Ok(Outcome {
        violation: !delivered_a_version(hit, s.versions),
        foreign: FOREIGN.load(Ordering::SeqCst) - foreign_before,
        calls: hit.ncalls,
        updater_waited: s.window == Window::Reader
            && ops_done >= READER_LEFT_NS.load(Ordering::Relaxed),
        updater_ns,
        window_ns: WINDOW_NS.load(Ordering::Relaxed),
    })
}

/// `-ETIMEDOUT`.
fn etimedout() -> Error {
    Error::from_errno(-(bindings::ETIMEDOUT as i32))
}

/// The deterministic mode, on the updater's CPU: every scenario, until
/// the module is unloaded.
fn run_scenarios(window_ms: u32) {
    let window_ns = u64::from(window_ms).saturating_mul(1_000_000);
    let mut total = 0u64;
    // SAFETY: Registers the module's kprobe; unregistered below.
    let kp = unsafe { tp_torture_kprobe_register() };
    if kp != 0 {
        pr_err!("register_kprobe(__static_call_update) failed: {kp}\n");
    }
    for s in SCENARIOS.iter() {
        if kthread::should_stop() {
            report!("scenarios stopped early");
            break;
        }
        match run_scenario(s, window_ns) {
            Ok(o) => {
                let mismatches = u64::from(o.violation) + o.foreign;
                total += mismatches;
                report!(
                    "scenario={} calls={} mismatches={} foreign_data={} updater_waited={} updater_ms={} window_ms={}",
                    s.name,
                    o.calls,
                    mismatches,
                    o.foreign,
                    u8::from(o.updater_waited),
                    o.updater_ns / 1_000_000,
                    o.window_ns / 1_000_000
                );
            }
            Err(e) => pr_err!("scenario={} error={:?}\n", s.name, e),
        }
    }
    if kp == 0 {
        // SAFETY: Registered above.
        unsafe { tp_torture_kprobe_unregister() };
    }
    report!("scenarios done: mismatches={total}");
}

/// Random mode counters.
static HITS: AtomicU64 = AtomicU64::new(0);
static CALLS: AtomicU64 = AtomicU64::new(0);
static BAD_HITS: AtomicU64 = AtomicU64::new(0);

/// A random-mode firing kthread: ordinary hits, each checked for one
/// version of the array as far as a hit can tell without knowing which:
/// no probe called with another's data (the probes count that), no probe
/// data twice, at most [`MAX_CALLS`] calls.
fn random_firer(_cpu: usize) {
    while !kthread::should_stop() {
        for _ in 0..64 {
            let mut hit = TpHit::new();
            // SAFETY: `hit` is this thread's own record.
            unsafe { tp_torture_fire(&mut hit) };
            let calls = hit.calls();
            let mut ok = hit.ncalls as usize <= MAX_CALLS;
            for (i, c) in calls.iter().enumerate() {
                if calls
                    .iter()
                    .skip(i + 1)
                    .any(|d| core::ptr::eq(c.data, d.data))
                {
                    ok = false;
                }
            }
            if !ok {
                BAD_HITS.fetch_add(1, Ordering::Relaxed);
                if let Some(n) = BAD_BY_KIND.get(IN_FLIGHT.load(Ordering::Relaxed)) {
                    n.fetch_add(1, Ordering::Relaxed);
                }
            }
            HITS.fetch_add(1, Ordering::Relaxed);
            CALLS.fetch_add(u64::from(hit.ncalls), Ordering::Relaxed);
        }
        kthread::usleep(100);
    }
}

/// Random mode: transitions per kind, indexed by [`kind`].
static TRANSITIONS: [AtomicU64; 6] = [const { AtomicU64::new(0) }; 6];
/// Random mode: bad hits per kind of the transition in flight.
static BAD_BY_KIND: [AtomicU64; 6] = [const { AtomicU64::new(0) }; 6];
/// The kind of the transition the updater is doing (or did last).
static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);
const KIND_NAMES: [&str; 6] = ["0_1", "1_0", "1_2", "2_1", "n_n1", "n1_n"];

/// The kind of a transition from `from` to `to` probes.
fn kind(from: usize, to: usize) -> usize {
    match (from, to) {
        (0, 1) => 0,
        (1, 0) => 1,
        (1, 2) => 2,
        (2, 1) => 3,
        (f, t) if t > f => 4,
        _ => 5,
    }
}

/// A random number below `n`.
fn random_below(n: u32) -> u32 {
    // SAFETY: Callable from process context.
    let r = unsafe { bindings::get_random_u32() };
    r % n.max(1)
}

/// One transition of the random mode: registers `cookie` (with a random
/// priority) or unregisters it, and counts the transition's kind.
fn random_step(reg: &mut Registry, cookie: &'static Cookie, register: bool) -> Result {
    let before = reg.len();
    let after = if register {
        before + 1
    } else {
        before.saturating_sub(1)
    };
    IN_FLIGHT.store(kind(before, after), Ordering::Relaxed);
    if register {
        reg.register(cookie, random_below(40) as i32)?;
    } else {
        reg.unregister(cookie);
    }
    if let Some(n) = TRANSITIONS.get(kind(before, reg.len())) {
        n.fetch_add(1, Ordering::Relaxed);
    }
    Ok(())
}

/// The random mode for `ms` milliseconds (less when the module is
/// unloaded): firing kthreads on every online CPU, this thread the
/// updater.
fn run_random(ms: u32) -> Result {
    let mut firers = KVec::new();
    for cpu in kthread::online_cpu_ids() {
        firers.push(
            KThread::run_on(cpu, c_str!("tp_firer"), random_firer, cpu as usize)?,
            GFP_KERNEL,
        )?;
    }
    let mut reg = Registry::new();
    let end = now_ns().saturating_add(u64::from(ms).saturating_mul(1_000_000));
    let mut stopped = false;
    while now_ns() < end {
        if kthread::should_stop() {
            stopped = true;
            break;
        }
        // A fair walk over the number of probes, 0 to all of the pool:
        // it comes back to 0 and 1 often, so every kind happens in a
        // short run (toggling a random cookie stays near the middle).
        let before = reg.len();
        if before == POOL.len() || (before > 0 && random_below(2) == 0) {
            let i = random_below(before as u32) as usize;
            if let Some(c) = reg.probes.get(i).map(|p| p.data()) {
                random_step(&mut reg, c, false)?;
            }
        } else {
            let free = POOL
                .iter()
                .filter(|&&c| !reg.probes.iter().any(|p| core::ptr::eq(p.data(), c)));
            if let Some(&c) = free.clone().nth(random_below(free.count() as u32) as usize) {
                random_step(&mut reg, c, true)?;
            }
        }
        kthread::usleep(200);
    }
    // The last transitions, down to 0, with the firers still firing.
    while let Some(c) = reg.probes.last().map(|p| p.data()) {
        random_step(&mut reg, c, false)?;
    }
    drop(reg);
    drop(firers);
    tracepoint::synchronize_unregister();
    let mismatches = BAD_HITS.load(Ordering::Relaxed) + FOREIGN.load(Ordering::Relaxed);
    report!(
        "random ms={} hits={} calls={} mismatches={} foreign_data={} stopped_early={}",
        ms,
        HITS.load(Ordering::Relaxed),
        CALLS.load(Ordering::Relaxed),
        mismatches,
        FOREIGN.load(Ordering::Relaxed),
        u8::from(stopped)
    );
    for (i, name) in KIND_NAMES.iter().enumerate() {
        report!(
            "random transitions kind={} count={} mismatches={}",
            name,
            TRANSITIONS[i].load(Ordering::Relaxed),
            BAD_BY_KIND[i].load(Ordering::Relaxed)
        );
    }
    Ok(())
}

/// The module's work, in its own kthread: the scenarios, then the random
/// mode, as the parameters say; then `done`, and idle until unloaded.
fn runner(_: usize) {
    // SAFETY: Statics of the C part, alive as long as the module.
    let (scenarios, random_ms, window_ms) = unsafe {
        (
            tp_torture_scenarios.get(),
            tp_torture_random_ms.get(),
            tp_torture_window_ms.get(),
        )
    };
    if scenarios != 0 {
        run_scenarios(window_ms);
    }
    if random_ms != 0 && !kthread::should_stop() {
        if let Err(e) = run_random(random_ms) {
            pr_err!("random mode failed: {e:?}\n");
        }
    }
    report!("done");
    while !kthread::should_stop() {
        kthread::usleep(1000);
    }
}

/// The loaded module: its runner, stopped on unload.
struct TpTorture {
    _runner: KThread,
}

impl kernel::Module for TpTorture {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        // The scenarios' reader and updater run on two online CPUs.
        let mut cpus = kthread::online_cpu_ids();
        let (reader, updater) = (cpus.next(), cpus.next());
        // SAFETY: A static of the C part, alive as long as the module.
        let scenarios = unsafe { tp_torture_scenarios.get() } != 0;
        let updater = match (reader, updater) {
            (Some(r), Some(u)) => {
                READER_CPU.store(r, Ordering::Relaxed);
                Some(u)
            }
            _ if scenarios => {
                pr_err!(
                    "scenarios need two online CPUs, {} online\n",
                    kthread::online_cpus()
                );
                return Err(EINVAL);
            }
            _ => None,
        };
        // SAFETY: Creates the debugfs files; removed in `drop`, or below.
        unsafe { tp_torture_debugfs_init() };
        let runner = match updater {
            Some(cpu) if scenarios => KThread::run_on(cpu, c_str!("tp_updater"), runner, 0),
            _ => KThread::run(c_str!("tp_updater"), runner, 0),
        };
        match runner {
            Ok(runner) => Ok(Self { _runner: runner }),
            Err(e) => {
                // SAFETY: Created above.
                unsafe { tp_torture_debugfs_exit() };
                Err(e)
            }
        }
    }
}

impl Drop for TpTorture {
    fn drop(&mut self) {
        // The runner is stopped when `_runner` drops, after this; the
        // debugfs file goes first, which it never reads. The module's
        // teardown then waits for hits still inside a probe.
        // SAFETY: Created in `init`.
        unsafe { tp_torture_debugfs_exit() };
        pr_info!(
            "unloaded: foreign_data={}\n",
            FOREIGN.load(Ordering::Relaxed)
        );
    }
}
