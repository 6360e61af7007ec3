// SPDX-License-Identifier: GPL-2.0

//! SRCU-fast static domains (kernels with compat cfg `srcu_fast`, 7.x).
//!
//! C: `include/linux/srcu.h` (`srcu_read_lock_fast()`,
//! `srcu_read_unlock_fast()`), `include/linux/srcutree.h`
//! (`DEFINE_STATIC_SRCU_FAST`, `__srcu_read_lock_fast()`,
//! `__srcu_read_unlock_fast()`), `kernel/rcu/srcutree.c`
//! (`__srcu_check_read_flavor()`).
//!
//! `static_srcu!(fast static NAME)` defines a [`StaticSrcuFast`]: a
//! [`SrcuDomain`] whose `srcu_reader_flavor` is `SRCU_READ_FLAVOR_FAST`, as
//! `DEFINE_STATIC_SRCU_FAST` makes it, and whose only read side is
//! [`StaticSrcuFast::read_lock_fast`]. The read side is the C inline code
//! written in Rust, step by step, so that it inlines into the reader: the
//! `RCU_LOCKDEP_WARN()` that RCU is watching, the reader-flavour check
//! (`CONFIG_PROVE_RCU`), the per-CPU counter increment with no `smp_mb()`
//! (x86-64's `this_cpu_inc()`, one `gs`-relative instruction, NMI-safe:
//! where C uses `atomic_long_inc(raw_cpu_ptr(..))` instead, under
//! `CONFIG_NEED_SRCU_NMI_SAFE`, which x86 needs only when forced for
//! testing, the count is the same), the compiler barrier, and lockdep's
//! `rcu_try_lock_acquire()` / `srcu_lock_release()`.

use super::srcu::SrcuDomain;

// A fast domain is one whose static image says so: without the field, its
// fast readers (no smp_mb()) would meet a grace period that expects
// normal ones.
#[cfg(not(srcu_reader_flavor))]
compile_error!("SRCU-fast without srcu_struct::srcu_reader_flavor: port SrcuDomain::new");
// The per-CPU increment below is x86-64's `this_cpu_inc()`.
#[cfg(not(target_arch = "x86_64"))]
compile_error!("the SRCU-fast read guard is written for x86-64");
use core::{marker::PhantomData, ops::Deref, ptr::addr_of_mut, sync::atomic::AtomicBool};
use kernel::{
    bindings,
    ffi::{c_char, c_ulong},
    prelude::*,
};
// Used by the debug builds' checks only (CONFIG_PROVE_RCU).
#[cfg(CONFIG_PROVE_RCU)]
use {core::sync::atomic::Ordering, kernel::ffi::c_int};

/// A statically allocated SRCU-fast domain of a loadable module; its
/// update side is the [`SrcuDomain`] it dereferences to.
///
/// # Examples
///
/// ```
/// static_srcu!(fast static HOT);
///
/// fn reader(data: &core::sync::atomic::AtomicU32) -> u32 {
///     let _guard = HOT.read_lock_fast();
///     data.load(core::sync::atomic::Ordering::Acquire)
/// }
///
/// fn updater() {
///     HOT.synchronize();
/// }
/// ```
///
/// # Invariants
///
/// The domain's reader flavour is `SRCU_READ_FLAVOR_FAST`.
#[repr(transparent)]
pub struct StaticSrcuFast(SrcuDomain);

impl Deref for StaticSrcuFast {
    type Target = SrcuDomain;

    fn deref(&self) -> &SrcuDomain {
        &self.0
    }
}

/// `SRCU_READ_FLAVOR_FAST` as `srcu_struct::srcu_reader_flavor` holds it.
const FLAVOR_FAST: u8 = bindings::SRCU_READ_FLAVOR_FAST as u8;

impl StaticSrcuFast {
    /// Creates the static image of a fast domain; use
    /// `static_srcu!(fast static NAME)` instead.
    ///
    /// # Safety
    ///
    /// As for [`SrcuDomain::new`].
    ///
    /// # Examples
    ///
    /// ```
    /// static D: srcu_fast::StaticSrcuFast =
    ///     // SAFETY: `D` is a static, and `ENTRY` registers it.
    ///     unsafe { srcu_fast::StaticSrcuFast::new(&raw const D, c"D".as_ptr().cast(), c"D_lock".as_ptr().cast()) };
    /// #[used]
    /// #[link_section = "___srcu_struct_ptrs"]
    /// static ENTRY: srcu::SrcuStructPtr = srcu::SrcuStructPtr((&raw const D).cast());
    /// ```
    pub const unsafe fn new(
        this: *const StaticSrcuFast,
        name: *const c_char,
        lock_name: *const c_char,
    ) -> Self {
        // INVARIANT: The fast flavour.
        // SAFETY: `StaticSrcuFast` is a transparent `SrcuDomain`, at `this`;
        // the rest is the caller's (safety requirements); this kernel has
        // `srcu_reader_flavor` (checked at the top of this file).
        Self(unsafe { SrcuDomain::new(this.cast(), name, lock_name, FLAVOR_FAST) })
    }

    /// Enters an SRCU-fast read-side critical section, as
    /// `srcu_read_lock_fast()` does.
    ///
    /// Like `srcu_read_lock_fast()`, only where RCU is watching (lockdep
    /// says so otherwise). The section ends when the guard is dropped, in
    /// this task.
    ///
    /// # Examples
    ///
    /// ```
    /// static_srcu!(fast static D);
    ///
    /// fn sum(v: &[core::sync::atomic::AtomicU32]) -> u32 {
    ///     let _guard = D.read_lock_fast();
    ///     v.iter().map(|x| x.load(core::sync::atomic::Ordering::Relaxed)).sum()
    /// }
    /// ```
    #[inline(always)]
    pub fn read_lock_fast(&'static self) -> SrcuFastReadGuard {
        static WARNED: AtomicBool = AtomicBool::new(false);
        let ssp = self.as_raw();
        rcu_lockdep_warn_not_watching(&WARNED, c"RCU must be watching srcu_read_lock_fast().");
        check_read_flavor(ssp);
        // __srcu_read_lock_fast(): READ_ONCE(ssp->srcu_ctrp).
        // SAFETY: `ssp` is a valid domain whose per-CPU data (and so
        // `srcu_ctrp`, set with it by `srcu_module_coming()`) is there
        // while the module can run (invariants of `SrcuDomain`).
        let scp = unsafe { addr_of_mut!((*ssp).srcu_ctrp).read_volatile() };
        // SAFETY: `scp` is a per-CPU `srcu_ctr` of this domain.
        unsafe { this_cpu_inc_ctr(scp, core::mem::offset_of!(bindings::srcu_ctr, srcu_locks)) };
        // Keep the critical section after the increment.
        barrier();
        lockdep_acquire(ssp, this_ip());
        // INVARIANT: `scp` came from this domain's read-side entry.
        SrcuFastReadGuard {
            srcu: self,
            scp,
            _not_send: PhantomData,
        }
    }
}

/// An SRCU-fast read-side critical section; ends when dropped.
///
/// # Examples
///
/// ```
/// static_srcu!(fast static D);
///
/// fn twice() {
///     let first: srcu_fast::SrcuFastReadGuard = D.read_lock_fast();
///     drop(first);
///     let _second = D.read_lock_fast();
/// }
/// ```
///
/// # Invariants
///
/// `scp` is the per-CPU counter pair that `srcu`'s
/// [`StaticSrcuFast::read_lock_fast`] counted this section in, in this
/// task.
pub struct SrcuFastReadGuard {
    srcu: &'static StaticSrcuFast,
    scp: *mut bindings::srcu_ctr,
    _not_send: PhantomData<*mut ()>,
}

impl Drop for SrcuFastReadGuard {
    /// Leaves the section, as `srcu_read_unlock_fast()` does.
    #[inline(always)]
    fn drop(&mut self) {
        static WARNED: AtomicBool = AtomicBool::new(false);
        let ssp = self.srcu.as_raw();
        check_read_flavor(ssp);
        lockdep_release(ssp, this_ip());
        // __srcu_read_unlock_fast(): barrier(), then the unlock count.
        barrier();
        // SAFETY: `scp` is a per-CPU `srcu_ctr` of this domain (type
        // invariant).
        unsafe {
            this_cpu_inc_ctr(
                self.scp,
                core::mem::offset_of!(bindings::srcu_ctr, srcu_unlocks),
            )
        };
        rcu_lockdep_warn_not_watching(&WARNED, c"RCU must be watching srcu_read_unlock_fast().");
    }
}

/// C's `barrier()`: an empty `asm!` without `nomem` is a compiler barrier
/// for every memory access.
#[inline(always)]
fn barrier() {
    // SAFETY: An empty instruction sequence.
    unsafe { core::arch::asm!("", options(nostack, preserves_flags)) };
}

/// C's `_THIS_IP_`: the address of this point in the (inlined) reader,
/// for lockdep's reports.
#[inline(always)]
fn this_ip() -> c_ulong {
    let ip: usize;
    // SAFETY: Reads the instruction pointer into a register.
    unsafe {
        core::arch::asm!(
            "lea {0}, [rip]",
            out(reg) ip,
            options(nomem, nostack, preserves_flags)
        )
    };
    ip as c_ulong
}

/// `this_cpu_inc()` of the `atomic_long_t` at byte `offset` of the per-CPU
/// `srcu_ctr` at `scp`: one `inc` relative to this CPU's `gs` base, so
/// preemption cannot split it, and NMI-safe.
///
/// # Safety
///
/// `scp` must be a per-CPU pointer (`__percpu`) to a live `srcu_ctr`, and
/// `offset` the offset of one of its counters.
#[inline(always)]
unsafe fn this_cpu_inc_ctr(scp: *mut bindings::srcu_ctr, offset: usize) {
    // `atomic_long_t` is `{ s64 counter; }`: the counter is at its start.
    let counter = scp.cast::<u8>().wrapping_add(offset);
    // SAFETY: `gs:[counter]` is this CPU's copy of the counter (safety
    // requirement); the instruction touches nothing else but the flags.
    unsafe {
        core::arch::asm!(
            "inc qword ptr gs:[{0}]",
            in(reg) counter,
            options(nostack)
        )
    };
}

/// `srcu_check_read_flavor(ssp, SRCU_READ_FLAVOR_FAST)`: the check runs
/// in `CONFIG_PROVE_RCU` kernels only.
#[inline(always)]
fn check_read_flavor(ssp: *mut bindings::srcu_struct) {
    #[cfg(CONFIG_PROVE_RCU)]
    // SAFETY: `ssp` is a valid domain with its per-CPU data.
    unsafe {
        bindings::__srcu_check_read_flavor(ssp, bindings::SRCU_READ_FLAVOR_FAST as c_int)
    };
    #[cfg(not(CONFIG_PROVE_RCU))]
    let _ = ssp;
}

/// `RCU_LOCKDEP_WARN(!rcu_is_watching(), msg)`, with `warned` as the call
/// site's `__warned`.
#[inline(always)]
fn rcu_lockdep_warn_not_watching(warned: &'static AtomicBool, msg: &'static CStr) {
    #[cfg(CONFIG_PROVE_RCU)]
    // SAFETY: Plain queries of RCU and lockdep state; `msg` and the file
    // name are NUL-terminated static strings.
    unsafe {
        if bindings::debug_lockdep_rcu_enabled() != 0
            && !bindings::rcu_is_watching()
            && bindings::debug_lockdep_rcu_enabled() != 0
            && !warned.load(Ordering::Relaxed)
        {
            warned.store(true, Ordering::Relaxed);
            bindings::lockdep_rcu_suspicious(
                concat!(file!(), "\0").as_ptr().cast(),
                line!() as c_int,
                msg.as_char_ptr(),
            );
        }
    }
    #[cfg(not(CONFIG_PROVE_RCU))]
    let _ = (warned, msg);
}

/// `rcu_try_lock_acquire(&ssp->dep_map)`: a recursive read trylock for
/// lockdep, in `CONFIG_DEBUG_LOCK_ALLOC` kernels.
#[inline(always)]
fn lockdep_acquire(ssp: *mut bindings::srcu_struct, ip: c_ulong) {
    #[cfg(CONFIG_DEBUG_LOCK_ALLOC)]
    // SAFETY: `ssp` is a valid domain; its `dep_map` was set up by its
    // static image (`__SRCU_DEP_MAP_INIT`).
    unsafe {
        bindings::lock_acquire(
            addr_of_mut!((*ssp).dep_map),
            0,
            1,
            2,
            0,
            core::ptr::null_mut(),
            ip,
        )
    };
    #[cfg(not(CONFIG_DEBUG_LOCK_ALLOC))]
    let _ = (ssp, ip);
}

/// `srcu_lock_release(&ssp->dep_map)`, in `CONFIG_DEBUG_LOCK_ALLOC`
/// kernels.
#[inline(always)]
fn lockdep_release(ssp: *mut bindings::srcu_struct, ip: c_ulong) {
    #[cfg(CONFIG_DEBUG_LOCK_ALLOC)]
    // SAFETY: `ssp` is a valid domain, acquired by this task's
    // `lockdep_acquire`.
    unsafe {
        bindings::lock_release(addr_of_mut!((*ssp).dep_map), ip)
    };
    #[cfg(not(CONFIG_DEBUG_LOCK_ALLOC))]
    let _ = (ssp, ip);
}
