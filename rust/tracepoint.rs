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
//! module's exit. Its data is `'static`, so a hit that is still running the
//! probe after the unregistration never sees freed data; the module's exit
//! must still call [`synchronize_unregister`] before the probe's code goes.
//!
//! This file is shared between crates by inclusion, as `mod tracepoint`.
//! Each including crate uses a part of it, hence `allow(dead_code)`.

#![allow(dead_code)]

use core::{ffi::c_void, marker::PhantomData};
use kernel::{bindings, ffi::c_int, prelude::*};

// `include/linux/tracepoint.h` is not in 6.12's bindings: its exported
// symbols are declared here.
extern "C" {
    /// The SRCU domain of rcuidle tracepoint hits.
    static mut tracepoint_srcu: bindings::srcu_struct;
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
pub(crate) type ProbeFn<T, A> = unsafe extern "C" fn(data: *const T, arg: A);

/// A probe registered on a tracepoint, unregistered when dropped.
///
/// # Invariants
///
/// `(func, data)` is registered on `tp`, a tracepoint whose probes have the
/// prototype `(void *, A)`.
pub(crate) struct Probe<T: Sync + 'static, A> {
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
    /// `(void *, A)`, alive as long as the returned probe.
    pub(crate) unsafe fn register(
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
        Ok(Self {
            tp,
            func,
            data,
            _arg: PhantomData,
        })
    }

    /// The probe's data.
    pub(crate) fn data(&self) -> &'static T {
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

/// `tracepoint_synchronize_unregister()`: waits until no tracepoint hit can
/// still be running a probe unregistered before this call.
pub(crate) fn synchronize_unregister() {
    // SAFETY: `tracepoint_srcu` is the kernel's, initialised at boot.
    unsafe {
        bindings::synchronize_srcu(&raw mut tracepoint_srcu);
        bindings::synchronize_rcu();
    }
}
