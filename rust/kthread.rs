// SPDX-License-Identifier: GPL-2.0

//! Kernel threads owned by a module: started by [`KThread::run`], stopped
//! and reaped when dropped.
//!
//! C: `include/linux/kthread.h`. Linux 6.12 has no Rust kthread API; this
//! calls the exported C functions through the bindings.
//!
//! This file is shared between crates by inclusion, as `mod kthread`.
//! Each including crate uses a part of it, hence `allow(dead_code)`.

#![allow(dead_code)]

use core::ffi::{c_int, c_void};
use kernel::{bindings, c_str, prelude::*};

/// A running kernel thread, stopped by [`Drop`].
///
/// The thread function must run until [`should_stop`] is true: it may not
/// return earlier, so that stopping it never races with its exit.
///
/// # Examples
///
/// ```
/// fn poll(arg: usize) {
///     while !kthread::should_stop() {
///         pr_info!("polling device {arg}\n");
///         kthread::msleep(100);
///     }
/// }
///
/// struct MyModule {
///     _poller: kthread::KThread,
/// }
///
/// fn start() -> Result<MyModule> {
///     Ok(MyModule {
///         _poller: kthread::KThread::run(c_str!("my_poller"), poll, 0)?,
///     })
/// }
/// ```
///
/// # Invariants
///
/// `task` is a kthread created by `kthread_create_on_node()`, woken, and
/// holding a task reference taken by [`KThread::run`].
pub(crate) struct KThread {
    task: *mut bindings::task_struct,
}

// SAFETY: A task pointer can be stopped from any thread.
unsafe impl Send for KThread {}
// SAFETY: `KThread` has no `&self` methods that mutate.
unsafe impl Sync for KThread {}

/// The C entry point: runs `func(arg)` where `data` encodes both.
///
/// # Safety
///
/// `data` must come from [`KThread::run`].
unsafe extern "C" fn trampoline(data: *mut c_void) -> c_int {
    // SAFETY: `run` passes a leaked `KBox<(fn(usize), usize)>`, owned by
    // this thread from now on.
    let boxed = unsafe { KBox::from_raw(data.cast::<(fn(usize), usize)>()) };
    let (func, arg) = KBox::into_inner(boxed);
    func(arg);
    0
}

impl KThread {
    /// Starts a thread named `name` running `func(arg)`.
    ///
    /// # Examples
    ///
    /// ```
    /// fn idle(_: usize) {
    ///     while !kthread::should_stop() {
    ///         kthread::msleep(20);
    ///     }
    /// }
    ///
    /// fn start() -> Result<kthread::KThread> {
    ///     kthread::KThread::run(c_str!("my_idle"), idle, 0)
    /// }
    /// ```
    pub(crate) fn run(name: &CStr, func: fn(usize), arg: usize) -> Result<Self> {
        Self::start(name, func, arg, None)
    }

    /// Starts a thread bound to `cpu`, named `name`, running `func(arg)`.
    ///
    /// # Examples
    ///
    /// ```
    /// fn spin(cpu: usize) {
    ///     while !kthread::should_stop() {
    ///         kthread::usleep(100);
    ///     }
    ///     pr_info!("reader on CPU {cpu} stopped\n");
    /// }
    ///
    /// fn one_per_cpu(cpus: u32) -> Result<KVec<kthread::KThread>> {
    ///     let mut v = KVec::new();
    ///     for cpu in 0..cpus {
    ///         v.push(kthread::KThread::run_on(cpu, c_str!("my_reader/%u"), spin, cpu as usize)?, GFP_KERNEL)?;
    ///     }
    ///     Ok(v)
    /// }
    /// ```
    pub(crate) fn run_on(cpu: u32, name: &CStr, func: fn(usize), arg: usize) -> Result<Self> {
        Self::start(name, func, arg, Some(cpu))
    }

    fn start(name: &CStr, func: fn(usize), arg: usize, cpu: Option<u32>) -> Result<Self> {
        let data = KBox::into_raw(KBox::new((func, arg), GFP_KERNEL)?);
        let task = match cpu {
            // SAFETY: `trampoline` takes `data` back; the format is "%s".
            None => unsafe {
                bindings::kthread_create_on_node(
                    Some(trampoline),
                    data.cast(),
                    bindings::NUMA_NO_NODE,
                    c_str!("%s").as_char_ptr(),
                    name.as_char_ptr(),
                )
            },
            // SAFETY: As above; the name is used as the format and is
            // made of the caller's static characters without '%'.
            Some(cpu) => unsafe {
                bindings::kthread_create_on_cpu(
                    Some(trampoline),
                    data.cast(),
                    cpu,
                    name.as_char_ptr(),
                )
            },
        };
        let task = match kernel::error::from_err_ptr(task) {
            Ok(task) => task,
            Err(e) => {
                // SAFETY: The thread was not created, so `data` is still ours.
                drop(unsafe { KBox::from_raw(data) });
                return Err(e);
            }
        };
        // SAFETY: `task` is a new, not yet woken kthread.
        unsafe {
            bindings::get_task_struct(task);
            bindings::wake_up_process(task);
        }
        Ok(Self { task })
    }
}

impl Drop for KThread {
    fn drop(&mut self) {
        // SAFETY: `task` is a live kthread we hold a reference on (type
        // invariant); this stops it, waits for it and drops the reference.
        unsafe { bindings::kthread_stop_put(self.task) };
    }
}

/// Whether the current kthread was asked to stop.
///
/// # Examples
///
/// ```
/// fn work(_: usize) {
///     let mut rounds = 0u64;
///     while !kthread::should_stop() {
///         rounds += 1;
///         kthread::usleep(50);
///     }
///     pr_info!("{rounds} rounds\n");
/// }
/// ```
pub(crate) fn should_stop() -> bool {
    // SAFETY: Called from a kthread's function.
    unsafe { bindings::kthread_should_stop() }
}

/// Sleeps for `ms` milliseconds (`msleep()`: for 20 ms and more).
///
/// # Examples
///
/// ```
/// fn settle() {
///     kthread::msleep(20);
/// }
/// ```
pub(crate) fn msleep(ms: u32) {
    // SAFETY: Sleeping is allowed in the callers' (process) context.
    unsafe { bindings::msleep(ms) };
}

/// Sleeps for `min_us` to `2 * min_us` microseconds (`usleep_range()`).
///
/// # Examples
///
/// ```
/// fn pace() {
///     kthread::usleep(100);
/// }
/// ```
pub(crate) fn usleep(min_us: u32) {
    let min = min_us as core::ffi::c_ulong;
    // SAFETY: Sleeping is allowed in the callers' (process) context.
    unsafe {
        bindings::usleep_range_state(
            min as _,
            min.saturating_mul(2) as _,
            bindings::TASK_UNINTERRUPTIBLE,
        )
    };
}
