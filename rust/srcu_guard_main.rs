// SPDX-License-Identifier: GPL-2.0

//! SRCU unload guard: the project's resident module.
//!
//! In Linux 6.12, `srcu_module_going()` (module notifier, priority 0) calls
//! `cleanup_srcu_struct()` on each static SRCU domain of a going module but
//! never `srcu_barrier()`: a module that queued `call_srcu()` callbacks and
//! forgot the barrier gets "Forgot srcu_barrier(), so just leak it!" and
//! then its per-CPU data is freed and its text unmapped under the
//! callbacks. This module registers a module notifier that runs before
//! every other one and, at `MODULE_STATE_GOING`, waits for the callbacks of
//! each of the going module's static domains:
//!
//! - a domain never initialised by its update side is skipped in O(1), by
//!   the same test the kernel uses (no forced init, no per-CPU scan);
//! - a Rust domain ([`srcu::StaticSrcu`]) whose `call_srcu` flag is clear
//!   is skipped in O(1);
//! - every other domain (C domains, which carry no flag, included) gets a
//!   `srcu_barrier()`, from this thread and up to one work item per other
//!   online CPU at once (`concurrent_barriers=0`: this thread alone, the
//!   benchmarks' baseline).
//!
//! Cleanup stays with the kernel's own notifier, which runs next and now
//! finds no callbacks queued. The guard logs one line per going module
//! that needed a barrier or whose `MODULE_STATE_COMING` failed (the robust
//! notifier chain sends GOING while the module is still COMING).
//!
//! At `MODULE_STATE_COMING` the guard marks the module's domains, to learn
//! at such a rollback whether the kernel's own `srcu_module_coming()`
//! failed to allocate their per-CPU data. Linux 6.12 then loads the module
//! anyway (its notifier returns a raw errno, which `notifier_to_errno()`
//! reads as success) and the module's domains would write through a null
//! `sda`; the guard refuses the module's init instead, so that the load
//! fails with -ENOMEM and the kernel frees what was allocated.

#[path = "lib/mod.rs"]
pub mod lib;

use lib::{bounded_param::BoundedUint, srcu};

use core::{
    ffi::c_void,
    ptr::addr_of,
    sync::atomic::{AtomicUsize, Ordering},
};
use kernel::{
    bindings, c_str,
    ffi::{c_char, c_int, c_ulong},
    prelude::*,
    types::Opaque,
};

module_with_teardown! {
    type: SrcuGuard,
    name: "srcu_guard",
    author: "srcu-guard developers",
    description: "Barriers the static SRCU domains of going modules",
    license: "GPL",
}

/// `MODULE_NAME_LEN`, the size of `struct module`'s `name`.
const MODULE_NAME_LEN: usize = 56;
const _: fn(&bindings::module) -> [kernel::ffi::c_char; MODULE_NAME_LEN] = |m| m.name;

/// A C object in a static, shared with C code that does its own locking.
#[repr(transparent)]
struct Shared<T>(Opaque<T>);

// SAFETY: Only C code accesses the object, under its own locking (the
// notifier chain's rwsem, lockdep's graph lock).
unsafe impl<T> Sync for Shared<T> {}

/// `struct srcu_guard_record` of `srcu_guard_stats.h`.
#[repr(C)]
struct Record {
    module: [u8; MODULE_NAME_LEN],
    domains: u32,
    skipped_uninit: u32,
    skipped_unused: u32,
    barriered: u32,
    passes: u32,
    pending_domains: u32,
    ns: u64,
    pending: u64,
}

// `struct srcu_guard_record`'s size: the C side asserts the same.
const _: () = assert!(core::mem::size_of::<Record>() == MODULE_NAME_LEN + 6 * 4 + 2 * 8);

// 7.x's bindings have field-less structs (options configured out) deep
// inside the pointees; only pointers cross, which C handles as such.
#[allow(improper_ctypes)]
extern "C" {
    static srcu_guard_concurrent_barriers: BoundedUint;
    fn srcu_guard_stats_add(r: *const Record);
    fn srcu_guard_stats_init();
    fn srcu_guard_stats_exit();
    fn srcu_guard_pending(ssp: *mut bindings::srcu_struct, first: *mut RcuCallback) -> c_ulong;
    fn srcu_guard_report_on() -> bool;
    fn srcu_guard_report_domain(
        module: *const c_char,
        ssp: *const bindings::srcu_struct,
        pending: c_ulong,
        func: RcuCallback,
    );
    fn srcu_guard_report_module(
        module: *const c_char,
        domains: u32,
        pending_domains: u32,
        pending: u64,
        ssp: *const bindings::srcu_struct,
        func: RcuCallback,
        ns: u64,
    );
    fn srcu_guard_pin_until_freed(m: *mut bindings::module) -> c_int;
}

/// A callback function, as C's `rcu_callback_t` (`None` for NULL).
type RcuCallback = bindings::rcu_callback_t;

/// Domains of one going module named one line each by the report; the
/// others are only counted in the module's line.
const REPORT_DOMAINS: usize = 8;

/// Barrier passes after the first before the guard gives up on a module
/// whose callbacks keep queueing callbacks, and says so.
const MAX_PASSES: u32 = 16;

/// Ahead of every other module notifier, so that callbacks run while the
/// going module is still as its exit left it; in any case above the
/// kernel's SRCU notifier (priority 0).
const GUARD_PRIORITY: c_int = c_int::MAX;

/// The notifier block, registered while this module is loaded.
static NB: Shared<bindings::notifier_block> = Shared(Opaque::new(bindings::notifier_block {
    notifier_call: Some(notify),
    next: core::ptr::null_mut(),
    priority: GUARD_PRIORITY,
}));

/// Lockdep class of the barrier work items.
static BARRIER_WORK_KEY: Shared<bindings::lock_class_key> = Shared(Opaque::uninit());

/// The domains of one going module whose callbacks must be waited for,
/// shared by the workers that barrier them.
struct Barriers<'a> {
    list: &'a [*mut bindings::srcu_struct],
    next: AtomicUsize,
}

impl Barriers<'_> {
    /// Takes domains from the shared cursor and runs `srcu_barrier()` on
    /// each, until none is left.
    fn run(&self) {
        while let Some(&ssp) = self.list.get(self.next.fetch_add(1, Ordering::Relaxed)) {
            // SAFETY: `ssp` is a domain of the going module, valid until
            // the module is freed after the GOING notifiers.
            unsafe { bindings::srcu_barrier(ssp) };
        }
    }
}

/// A worker on `system_unbound_wq`, running [`Barriers::run`].
///
/// # Invariants
///
/// `work` is the first field, initialised by `init_work_with_key()` before
/// it is queued; `barriers` is valid until the work was flushed.
#[repr(C)]
struct BarrierWork {
    work: Opaque<bindings::work_struct>,
    barriers: *const Barriers<'static>,
}

/// The work function of a [`BarrierWork`].
///
/// # Safety
///
/// `work` must be the `work` of a [`BarrierWork`].
unsafe extern "C" fn barrier_work(work: *mut bindings::work_struct) {
    let bw = work.cast::<BarrierWork>();
    // SAFETY: `work` is the first field of a live `BarrierWork` whose
    // `barriers` is valid until this work is flushed (type invariant).
    unsafe { (*(*bw).barriers).run() };
}

/// Runs `srcu_barrier()` on every domain of `list` and returns when all
/// of them are done. The barriers of domains whose grace periods are
/// already in flight overlap even one after the other, so the workers are
/// few: this thread and up to one work item per other online CPU, all
/// taking domains from one cursor (`concurrent_barriers=0`: this thread
/// alone). One work item per domain made unloads with 64 domains slower,
/// not faster (kworkers spawned for each; see Documentation/results.rst).
fn barrier_all(list: &[*mut bindings::srcu_struct]) {
    // SAFETY: A static of the C part, alive as long as the module.
    let concurrent = unsafe { &srcu_guard_concurrent_barriers }.get() != 0;
    let cpus = lib::kthread::online_cpus();
    let helpers = match usize::try_from(cpus) {
        Ok(cpus) if concurrent => list.len().min(cpus).saturating_sub(1),
        _ => 0,
    };
    let barriers = Barriers {
        list,
        next: AtomicUsize::new(0),
    };
    // No memory for work items: this thread alone.
    let mut works = KVec::with_capacity(helpers, GFP_KERNEL).unwrap_or_default();
    while works.len() < helpers.min(works.capacity()) {
        let bw = BarrierWork {
            work: Opaque::uninit(),
            barriers: core::ptr::from_ref(&barriers).cast(),
        };
        // Cannot fail: within the reserved capacity, so nothing moves.
        if works.push(bw, GFP_KERNEL).is_err() {
            break;
        }
    }
    for bw in works.iter() {
        let work = bw.work.get();
        // SAFETY: `work` is not queued yet and stays at this address until
        // flushed below, as does `barriers`; `barrier_work` matches.
        unsafe {
            bindings::init_work_with_key(
                work,
                Some(barrier_work),
                false,
                c_str!("srcu_guard_barrier").as_char_ptr(),
                BARRIER_WORK_KEY.0.get(),
            );
            bindings::queue_work_on(
                bindings::wq_misc_consts_WORK_CPU_UNBOUND as c_int,
                bindings::system_unbound_wq,
                work,
            );
        }
    }
    barriers.run();
    for bw in works.iter() {
        // SAFETY: The work was initialised and queued above.
        unsafe { bindings::flush_work(bw.work.get()) };
    }
}

/// The `sda` that [`guard_coming`] gives each static domain of a coming
/// module until the kernel's `srcu_module_coming()` stores the result of
/// its `alloc_percpu()`: not aligned, so never such a result.
const SDA_PENDING: *mut bindings::srcu_data =
    core::ptr::null_mut::<bindings::srcu_data>().wrapping_byte_add(1);

/// `MODULE_STATE_COMING`, ahead of the kernel's SRCU notifier: marks every
/// static domain of `m` [`SDA_PENDING`], so that [`guard_coming_failed`]
/// can tell whether `srcu_module_coming()` ran and where it failed.
///
/// # Safety
///
/// `m` must be a module in `MODULE_STATE_COMING`, whose code never ran.
unsafe fn guard_coming(m: *mut bindings::module) {
    // SAFETY: `m` is live (safety requirement).
    for &ssp in unsafe { srcu::module_domains(m) } {
        // SAFETY: No code uses the domain yet; only the module notifiers
        // after this one, which run on this thread, look at `sda`.
        unsafe {
            if (*ssp).sda.is_null() {
                (*ssp).sda = SDA_PENDING;
            }
        }
    }
}

/// Stands in for the `init` of a module whose static domains have no
/// per-CPU data: the load then fails with -ENOMEM, as
/// `srcu_module_coming()` meant it to.
extern "C" fn refuse_init() -> c_int {
    -(bindings::ENOMEM as c_int)
}

/// The robust notifier chain rolls a failed `MODULE_STATE_COMING` of `m`
/// back with GOING to the notifiers that had seen COMING: this one, and
/// the kernel's SRCU notifier when a later notifier failed. Clears
/// [`SDA_PENDING`] and returns how many domains got their per-CPU data.
///
/// When a domain has no per-CPU data, because `srcu_module_coming()`
/// failed (its `sda` is null) or because a notifier between the guard and
/// the kernel's SRCU notifier stopped the chain (still [`SDA_PENDING`]),
/// Linux 6.12 goes on loading the module: `srcu_module_notify()` returns
/// the raw -ENOMEM, whose bit 15 stops the chain, but
/// `notifier_to_errno()` then reads it as success; `NOTIFY_STOP` reads as
/// success on every kernel. The module would run
/// with domains whose `sda` is null, and its first `srcu_read_lock()`
/// would write `srcu_data` at the start of every CPU's per-CPU area. The
/// guard replaces the module's `init` with [`refuse_init`], pinning
/// itself as a module that the refused one uses, so that the kernel drops
/// the pin when it frees that module: after `refuse_init` failed its init
/// (Linux 6.12), or right away on a kernel whose `srcu_module_notify()`
/// returns `notifier_from_errno()` and so stops the load itself, with no
/// GOING after this one. The kernel's SRCU notifier, when it ran, gets
/// this GOING and frees the per-CPU data of the domains allocated before
/// the failure.
///
/// When every domain got its per-CPU data, a notifier after the SRCU one
/// failed, and the SRCU notifier's rollback, right after this one, frees
/// all of it and leaves the pointers. A notifier that returned
/// `NOTIFY_STOP` or a raw errno lets the load go on with them: the init is
/// refused the same way, and the final GOING clears them before the SRCU
/// notifier frees them again: there, a refused module whose domains have
/// no NULL `sda` is this case, since the other two leave at least one
/// NULL (the failed domain, or every never-allocated one).
///
/// # Safety
///
/// `m` must be a module in `MODULE_STATE_COMING` whose COMING failed, and
/// this must run on the loading thread.
unsafe fn guard_coming_failed(m: *mut bindings::module, name: &CStr) -> usize {
    let (mut allocated, mut failed, mut never_ran) = (0, 0, 0);
    // SAFETY: `m` is live (safety requirement).
    let ptrs = unsafe { srcu::module_domains(m) };
    for &ssp in ptrs {
        // SAFETY: The module's code never ran; the loading thread, this
        // one, is the only one to look at `sda`.
        unsafe {
            match (*ssp).sda {
                SDA_PENDING => {
                    (*ssp).sda = core::ptr::null_mut();
                    never_ran += 1;
                }
                sda if sda.is_null() => failed += 1,
                _ => allocated += 1,
            }
        }
    }
    if ptrs.is_empty() {
        return allocated;
    }
    // SAFETY: `m` is being loaded by this thread. The pin keeps the
    // refusing `init` mapped until `m` is freed, whichever way its load
    // ends.
    let pinned = unsafe { srcu_guard_pin_until_freed(m) };
    if pinned != 0 {
        pr_err!("{name}: MODULE_STATE_COMING failed, and the guard cannot pin itself ({pinned}) to refuse its init\n");
        return allocated;
    }
    let why = if failed > 0 {
        "srcu_module_coming() failed"
    } else if never_ran > 0 {
        "the kernel's SRCU notifier did not run"
    } else {
        "a later notifier failed; the SRCU notifier's rollback frees them"
    };
    // SAFETY: The loading thread, this one, calls `init` after the chain,
    // if the kernel goes on loading the module.
    unsafe { (*m).init = Some(refuse_init) };
    pr_err!(
        "{name}: MODULE_STATE_COMING failed with {allocated} of {} domains given per-CPU data ({why}): init refused, the load fails with -ENOMEM\n",
        ptrs.len()
    );
    allocated
}

/// Waits for the callbacks of every static domain of the going module `m`.
///
/// # Safety
///
/// `m` must be a module in `MODULE_STATE_GOING` (or rolled back from a
/// failed `MODULE_STATE_COMING`), not yet freed, and this must run on the
/// thread that loads or unloads it.
unsafe fn guard_going(m: *mut bindings::module) {
    // SAFETY: `m` is live (safety requirement).
    let (data, state, refused) = unsafe {
        (
            srcu::module_data(m),
            (*m).state,
            (*m).init.map(|f| f as usize) == Some(refuse_init as *const () as usize),
        )
    };
    // SAFETY: `name` is the module's NUL-terminated name.
    let name = unsafe { CStr::from_char_ptr(addr_of!((*m).name).cast()) };
    // The robust notifier chain rolls a failed MODULE_STATE_COMING back
    // with GOING before the module's state moves on from COMING.
    let coming_failed = state == bindings::module_state_MODULE_STATE_COMING;
    // SAFETY: `m` is live (safety requirement).
    let ptrs = unsafe { srcu::module_domains(m) };
    let allocated = if coming_failed && !ptrs.is_empty() {
        // SAFETY: COMING failed; this is the loading thread.
        unsafe { guard_coming_failed(m, name) }
    } else {
        0
    };
    let freed = refused
        && !coming_failed
        && ptrs.iter().all(|&ssp| {
            // SAFETY: The module never ran; only its loading thread, this
            // one, looks at `sda`.
            unsafe { !(*ssp).sda.is_null() }
        });
    if freed {
        for &ssp in ptrs {
            // SAFETY: The module never ran; this is its loading thread,
            // ahead of the kernel's SRCU notifier, which would free the
            // pointer a second time (`free_percpu(NULL)` does nothing).
            unsafe { (*ssp).sda = core::ptr::null_mut() };
        }
    }
    if !ptrs.is_empty() {
        barrier_going(ptrs, data, name, coming_failed, allocated);
    }
    if !coming_failed {
        // A NULL `sda` at the final GOING: a refused module's, or that of
        // a module whose `srcu_module_coming()` failed before the guard was
        // loaded, which the kernel then loaded anyway. The kernel's
        // `srcu_module_going()`, right after this notifier, gets only the
        // domains with per-CPU data.
        // SAFETY: `m` is going and not freed, on its unloading thread;
        // `sda` is written only at COMING and by the guard, on this thread.
        let (keep, total) = unsafe { srcu::leave_going_percpu(m) };
        if keep < total && !refused {
            // A module the guard did not refuse: it was loaded without it.
            pr_info!(
                "{name}: {} of {total} static domains have no per-CPU data (srcu_module_coming() failed): srcu_module_going() gets the first {keep}\n",
                total - keep
            );
        }
    }
}

/// What the guard does with a static domain of a going module.
#[derive(PartialEq)]
enum Class {
    /// Never initialised by its update side: nothing was ever queued.
    Uninit,
    /// A Rust domain that never saw `call_srcu()`.
    Unused,
    /// Callbacks may be queued: wait for them.
    Wait,
}

/// Classifies `ssp`, a static domain of a going module whose data is
/// `data`, in O(1): no per-CPU data is read.
///
/// # Safety
///
/// `ssp` must be a static domain of a module that is going and not freed,
/// whose data occupies `data`.
unsafe fn classify(ssp: *mut bindings::srcu_struct, data: core::ops::Range<usize>) -> Class {
    // SAFETY: `ssp` is a valid domain (safety requirement).
    if !unsafe { srcu::raw_is_initialized(ssp) } {
        return Class::Uninit;
    }
    // SAFETY: As above; `data` is the module's data, mapped until it is
    // freed after the GOING notifiers.
    match unsafe { srcu::SrcuDomain::from_raw_in(ssp, data) } {
        Some(d) if !d.call_used() => Class::Unused,
        _ => Class::Wait,
    }
}

/// Barriers the domains `ptrs` of the going module `name`, whose data
/// occupies `data`, records and logs what it did.
///
/// The first pass barriers every domain that may hold callbacks. A
/// callback that ran during a pass may have queued another on any domain
/// of the module (one skipped as uninitialised or unused, one already
/// barriered, its own), so the guard looks again at every domain that may
/// now hold callbacks and barriers those that do, pass after pass, until
/// two sweeps in a row find none (a callback that hops from a domain not
/// yet swept to one already swept is found by the second), at most
/// [`MAX_PASSES`] passes after the first; hitting the bound is logged.
fn barrier_going(
    ptrs: &[*mut bindings::srcu_struct],
    data: core::ops::Range<usize>,
    name: &CStr,
    coming_failed: bool,
    allocated: usize,
) {
    // SAFETY: Callable from any context.
    let start = unsafe { bindings::ktime_get_mono_fast_ns() };
    let mut rec = Record {
        module: [0; MODULE_NAME_LEN],
        domains: 0,
        skipped_uninit: 0,
        skipped_unused: 0,
        barriered: 0,
        passes: 1,
        pending_domains: 0,
        ns: 0,
        pending: 0,
    };
    // The first domains with callbacks pending, named after the barriers.
    let mut named = Pending::default();
    // SAFETY: Reads the parameter.
    let report = !coming_failed && unsafe { srcu_guard_report_on() };
    let mut todo = KVec::with_capacity(ptrs.len(), GFP_KERNEL).unwrap_or_default();
    for &ssp in ptrs {
        rec.domains += 1;
        // SAFETY: `ssp` is a static domain of the going module, whose data
        // is `data`.
        match unsafe { classify(ssp, data.clone()) } {
            Class::Uninit => rec.skipped_uninit += 1,
            Class::Unused => rec.skipped_unused += 1,
            Class::Wait => {
                rec.barriered += 1;
                if report {
                    // SAFETY: A `Wait` domain is initialised.
                    unsafe { count_pending(ssp, &mut rec, &mut named) };
                }
                if todo.push(ssp, GFP_KERNEL).is_err() {
                    // SAFETY: As above.
                    unsafe { bindings::srcu_barrier(ssp) };
                }
            }
        }
    }
    barrier_all(&todo);
    let mut quiet = 0;
    while quiet < 2 {
        todo = KVec::new();
        for &ssp in ptrs {
            // SAFETY: As above.
            if unsafe { classify(ssp, data.clone()) } != Class::Wait {
                continue;
            }
            // SAFETY: A `Wait` domain is initialised, as
            // `srcu_guard_pending()` requires.
            if unsafe { srcu_guard_pending(ssp, core::ptr::null_mut()) } > 0
                && todo.push(ssp, GFP_KERNEL).is_err()
            {
                // SAFETY: As above.
                unsafe { bindings::srcu_barrier(ssp) };
            }
        }
        if todo.is_empty() {
            quiet += 1;
            continue;
        }
        quiet = 0;
        if rec.passes > MAX_PASSES {
            pr_err!(
                "{name}: callbacks still queued on {} domains after {} barrier passes: the module's memory goes under them\n",
                todo.len(),
                rec.passes
            );
            break;
        }
        rec.passes += 1;
        barrier_all(&todo);
    }
    // SAFETY: Callable from any context.
    rec.ns = unsafe { bindings::ktime_get_mono_fast_ns() }.saturating_sub(start);
    // Module names are ASCII.
    for (d, s) in rec
        .module
        .iter_mut()
        .zip(name.to_str().unwrap_or("?").bytes())
    {
        *d = s;
    }
    // SAFETY: `rec` is a valid record; the C side copies it.
    unsafe { srcu_guard_stats_add(&rec) };
    if coming_failed {
        pr_info!(
            "{name}: domains={} skipped_uninit={} skipped_unused={} barriered={} ns={} passes={} (MODULE_STATE_COMING failed) percpu_allocated={allocated}\n",
            rec.domains,
            rec.skipped_uninit,
            rec.skipped_unused,
            rec.barriered,
            rec.ns,
            rec.passes
        );
    } else if rec.barriered > 0 || rec.passes > 1 {
        pr_info!(
            "{name}: domains={} skipped_uninit={} skipped_unused={} barriered={} ns={} passes={} pending_domains={} pending={}\n",
            rec.domains,
            rec.skipped_uninit,
            rec.skipped_unused,
            rec.barriered,
            rec.ns,
            rec.passes,
            rec.pending_domains,
            rec.pending
        );
    }
    if rec.pending > 0 {
        for &(ssp, n, func) in &named.domains[..named.len] {
            // SAFETY: `name` is NUL-terminated; `ssp` and `func` are only
            // printed.
            unsafe { srcu_guard_report_domain(name.as_char_ptr(), ssp, n, func) };
        }
        // SAFETY: As above; the first named domain exists, since
        // `rec.pending > 0`.
        unsafe {
            srcu_guard_report_module(
                name.as_char_ptr(),
                rec.domains,
                rec.pending_domains,
                rec.pending,
                named.domains[0].0,
                named.func,
                rec.ns,
            )
        };
    }
}

/// The first [`REPORT_DOMAINS`] domains of a going module found with
/// callbacks pending (domain, count, one callback's function), and the
/// first callback function found on any of them.
struct Pending {
    domains: [(*const bindings::srcu_struct, c_ulong, RcuCallback); REPORT_DOMAINS],
    len: usize,
    func: RcuCallback,
}

impl Default for Pending {
    fn default() -> Self {
        Self {
            domains: [(core::ptr::null(), 0, None); REPORT_DOMAINS],
            len: 0,
            func: None,
        }
    }
}

/// Counts the callbacks pending on `ssp` as its module goes, into `rec`,
/// and keeps the domain in `named` if it is one of the first
/// [`REPORT_DOMAINS`] with callbacks pending. Before any barrier: what the
/// module's exit left behind. The report is printed after the barriers,
/// so that printing does not delay them.
///
/// # Safety
///
/// `ssp` must be an initialised static domain of a going module.
unsafe fn count_pending(ssp: *mut bindings::srcu_struct, rec: &mut Record, named: &mut Pending) {
    let mut func: RcuCallback = None;
    // SAFETY: `ssp` is initialised (safety requirement).
    let n = unsafe { srcu_guard_pending(ssp, &mut func) };
    if n == 0 {
        return;
    }
    rec.pending_domains += 1;
    rec.pending += n as u64;
    if named.func.is_none() {
        named.func = func;
    }
    if let Some(slot) = named.domains.get_mut(named.len) {
        *slot = (ssp, n, func);
        named.len += 1;
    }
}

/// The module notifier.
///
/// # Safety
///
/// Called by the module notifier chain, with `data` the `struct module`.
unsafe extern "C" fn notify(
    _nb: *mut bindings::notifier_block,
    action: c_ulong,
    data: *mut c_void,
) -> c_int {
    if action == bindings::module_state_MODULE_STATE_COMING as c_ulong {
        // SAFETY: The chain passes the coming module, on its loading thread.
        unsafe { guard_coming(data.cast()) };
    } else if action == bindings::module_state_MODULE_STATE_GOING as c_ulong {
        // SAFETY: The chain passes a module that is going and not freed,
        // on the thread that loads or unloads it.
        unsafe { guard_going(data.cast()) };
    }
    bindings::NOTIFY_DONE as c_int
}

/// The loaded guard.
struct SrcuGuard;

impl kernel::Module for SrcuGuard {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        // SAFETY: Creates the debugfs files when there is debugfs; undone
        // in `drop` or below.
        unsafe { srcu_guard_stats_init() };
        // SAFETY: `NB` is static and unregistered before this module goes.
        let ret = unsafe { bindings::register_module_notifier(NB.0.get()) };
        if let Err(e) = kernel::error::to_result(ret) {
            // SAFETY: Created above.
            unsafe { srcu_guard_stats_exit() };
            return Err(e);
        }
        pr_info!("loaded\n");
        Ok(SrcuGuard)
    }
}

impl Drop for SrcuGuard {
    fn drop(&mut self) {
        // SAFETY: Registered in `init`. This waits for running notifier
        // calls, so no code of this module runs in the chain afterwards.
        unsafe { bindings::unregister_module_notifier(NB.0.get()) };
        // SAFETY: Created in `init`.
        unsafe { srcu_guard_stats_exit() };
        pr_info!("unloaded\n");
    }
}
