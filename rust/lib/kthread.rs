// SPDX-License-Identifier: GPL-2.0

//! Kernel threads owned by a module: started by [`KThread::run`], stopped
//! and reaped when dropped.
//!
//! C: `include/linux/kthread.h`, `kernel/kthread.c`. Linux 6.12 has no
//! Rust kthread API; this calls the exported C functions through the
//! bindings and the library's C shims (`rust_lib_shims.c`).

use core::ffi::{c_int, c_uint, c_void};
use kernel::{bindings, c_str, prelude::*};

extern "C" {
    fn rust_lib_cpu_online(cpu: c_uint) -> bool;
    fn rust_lib_kthread_bind_online(p: *mut c_void, cpu: c_uint) -> bool;
    fn rust_lib_num_online_cpus() -> c_uint;
    fn rust_lib_nr_cpu_ids() -> c_uint;
    fn rust_lib_kthread_should_stop() -> bool;
}

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
/// holding a task reference taken by [`KThread::run`]; `data` is the
/// `KBox` it was created with, owned by this `KThread`, and read only by
/// [`trampoline`] on that thread.
pub struct KThread {
    task: *mut bindings::task_struct,
    data: *mut (fn(usize), usize),
}

// SAFETY: A task pointer can be stopped from any thread, and `data` is
// freed only after the thread exited.
unsafe impl Send for KThread {}
// SAFETY: `KThread` has no `&self` methods.
unsafe impl Sync for KThread {}

/// The C entry point: runs `func(arg)` where `data` points at both.
///
/// # Safety
///
/// `data` must be the `data` of a [`KThread`], which frees it only after
/// this thread exited.
unsafe extern "C" fn trampoline(data: *mut c_void) -> c_int {
    // SAFETY: `data` is live until this thread exited (safety
    // requirement). A thread stopped before it ever ran never gets here,
    // which is why the `KThread`, not this function, frees it.
    let (func, arg) = unsafe { *data.cast::<(fn(usize), usize)>() };
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
    pub fn run(name: &CStr, func: fn(usize), arg: usize) -> Result<Self> {
        Self::start(name, func, arg, None)
    }

    /// Starts a thread bound to `cpu`, named `name/cpu`, running
    /// `func(arg)`. Fails with `EINVAL` when `cpu` is not online.
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
    ///         v.push(kthread::KThread::run_on(cpu, c_str!("my_reader"), spin, cpu as usize)?, GFP_KERNEL)?;
    ///     }
    ///     Ok(v)
    /// }
    /// ```
    pub fn run_on(cpu: u32, name: &CStr, func: fn(usize), arg: usize) -> Result<Self> {
        Self::start(name, func, arg, Some(cpu))
    }

    fn start(name: &CStr, func: fn(usize), arg: usize, cpu: Option<u32>) -> Result<Self> {
        let data = KBox::into_raw(KBox::new((func, arg), GFP_KERNEL)?);
        // `trampoline` matches `data`, which outlives the thread: `drop`
        // frees it after `kthread_stop_put()`, or the error paths below.
        let task = match cpu {
            // SAFETY: As above; "%s" takes the NUL-terminated name.
            None => unsafe {
                bindings::kthread_create_on_node(
                    Some(trampoline),
                    data.cast(),
                    bindings::NUMA_NO_NODE,
                    c_str!("%s").as_char_ptr(),
                    name.as_char_ptr(),
                )
            },
            // SAFETY: As above; "%s/%u" takes the name and an unsigned int.
            Some(cpu) => unsafe {
                bindings::kthread_create_on_node(
                    Some(trampoline),
                    data.cast(),
                    bindings::NUMA_NO_NODE,
                    c_str!("%s/%u").as_char_ptr(),
                    name.as_char_ptr(),
                    cpu as c_uint,
                )
            },
        };
        let task = match kernel::error::from_err_ptr(task) {
            Ok(task) => task,
            Err(e) => {
                // SAFETY: No thread runs `trampoline` on `data`: none was
                // created, or (killed while waiting for kthreadd) it exits
                // without calling it.
                drop(unsafe { KBox::from_raw(data) });
                return Err(e);
            }
        };
        // SAFETY: `task` is a new kthread; the reference keeps it until
        // `kthread_stop_put()`.
        unsafe { bindings::get_task_struct(task) };
        match cpu {
            None => {
                // SAFETY: `task` is a new kthread that was never woken.
                unsafe { bindings::wake_up_process(task) };
            }
            Some(cpu) => {
                // Binding before the first wake-up is what
                // `kthread_create_on_cpu()` does; the shim does it under the
                // CPU hotplug lock, with `cpu` checked online.
                // SAFETY: `task` is a new kthread that was never woken.
                let bound = unsafe { rust_lib_kthread_bind_online(task.cast(), cpu) };
                if !bound {
                    // SAFETY: Never woken: stopping it wakes it, and it
                    // exits without running `trampoline`; then `data` is
                    // ours again.
                    unsafe {
                        bindings::kthread_stop_put(task);
                        drop(KBox::from_raw(data));
                    }
                    pr_err!("kthread {name}: CPU {cpu} is not online\n");
                    return Err(EINVAL);
                }
            }
        }
        // INVARIANT: Created, woken, referenced; `data` is ours.
        Ok(Self { task, data })
    }
}

impl Drop for KThread {
    fn drop(&mut self) {
        // SAFETY: `task` is a live kthread we hold a reference on (type
        // invariant); this stops it, waits for it and drops the reference.
        unsafe { bindings::kthread_stop_put(self.task) };
        // SAFETY: The thread exited, so nothing reads `data` any more
        // (type invariant); it came from `KBox::into_raw` in `start`.
        drop(unsafe { KBox::from_raw(self.data) });
    }
}

/// Whether the current kthread was asked to stop (false outside a kthread).
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
pub fn should_stop() -> bool {
    // SAFETY: The shim reads `current`'s kthread state only when it is a
    // kthread (`kthread_should_stop()` on another task reads through a
    // null pointer).
    unsafe { rust_lib_kthread_should_stop() }
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
pub fn msleep(ms: u32) {
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
pub fn usleep(min_us: u32) {
    let min = min_us as kernel::ffi::c_ulong;
    // SAFETY: Sleeping is allowed in the callers' (process) context.
    unsafe {
        bindings::usleep_range_state(min, min.saturating_mul(2), bindings::TASK_UNINTERRUPTIBLE)
    };
}

/// The number of online CPUs (`num_online_cpus()`).
///
/// # Examples
///
/// ```
/// fn one_reader_per_cpu() -> Result<KVec<kthread::KThread>> {
///     let mut v = KVec::new();
///     for cpu in 0..kthread::online_cpus() {
///         v.push(kthread::KThread::run(c_str!("my_reader"), |_| (), cpu as usize)?, GFP_KERNEL)?;
///     }
///     Ok(v)
/// }
/// ```
pub fn online_cpus() -> u32 {
    // SAFETY: `num_online_cpus()`, callable from any context.
    unsafe { rust_lib_num_online_cpus() }
}

/// The online CPUs, in increasing order (`for_each_online_cpu()`; CPUs
/// may go and come meanwhile, as there).
///
/// # Examples
///
/// ```
/// fn first_two() -> Option<(u32, u32)> {
///     let mut cpus = kthread::online_cpu_ids();
///     Some((cpus.next()?, cpus.next()?))
/// }
/// ```
pub fn online_cpu_ids() -> impl Iterator<Item = u32> {
    // SAFETY: `nr_cpu_ids`, set at boot.
    let ids = unsafe { rust_lib_nr_cpu_ids() };
    // SAFETY: Reads the online mask; `cpu < nr_cpu_ids`.
    (0..ids).filter(|&cpu| unsafe { rust_lib_cpu_online(cpu) })
}
