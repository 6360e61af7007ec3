// SPDX-License-Identifier: GPL-2.0

//! Tracepoint probes registered from Rust, with a priority and typed data.
//!
//! C: `include/linux/tracepoint.h`, `kernel/tracepoint.c`. Linux 6.12 has no
//! Rust tracepoint API; this calls the exported functions through the
//! bindings. The tracepoint itself is defined in C by the module
//! (`DEFINE_TRACE`), which hands its `struct tracepoint` to Rust.
//!
//! A [`Probe`] is registered while it exists: dropping it unregisters it,
//! so a probe owned by a module's state cannot stay registered past the
//! module's exit. A hit that began before the unregistration may still be
//! running the probe's code and reading its data: both stay as long as
//! the module, whose exit ([`module_with_teardown!`](crate::module_with_teardown))
//! waits with `tracepoint_synchronize_unregister()` in each pass of its
//! drain whenever the crate registered a probe
//! ([`synchronize_if_registered`]). No module code has to remember it.

use core::{
    ffi::c_void,
    marker::PhantomData,
    sync::atomic::{AtomicBool, Ordering},
};
use kernel::{bindings, ffi::c_int, prelude::*};

// `include/linux/tracepoint.h` is not in 6.12's bindings: its exported
// symbols are declared here, its inline functions are C shims.
// 7.x's bindings have field-less structs (options configured out) deep
// inside the pointees; only pointers cross, which C handles as such.
#[allow(improper_ctypes)]
extern "C" {
    fn rust_lib_tracepoint_synchronize_unregister();
    fn tracepoint_probe_register_prio_may_exist(
        tp: *mut bindings::tracepoint,
        probe: *mut c_void,
        data: *mut c_void,
        prio: c_int,
    ) -> c_int;
    fn tracepoint_probe_unregister(
        tp: *mut bindings::tracepoint,
        probe: *mut c_void,
        data: *mut c_void,
    ) -> c_int;
}

/// A probe function of a tracepoint whose prototype is `(void *data, A)`.
///
/// # Examples
///
/// ```
/// struct Hits(core::sync::atomic::AtomicU64);
///
/// /// # Safety
/// ///
/// /// `data` must be the `Hits` the probe was registered with.
/// unsafe extern "C" fn count(data: *const Hits, _v: core::ffi::c_int) {
///     // SAFETY: `data` is a live `Hits` (safety requirement).
///     unsafe { &*data }.0.fetch_add(1, core::sync::atomic::Ordering::Relaxed);
/// }
///
/// const COUNT: tracepoint::ProbeFn<Hits, core::ffi::c_int> = count;
/// ```
pub type ProbeFn<T, A> = unsafe extern "C" fn(data: *const T, arg: A);

/// A probe registered on a tracepoint, unregistered when dropped.
///
/// # Examples
///
/// ```
/// #[allow(improper_ctypes)] // 7.x: field-less structs inside.
/// extern "C" {
///     // `DEFINE_TRACE(my_event, TP_PROTO(int v), TP_ARGS(v))` in C.
///     static mut __tracepoint_my_event: bindings::tracepoint;
/// }
/// static HITS: core::sync::atomic::AtomicU64 = core::sync::atomic::AtomicU64::new(0);
///
/// /// # Safety
/// ///
/// /// `data` must be `HITS`.
/// unsafe extern "C" fn count(data: *const core::sync::atomic::AtomicU64, _v: core::ffi::c_int) {
///     // SAFETY: `data` is `HITS` (safety requirement).
///     unsafe { &*data }.fetch_add(1, core::sync::atomic::Ordering::Relaxed);
/// }
///
/// struct MyModule {
///     probe: tracepoint::Probe<core::sync::atomic::AtomicU64, core::ffi::c_int>,
/// }
///
/// fn start() -> Result<MyModule> {
///     // SAFETY: `my_event`'s probes take `(void *, int)`; it is defined
///     // in this module's C part.
///     let probe = unsafe { tracepoint::Probe::register(&raw mut __tracepoint_my_event, count, &HITS, 10) }?;
///     Ok(MyModule { probe })
/// }
///
/// // Dropping `MyModule` unregisters the probe; the module's teardown
/// // then waits for the hits still running it.
/// ```
///
/// # Invariants
///
/// `(func, data)` is registered on `tp`, a tracepoint whose probes have the
/// prototype `(void *, A)`.
pub struct Probe<T: Sync + 'static, A> {
    tp: *mut bindings::tracepoint,
    func: ProbeFn<T, A>,
    data: &'static T,
    _arg: PhantomData<A>,
}

// SAFETY: Registration and unregistration may happen on any thread.
unsafe impl<T: Sync + 'static, A> Send for Probe<T, A> {}

impl<T: Sync + 'static, A> Probe<T, A> {
    /// Registers `func` with `data` on `tp` with priority `prio` (higher
    /// runs first; the kernel's default is 10).
    ///
    /// # Safety
    ///
    /// `tp` must be a tracepoint whose probes have the prototype
    /// `(void *, A)`, defined in this module (its C part), so that every
    /// hit of it runs this module's code. A probe that safe code leaks
    /// (`mem::forget`) then stays registered only on a tracepoint that
    /// nothing can hit once the module is gone: the kernel warns at the
    /// unload (`tp_module_going_check_quiescent()`) and frees nothing
    /// that the probe uses. On a tracepoint of the kernel or of another
    /// module, a leaked probe would be called after this module's code
    /// and data were freed.
    ///
    /// # Examples
    ///
    /// Two probes of one function with different data, the first called
    /// first:
    ///
    /// ```
    /// #[allow(improper_ctypes)] // 7.x: field-less structs inside.
    /// extern "C" {
    ///     // `DEFINE_TRACE(my_event, TP_PROTO(int v), TP_ARGS(v))` in C.
    ///     static mut __tracepoint_my_event: bindings::tracepoint;
    /// }
    /// static FIRST: u32 = 1;
    /// static SECOND: u32 = 2;
    ///
    /// /// # Safety
    /// ///
    /// /// `data` must be `FIRST` or `SECOND`.
    /// unsafe extern "C" fn probe(data: *const u32, v: core::ffi::c_int) {
    ///     // SAFETY: `data` is a live `u32` (safety requirement).
    ///     pr_info!("probe {} saw {v}\n", unsafe { *data });
    /// }
    ///
    /// fn register_both() -> Result<[tracepoint::Probe<u32, core::ffi::c_int>; 2]> {
    ///     let tp = &raw mut __tracepoint_my_event;
    ///     // SAFETY: `my_event`'s probes take `(void *, int)`, and it is
    ///     // defined in this module's C part.
    ///     let first = unsafe { tracepoint::Probe::register(tp, probe, &FIRST, 20) }?;
    ///     // SAFETY: As above.
    ///     let second = unsafe { tracepoint::Probe::register(tp, probe, &SECOND, 10) }?;
    ///     Ok([first, second])
    /// }
    /// ```
    pub unsafe fn register(
        tp: *mut bindings::tracepoint,
        func: ProbeFn<T, A>,
        data: &'static T,
        prio: i32,
    ) -> Result<Self> {
        // SAFETY: `tp` is a live tracepoint of this prototype (safety
        // requirement); `data` outlives every call.
        let ret = unsafe {
            tracepoint_probe_register_prio_may_exist(
                tp,
                func as *mut c_void,
                core::ptr::from_ref(data).cast_mut().cast(),
                prio as c_int,
            )
        };
        kernel::error::to_result(ret)?;
        // Before any unregistration can happen: the module's exit then
        // waits for the hits of this probe.
        REGISTERED.store(true, Ordering::Relaxed);
        Ok(Self {
            tp,
            func,
            data,
            _arg: PhantomData,
        })
    }

    /// The probe's data.
    ///
    /// # Examples
    ///
    /// ```
    /// fn hits(p: &tracepoint::Probe<core::sync::atomic::AtomicU64, core::ffi::c_int>) -> u64 {
    ///     p.data().load(core::sync::atomic::Ordering::Relaxed)
    /// }
    /// ```
    pub fn data(&self) -> &'static T {
        self.data
    }
}

impl<T: Sync + 'static, A> Drop for Probe<T, A> {
    fn drop(&mut self) {
        // SAFETY: `(func, data)` is registered on `tp` (type invariant).
        let ret = unsafe {
            tracepoint_probe_unregister(
                self.tp,
                self.func as *mut c_void,
                core::ptr::from_ref(self.data).cast_mut().cast(),
            )
        };
        if ret != 0 {
            pr_err!("tracepoint_probe_unregister failed: {ret}\n");
        }
    }
}

/// Whether this crate ever registered a probe.
static REGISTERED: AtomicBool = AtomicBool::new(false);

/// `tracepoint_synchronize_unregister()`: waits until no tracepoint hit can
/// still be running a probe unregistered before this call.
///
/// # Examples
///
/// Reusing a probe's data for something else after unregistering it:
///
/// ```
/// fn retire(probe: tracepoint::Probe<u32, core::ffi::c_int>) {
///     drop(probe);
///     // No hit still runs the probe after this returns.
///     tracepoint::synchronize_unregister();
/// }
/// ```
pub fn synchronize_unregister() {
    // SAFETY: The kernel's inline function, compiled by the module's C
    // part; callable from process context.
    unsafe { rust_lib_tracepoint_synchronize_unregister() };
}

/// [`synchronize_unregister`] if this crate ever registered a probe: each
/// pass of the module's exit's [`drain`](super::srcu::drain).
///
/// # Examples
///
/// ```
/// fn exit() {
///     tracepoint::synchronize_if_registered();
/// }
/// ```
pub fn synchronize_if_registered() {
    if REGISTERED.load(Ordering::Relaxed) {
        synchronize_unregister();
    }
}
