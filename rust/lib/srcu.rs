// SPDX-License-Identifier: GPL-2.0

//! Static SRCU domains for loadable Rust modules.
//!
//! C: `include/linux/srcutree.h` (`DEFINE_STATIC_SRCU` under `MODULE`),
//! `kernel/rcu/srcutree.c` (`srcu_module_coming`/`srcu_module_going`).
//!
//! [`static_srcu!`](crate::static_srcu) defines a [`StaticSrcu`] and places a pointer to its
//! `srcu_struct` in the `___srcu_struct_ptrs` section, exactly like the C
//! macro does. The kernel's module loader then allocates the domain's
//! per-CPU data at `MODULE_STATE_COMING` and cleans it up at
//! `MODULE_STATE_GOING`. The update side initialises the domain lazily on
//! its first use, as for a C static domain.
//!
//! A domain is a [`SrcuDomain`] (the update side) inside a [`StaticSrcu`]
//! (readers: `srcu_read_lock()`) or, on kernels with SRCU-fast, a
//! `StaticSrcuFast` (readers: `srcu_read_lock_fast()`, made with
//! `static_srcu!(fast static NAME)`): the type says which read side a
//! domain takes, so no safe code can mix the flavours.
//!
//! Kernel differences (`rust/lib/compat.mk`): the image of `srcu_struct`
//! and `srcu_usage` follows the layout (cfgs `srcu_reader_flavor`,
//! `srcu_usage_raw_lock`); `StaticSrcuFast` exists with cfg `srcu_fast`.
//!
//! The read side assumes what the module loader promises: every domain
//! got its per-CPU data at `MODULE_STATE_COMING`. The kernels go on
//! loading a module whose `srcu_module_coming()` failed (see the unload
//! guard), so [`require_percpu`], run by the module wrapper before the
//! module's own init, refuses such a load: no safe code reaches a domain
//! without per-CPU data, with or without the guard.
//!
//! [`SrcuDomain::call`] is sound without the unload guard: the module's
//! exit ([`module_with_teardown!`](crate::module_with_teardown)) ends with
//! [`drain`], which returns only when every callback the crate queued has
//! run and returned, callbacks queued by callbacks included.
//!
//! Tiny SRCU (`CONFIG_TINY_SRCU`, one CPU): a domain is a single
//! `srcu_struct` built as `DEFINE_STATIC_SRCU` builds it there (no
//! `srcu_usage`, no per-CPU data); the loader keeps no list of a module's
//! domains, and nobody waits for a domain's grace-period work (and, on
//! 7.x, its irq_work) when the module goes. So each domain links itself
//! into this crate's list at its first update-side use, and [`drain`]
//! barriers every linked domain and ends with `cleanup_srcu_struct()`,
//! which waits for that work: nothing of the domain runs after the exit.

#[cfg(CONFIG_TINY_SRCU)]
use core::sync::atomic::AtomicPtr;
use core::{
    marker::PhantomData,
    mem::MaybeUninit,
    ops::Deref,
    ptr::addr_of,
    sync::atomic::{AtomicBool, AtomicUsize, Ordering},
};
use kernel::{
    alloc::{AllocError, Flags},
    bindings,
    ffi::{c_char, c_int, c_ulong},
    prelude::*,
    types::Opaque,
};

#[cfg(CONFIG_TREE_SRCU)]
use bindings::{srcu_barrier, synchronize_srcu_expedited};
// Tiny SRCU's are inline C: synchronize_srcu(), whose work invokes the
// callbacks in the order they were queued (`include/linux/srcutiny.h`).
#[cfg(CONFIG_TINY_SRCU)]
use bindings::{synchronize_srcu as srcu_barrier, synchronize_srcu as synchronize_srcu_expedited};

// The inline read side of `include/linux/srcu.h`, compiled by the
// module's C part (`rust_lib_shims.c`).
// 7.x's bindings have field-less structs (options configured out) deep
// inside the pointees; only pointers cross, which C handles as such.
#[allow(improper_ctypes)]
extern "C" {
    fn rust_lib_srcu_read_lock(ssp: *mut bindings::srcu_struct) -> c_int;
    fn rust_lib_srcu_read_unlock(ssp: *mut bindings::srcu_struct, idx: c_int);
}

/// Layout tag of a [`StaticSrcu`], checked by the unload guard before it
/// trusts any field past the `srcu_struct` (bump on layout changes).
///
/// # Examples
///
/// ```
/// const _: () = assert!(srcu::STATIC_SRCU_MAGIC >> 32 == 0x5352_4355);
/// ```
pub const STATIC_SRCU_MAGIC: u64 = 0x5352_4355_5253_0002;

/// `SRCU_GP_SEQ_INITIAL_VAL` from `include/linux/srcutree.h`.
#[cfg(CONFIG_TREE_SRCU)]
const GP_SEQ_INITIAL: c_ulong = (0 as c_ulong).wrapping_sub(100) << bindings::RCU_SEQ_CTR_SHIFT;

/// `RCU_SEQ_STATE_MASK` from `include/linux/rcupdate.h`.
#[cfg(CONFIG_TREE_SRCU)]
const GP_SEQ_STATE_MASK: c_ulong = (1 << bindings::RCU_SEQ_CTR_SHIFT) - 1;

/// A statically allocated SRCU domain of a loadable module, with the
/// `srcu_read_lock()` read side; its update side is the [`SrcuDomain`] it
/// dereferences to.
///
/// Define one with [`static_srcu!`](crate::static_srcu); the kernel's module loader owns its
/// per-CPU data. All methods take `&'static self`: a domain lives exactly as
/// long as its module.
///
/// # Examples
///
/// Readers and an updater that retires an old value after a grace period:
///
/// ```
/// use core::sync::atomic::{AtomicPtr, Ordering};
///
/// static_srcu!(static CONFIG_SRCU);
/// static CONFIG: AtomicPtr<u64> = AtomicPtr::new(core::ptr::null_mut());
///
/// fn read() -> Option<u64> {
///     let _guard = CONFIG_SRCU.read_lock();
///     let p = CONFIG.load(Ordering::Acquire);
///     // SAFETY: `p` is null or a live `KBox<u64>`, freed only after a
///     // grace period, which waits for this reader.
///     (!p.is_null()).then(|| unsafe { *p })
/// }
///
/// fn update(value: u64) -> Result {
///     let new = KBox::into_raw(KBox::new(value, GFP_KERNEL)?);
///     let old = CONFIG.swap(new, Ordering::AcqRel);
///     CONFIG_SRCU.synchronize();
///     if !old.is_null() {
///         // SAFETY: No reader can still see `old` after the grace period.
///         drop(unsafe { KBox::from_raw(old) });
///     }
///     Ok(())
/// }
/// ```
///
/// # Invariants
///
/// The domain's reader flavour is the normal one (`srcu_reader_flavor` 0).
#[repr(transparent)]
pub struct StaticSrcu(SrcuDomain);

impl Deref for StaticSrcu {
    type Target = SrcuDomain;

    fn deref(&self) -> &SrcuDomain {
        &self.0
    }
}

/// The update side of a static SRCU domain: grace periods, callbacks,
/// barriers. Every [`StaticSrcu`] (and `StaticSrcuFast`) is one.
///
/// # Examples
///
/// Code that only waits for readers takes either flavour:
///
/// ```
/// static_srcu!(static D);
///
/// fn retire(domain: &'static srcu::SrcuDomain, old: KBox<u64>) {
///     domain.synchronize();
///     drop(old);
/// }
///
/// fn retire_from_d(old: KBox<u64>) {
///     retire(&D, old);
/// }
/// ```
///
/// # Invariants
///
/// - Tree SRCU: `ssp` is initialised as `__SRCU_STRUCT_INIT_MODULE` does,
///   with `srcu_sup` pointing at `usage`, which is initialised as
///   `__SRCU_USAGE_INIT` does.
/// - Tree SRCU: a pointer to `ssp` is in the module's `___srcu_struct_ptrs`
///   section, so `ssp.sda` is allocated from `MODULE_STATE_COMING` to the
///   end of `MODULE_STATE_GOING`, the whole time the module's code can run
///   (a load where `srcu_module_coming()` failed is refused before the
///   module's init: [`require_percpu`]).
/// - Tiny SRCU: `ssp` is initialised as `__SRCU_STRUCT_INIT` does, and
///   once the `link()` that set `linked` returned, the domain
///   is on this crate's list of domains that [`drain`] cleans up (`next`
///   links it). Every update-side method links the domain before it
///   calls C; [`drain`] runs when no code of the module runs any more, so
///   no `link` is half done then.
/// - Tree SRCU: `this` points at `self` and `magic` is
///   [`STATIC_SRCU_MAGIC`] (the guard's layout check).
#[repr(C)]
pub struct SrcuDomain {
    ssp: Opaque<bindings::srcu_struct>,
    #[cfg(CONFIG_TREE_SRCU)]
    usage: Opaque<bindings::srcu_usage>,
    #[cfg(CONFIG_TREE_SRCU)]
    this: *const SrcuDomain,
    #[cfg(CONFIG_TREE_SRCU)]
    magic: u64,
    used: AtomicBool,
    #[cfg(CONFIG_TINY_SRCU)]
    linked: AtomicBool,
    #[cfg(CONFIG_TINY_SRCU)]
    next: AtomicPtr<SrcuDomain>,
}

// SAFETY: The SRCU API is callable from any thread; `this` is only
// compared, `next` is atomic.
unsafe impl Sync for SrcuDomain {}

/// A pointer-sized entry of the `___srcu_struct_ptrs` section.
///
/// [`static_srcu!`](crate::static_srcu) emits one per domain; by hand:
///
/// # Examples
///
/// ```
/// static_srcu!(static D);
///
/// #[used]
/// #[link_section = ".data.not_a_loader_section"]
/// static ENTRY: srcu::SrcuStructPtr = srcu::SrcuStructPtr((&raw const D).cast());
/// ```
#[repr(transparent)]
pub struct SrcuStructPtr(pub *const SrcuDomain);

// SAFETY: The entry is never written; the kernel's loader only reads it.
unsafe impl Sync for SrcuStructPtr {}

/// Defines a static SRCU domain, as `DEFINE_STATIC_SRCU(NAME)` does in C.
///
/// The defining crate must include this file as `mod srcu` at its root.
///
/// # Examples
///
/// ```
/// static_srcu!(static MY_DOMAIN);
///
/// fn reader() {
///     let _guard = MY_DOMAIN.read_lock();
///     // ... read SRCU-protected data ...
/// }
/// ```
#[macro_export]
macro_rules! static_srcu {
    ($(#[$attr:meta])* $vis:vis static $name:ident) => {
        $crate::static_srcu!(@define $(#[$attr])* $vis $name, srcu::StaticSrcu);
    };
    ($(#[$attr:meta])* $vis:vis fast static $name:ident) => {
        $crate::static_srcu!(@define $(#[$attr])* $vis $name, srcu_fast::StaticSrcuFast);
    };
    // The lockdep name of the domain's lock, as C names it: Tree SRCU's
    // srcu_usage lock, Tiny SRCU's wait-queue lock.
    (@lock_name $name:ident) => {{
        #[cfg(CONFIG_TREE_SRCU)]
        let name = concat!(stringify!($name), "_srcu_usage.lock\0");
        #[cfg(CONFIG_TINY_SRCU)]
        let name = concat!(stringify!($name), ".srcu_wq.lock\0");
        name.as_ptr().cast()
    }};
    (@define $(#[$attr:meta])* $vis:vis $name:ident, $module:ident::$type:ident) => {
        $(#[$attr])*
        $vis static $name: $crate::lib::$module::$type =
            // SAFETY: `$name` is a static, and on Tree SRCU the entry below
            // puts a pointer to it in `___srcu_struct_ptrs`.
            unsafe {
                $crate::lib::$module::$type::new(
                    &raw const $name,
                    concat!(stringify!($name), "\0").as_ptr().cast(),
                    $crate::static_srcu!(@lock_name $name),
                )
            };
        const _: () = {
            // The module wrapper refuses a load whose domains lack per-CPU
            // data (`require_percpu`).
            let _: &$crate::lib::module::TeardownProof = &$crate::__TEARDOWN;
            #[cfg(CONFIG_TREE_SRCU)]
            #[used]
            #[link_section = "___srcu_struct_ptrs"]
            static ENTRY: $crate::lib::srcu::SrcuStructPtr =
                $crate::lib::srcu::SrcuStructPtr((&raw const $name).cast());
        };
    };
}

/// Defines an array of `N` static SRCU domains, each registered with the
/// module loader like a single [`static_srcu!`](crate::static_srcu) domain.
///
/// # Examples
///
/// ```
/// static_srcu_array!(static SHARDS: [_; 64]);
///
/// fn read(i: usize) {
///     let _guard = SHARDS[i].read_lock();
/// }
/// ```
#[macro_export]
macro_rules! static_srcu_array {
    ($(#[$attr:meta])* $vis:vis static $name:ident: [_; $n:expr]) => {
        $(#[$attr])*
        $vis static $name: [$crate::lib::srcu::StaticSrcu; $n] = {
            // Every element is written by the loop below.
            let mut a: [core::mem::MaybeUninit<$crate::lib::srcu::StaticSrcu>; $n] =
                [const { core::mem::MaybeUninit::uninit() }; $n];
            let mut i = 0;
            while i < $n {
                // SAFETY: `$name[i]` is an element of the static, and on Tree
                // SRCU the entries below put a pointer to it in
                // `___srcu_struct_ptrs`.
                a[i] = core::mem::MaybeUninit::new(unsafe {
                    $crate::lib::srcu::StaticSrcu::new(
                        &raw const $name[i],
                        concat!(stringify!($name), "\0").as_ptr().cast(),
                        $crate::static_srcu!(@lock_name $name),
                    )
                });
                i += 1;
            }
            // SAFETY: Every element was initialised by the loop.
            unsafe { core::mem::transmute::<_, [$crate::lib::srcu::StaticSrcu; $n]>(a) }
        };
        const _: () = {
            // As for `static_srcu!`.
            let _: &$crate::lib::module::TeardownProof = &$crate::__TEARDOWN;
            #[cfg(CONFIG_TREE_SRCU)]
            #[used]
            #[link_section = "___srcu_struct_ptrs"]
            static ENTRIES: [$crate::lib::srcu::SrcuStructPtr; $n] = {
                let mut a = [const { $crate::lib::srcu::SrcuStructPtr(core::ptr::null()) }; $n];
                let mut i = 0;
                while i < $n {
                    a[i] = $crate::lib::srcu::SrcuStructPtr((&raw const $name[i]).cast());
                    i += 1;
                }
                a
            };
        };
    };
}

/// `__RAW_SPIN_LOCK_UNLOCKED(name)` for this kernel's configuration, with
/// lockdep wait type `wait_type` (`LD_WAIT_SPIN` for a raw lock,
/// `LD_WAIT_CONFIG` inside a `spinlock_t`).
const fn raw_spin_lock_unlocked(
    name: *const c_char,
    wait_type: bindings::lockdep_wait_type,
) -> bindings::raw_spinlock {
    #[allow(unused_mut)]
    // SAFETY: All-zero is a valid `raw_spinlock` (integers and pointers), and
    // an unlocked `arch_spinlock_t` but on UP with `CONFIG_DEBUG_SPINLOCK`,
    // whose unlocked value is set below.
    let mut raw: bindings::raw_spinlock = unsafe { MaybeUninit::zeroed().assume_init() };
    // `__ARCH_SPIN_LOCK_UNLOCKED` of `include/linux/spinlock_types_up.h`:
    // there 1 is unlocked.
    #[cfg(all(CONFIG_DEBUG_SPINLOCK, not(CONFIG_SMP)))]
    {
        raw.raw_lock.slock = 1;
    }
    #[cfg(CONFIG_DEBUG_SPINLOCK)]
    {
        raw.magic = bindings::SPINLOCK_MAGIC;
        raw.owner_cpu = core::ffi::c_uint::MAX; // -1
        raw.owner = usize::MAX as *mut core::ffi::c_void; // SPINLOCK_OWNER_INIT
    }
    #[cfg(CONFIG_DEBUG_LOCK_ALLOC)]
    {
        raw.dep_map.name = name;
        raw.dep_map.wait_type_inner = wait_type as u8;
    }
    #[cfg(not(CONFIG_DEBUG_LOCK_ALLOC))]
    let _ = (name, wait_type);
    raw
}

/// `__SPIN_LOCK_UNLOCKED(name)` for this kernel's configuration.
#[cfg(all(CONFIG_TREE_SRCU, not(srcu_usage_raw_lock), not(CONFIG_PREEMPT_RT)))]
const fn spin_lock_unlocked(name: *const c_char) -> bindings::spinlock_t {
    let raw = raw_spin_lock_unlocked(name, bindings::lockdep_wait_type_LD_WAIT_CONFIG);
    let lock = bindings::spinlock__bindgen_ty_1 { rlock: raw };
    // SAFETY: `spinlock_t` is the union `spinlock__bindgen_ty_1` (bindgen
    // emits it as an opaque blob of the same size; `transmute` checks it).
    unsafe { core::mem::transmute(lock) }
}

/// `__SPIN_LOCK_UNLOCKED(name)` on `PREEMPT_RT`
/// (`include/linux/spinlock_types.h`): an `rt_mutex_base` as
/// `__RT_MUTEX_BASE_INITIALIZER` builds it and the sleeping lock's
/// lockdep map. C names the raw `wait_lock` `NAME.lock.wait_lock`; here it
/// shares `name` (lockdep tells static locks apart by address).
#[cfg(all(CONFIG_TREE_SRCU, not(srcu_usage_raw_lock), CONFIG_PREEMPT_RT))]
const fn spin_lock_unlocked(name: *const c_char) -> bindings::spinlock_t {
    /// `struct spinlock` on `PREEMPT_RT`, which bindgen emits as an
    /// opaque blob.
    #[repr(C)]
    struct RtSpinlock {
        lock: bindings::rt_mutex_base,
        #[cfg(CONFIG_DEBUG_LOCK_ALLOC)]
        dep_map: bindings::lockdep_map,
    }
    let lock = RtSpinlock {
        lock: bindings::rt_mutex_base {
            wait_lock: raw_spin_lock_unlocked(name, bindings::lockdep_wait_type_LD_WAIT_SPIN),
            // SAFETY: All-zero is `RB_ROOT_CACHED`, an empty tree.
            waiters: unsafe { MaybeUninit::zeroed().assume_init() },
            owner: core::ptr::null_mut(),
        },
        #[cfg(CONFIG_DEBUG_LOCK_ALLOC)]
        dep_map: {
            // SAFETY: All-zero is a valid `lockdep_map` (pointers,
            // integers); `SPIN_DEP_MAP_INIT(name)` sets these two.
            let mut m: bindings::lockdep_map = unsafe { MaybeUninit::zeroed().assume_init() };
            m.name = name;
            m.wait_type_inner = bindings::lockdep_wait_type_LD_WAIT_CONFIG as u8;
            m
        },
    };
    // SAFETY: `RtSpinlock` is `struct spinlock` of this configuration
    // field for field (`transmute` checks the size).
    unsafe { core::mem::transmute(lock) }
}

/// The Tree SRCU image of the domain at `this`: its `srcu_struct` as
/// `__SRCU_STRUCT_INIT_MODULE` and its `srcu_usage` as `__SRCU_USAGE_INIT`
/// build them (`include/linux/srcutree.h`).
///
/// # Safety
///
/// As for [`SrcuDomain::new`].
#[cfg(CONFIG_TREE_SRCU)]
const unsafe fn tree_image(
    this: *const SrcuDomain,
    name: *const c_char,
    lock_name: *const c_char,
    flavor: u8,
) -> (bindings::srcu_struct, bindings::srcu_usage) {
    // SAFETY: All-zero is a valid `srcu_usage`/`srcu_struct` (integers,
    // pointers, unlocked locks are overwritten below).
    let mut usage: bindings::srcu_usage = unsafe { MaybeUninit::zeroed().assume_init() };
    #[cfg(srcu_usage_raw_lock)]
    {
        usage.lock = raw_spin_lock_unlocked(lock_name, bindings::lockdep_wait_type_LD_WAIT_SPIN);
    }
    #[cfg(not(srcu_usage_raw_lock))]
    {
        usage.lock = spin_lock_unlocked(lock_name);
    }
    usage.srcu_gp_seq = GP_SEQ_INITIAL;
    // The state bits make the first update-side use initialise it.
    usage.srcu_gp_seq_needed = GP_SEQ_INITIAL - 1;
    usage.srcu_gp_seq_needed_exp = GP_SEQ_INITIAL;

    // SAFETY: As above.
    let mut ssp: bindings::srcu_struct = unsafe { MaybeUninit::zeroed().assume_init() };
    // SAFETY: `this` points at a static, so the projection is in bounds.
    ssp.srcu_sup = unsafe { addr_of!((*this).usage) }.cast_mut().cast();
    #[cfg(srcu_reader_flavor)]
    {
        ssp.srcu_reader_flavor = flavor;
    }
    #[cfg(not(srcu_reader_flavor))]
    let _ = flavor;
    #[cfg(CONFIG_DEBUG_LOCK_ALLOC)]
    {
        ssp.dep_map.name = name;
    }
    #[cfg(not(CONFIG_DEBUG_LOCK_ALLOC))]
    let _ = name;
    (ssp, usage)
}

/// `WORK_DATA_STATIC_INIT()` from `include/linux/workqueue.h`:
/// `WORK_STRUCT_NO_POOL | WORK_STRUCT_STATIC`.
#[cfg(CONFIG_TINY_SRCU)]
const WORK_DATA_STATIC: core::ffi::c_long =
    ((((1 as core::ffi::c_ulong) << bindings::work_bits_WORK_OFFQ_POOL_BITS) - 1)
        << bindings::work_bits_WORK_OFFQ_POOL_SHIFT
        | bindings::work_flags_WORK_STRUCT_STATIC as core::ffi::c_ulong) as core::ffi::c_long;

/// The Tiny SRCU image of the domain at `this`: its `srcu_struct` as
/// `__SRCU_STRUCT_INIT` builds it (`include/linux/srcutiny.h`): the wait
/// queue (`__SWAIT_QUEUE_HEAD_INITIALIZER`), the empty callback list, the
/// grace-period work (`__WORK_INITIALIZER` with `srcu_drive_gp()`, its
/// lockdep map named after the domain, keyed by the work as in C), on 7.x
/// the irq_work (`{ .func = srcu_tiny_irq_work }`), and the lockdep name.
/// Every field is named, so a field that a kernel adds and the image does
/// not know fails the build (compat cfg `srcu_tiny_irq_work` is how 7.x's
/// irq_work is known).
///
/// # Safety
///
/// As for [`SrcuDomain::new`].
#[cfg(CONFIG_TINY_SRCU)]
const unsafe fn tiny_image(
    this: *const SrcuDomain,
    name: *const c_char,
    lock_name: *const c_char,
) -> bindings::srcu_struct {
    // The addresses the image points at: its own fields, in the static.
    // SAFETY: `this` points at a static (safety requirement), so the
    // projections are in bounds.
    let (task_list, cb_head, work_at, entry) = unsafe {
        let at = addr_of!((*this).ssp)
            .cast::<bindings::srcu_struct>()
            .cast_mut();
        (
            &raw mut (*at).srcu_wq.task_list,
            &raw mut (*at).srcu_cb_head,
            &raw mut (*at).srcu_work,
            &raw mut (*at).srcu_work.entry,
        )
    };
    // SAFETY: All-zero is a valid `work_struct` (integers, pointers, an
    // optional function), its fields set below.
    let mut work: bindings::work_struct = unsafe { MaybeUninit::zeroed().assume_init() };
    work.data.counter = WORK_DATA_STATIC;
    work.entry = bindings::list_head {
        next: entry,
        prev: entry,
    };
    work.func = Some(bindings::srcu_drive_gp);
    #[cfg(CONFIG_LOCKDEP)]
    {
        // `STATIC_LOCKDEP_MAP_INIT(#n, &(n))`: the work is its own key.
        work.lockdep_map.name = name;
        work.lockdep_map.key = work_at.cast();
    }
    #[cfg(not(CONFIG_LOCKDEP))]
    let _ = work_at;
    #[cfg(not(any(CONFIG_LOCKDEP, CONFIG_DEBUG_LOCK_ALLOC)))]
    let _ = name;
    bindings::srcu_struct {
        srcu_lock_nesting: [0; 2],
        srcu_gp_running: 0,
        srcu_gp_waiting: 0,
        srcu_idx: 0,
        srcu_idx_max: 0,
        srcu_wq: bindings::swait_queue_head {
            lock: raw_spin_lock_unlocked(lock_name, bindings::lockdep_wait_type_LD_WAIT_SPIN),
            task_list: bindings::list_head {
                next: task_list,
                prev: task_list,
            },
        },
        srcu_cb_head: core::ptr::null_mut(),
        srcu_cb_tail: cb_head,
        srcu_work: work,
        #[cfg(srcu_tiny_irq_work)]
        srcu_irq_work: {
            // SAFETY: All-zero is `IRQ_WORK_INIT`'s `irq_work` but `func`
            // (`include/linux/irq_work.h`).
            let mut w: bindings::irq_work = unsafe { MaybeUninit::zeroed().assume_init() };
            w.func = Some(bindings::srcu_tiny_irq_work);
            w
        },
        #[cfg(CONFIG_DEBUG_LOCK_ALLOC)]
        dep_map: {
            // SAFETY: All-zero is a valid `lockdep_map` (pointers,
            // integers); `__SRCU_DEP_MAP_INIT` sets only the name.
            let mut m: bindings::lockdep_map = unsafe { MaybeUninit::zeroed().assume_init() };
            m.name = name;
            m
        },
    }
}

impl StaticSrcu {
    /// Creates the static image of a domain; use
    /// [`static_srcu!`](crate::static_srcu) instead.
    ///
    /// # Safety
    ///
    /// As for [`SrcuDomain::new`].
    ///
    /// # Examples
    ///
    /// What [`static_srcu!`](crate::static_srcu) expands to:
    ///
    /// ```
    /// static D: srcu::StaticSrcu =
    ///     // SAFETY: `D` is a static, and `ENTRY` registers it.
    ///     unsafe { srcu::StaticSrcu::new(&raw const D, c"D".as_ptr().cast(), c"D_lock".as_ptr().cast()) };
    /// #[used]
    /// #[link_section = "___srcu_struct_ptrs"]
    /// static ENTRY: srcu::SrcuStructPtr = srcu::SrcuStructPtr((&raw const D).cast());
    /// ```
    pub const unsafe fn new(
        this: *const StaticSrcu,
        name: *const c_char,
        lock_name: *const c_char,
    ) -> Self {
        // INVARIANT: The normal flavour.
        // SAFETY: `StaticSrcu` is a transparent `SrcuDomain`, at `this`; the
        // rest is the caller's (safety requirements).
        Self(unsafe { SrcuDomain::new(this.cast(), name, lock_name, 0) })
    }

    /// Enters a read-side critical section: `srcu_read_lock()` (lockdep,
    /// the reader-flavour check, the counter), through the C shim.
    ///
    /// The section ends when the returned guard is dropped, on this thread.
    ///
    /// # Examples
    ///
    /// ```
    /// static_srcu!(static D);
    ///
    /// fn reader(data: &core::sync::atomic::AtomicU32) -> u32 {
    ///     let _guard = D.read_lock();
    ///     data.load(core::sync::atomic::Ordering::Acquire)
    /// }
    /// ```
    pub fn read_lock(&'static self) -> SrcuReadGuard {
        // SAFETY: `as_raw()` is a valid domain of the normal flavour, whose
        // per-CPU data (Tree SRCU; Tiny SRCU has none) is allocated while
        // the module can run (type invariants).
        let idx = unsafe { rust_lib_srcu_read_lock(self.as_raw()) };
        // INVARIANT: `idx` came from `srcu_read_lock()` on this thread.
        SrcuReadGuard {
            srcu: self,
            idx,
            _not_send: PhantomData,
        }
    }
}

impl SrcuDomain {
    /// Creates the static image of a domain of reader flavour `flavor`
    /// (`0` or an `SRCU_READ_FLAVOR_*`).
    ///
    /// # Safety
    ///
    /// `this` must be the address of the static being initialised, and on
    /// Tree SRCU a [`SrcuStructPtr`] to it must be placed in
    /// `___srcu_struct_ptrs`.
    /// `name` and `lock_name` must be NUL-terminated static strings.
    /// `flavor` must be `0` on kernels without cfg `srcu_reader_flavor`.
    ///
    /// # Examples
    ///
    /// What [`StaticSrcu::new`] does:
    ///
    /// ```
    /// static D: srcu::SrcuDomain =
    ///     // SAFETY: `D` is a static, and `ENTRY` registers it; flavour 0.
    ///     unsafe { srcu::SrcuDomain::new(&raw const D, c"D".as_ptr().cast(), c"D_lock".as_ptr().cast(), 0) };
    /// #[used]
    /// #[link_section = "___srcu_struct_ptrs"]
    /// static ENTRY: srcu::SrcuStructPtr = srcu::SrcuStructPtr(&raw const D);
    /// ```
    pub const unsafe fn new(
        this: *const SrcuDomain,
        name: *const c_char,
        lock_name: *const c_char,
        flavor: u8,
    ) -> Self {
        #[cfg(CONFIG_TREE_SRCU)]
        // SAFETY: `this` is the static being initialised (safety
        // requirement).
        let (ssp, usage) = unsafe { tree_image(this, name, lock_name, flavor) };
        #[cfg(CONFIG_TINY_SRCU)]
        // SAFETY: As above; Tiny SRCU has one reader flavour.
        let ssp = unsafe { tiny_image(this, name, lock_name) };
        #[cfg(CONFIG_TINY_SRCU)]
        let _ = flavor;

        Self {
            ssp: Opaque::new(ssp),
            #[cfg(CONFIG_TREE_SRCU)]
            usage: Opaque::new(usage),
            #[cfg(CONFIG_TREE_SRCU)]
            this,
            #[cfg(CONFIG_TREE_SRCU)]
            magic: STATIC_SRCU_MAGIC,
            used: AtomicBool::new(false),
            #[cfg(CONFIG_TINY_SRCU)]
            linked: AtomicBool::new(false),
            #[cfg(CONFIG_TINY_SRCU)]
            next: AtomicPtr::new(core::ptr::null_mut()),
        }
    }
    /// The domain's `srcu_struct`, for C APIs. An update-side C function
    /// called through it bypasses what the methods do first: on Tiny SRCU,
    /// a domain must have seen a method's update-side use for [`drain`] to
    /// clean it up.
    ///
    /// # Examples
    ///
    /// ```
    /// static_srcu!(static D);
    ///
    /// fn current_cookie() -> kernel::ffi::c_ulong {
    ///     // SAFETY: `D` is a valid domain.
    ///     unsafe { bindings::get_state_synchronize_srcu(D.as_raw()) }
    /// }
    /// ```
    pub fn as_raw(&self) -> *mut bindings::srcu_struct {
        self.ssp.get()
    }

    /// Waits for every reader that started before this call to finish.
    ///
    /// # Examples
    ///
    /// ```
    /// static_srcu!(static D);
    ///
    /// fn retire(old: KBox<u64>) {
    ///     D.synchronize();
    ///     drop(old);
    /// }
    /// ```
    pub fn synchronize(&'static self) {
        self.update_side();
        // SAFETY: `as_raw()` is a valid domain (type invariant).
        unsafe { bindings::synchronize_srcu(self.as_raw()) };
    }

    /// Like [`SrcuDomain::synchronize`], with an expedited grace period.
    ///
    /// # Examples
    ///
    /// ```
    /// static_srcu!(static D);
    ///
    /// fn retire_now(old: KBox<u64>) {
    ///     D.synchronize_expedited();
    ///     drop(old);
    /// }
    /// ```
    pub fn synchronize_expedited(&'static self) {
        self.update_side();
        // SAFETY: `as_raw()` is a valid domain (type invariant).
        unsafe { synchronize_srcu_expedited(self.as_raw()) };
    }

    /// Starts a grace period if needed and returns a cookie for it.
    ///
    /// # Examples
    ///
    /// ```
    /// static_srcu!(static D);
    ///
    /// fn wait_by_polling() {
    ///     let cookie = D.start_poll();
    ///     while !D.poll_state(cookie) {
    ///         kthread::msleep(1);
    ///     }
    /// }
    /// ```
    pub fn start_poll(&'static self) -> PollCookie {
        self.update_side();
        // SAFETY: `as_raw()` is a valid domain (type invariant).
        PollCookie(unsafe { bindings::start_poll_synchronize_srcu(self.as_raw()) })
    }

    /// Whether the grace period of `cookie` has ended.
    ///
    /// # Examples
    ///
    /// ```
    /// static_srcu!(static D);
    ///
    /// fn retire_if_done(cookie: srcu::PollCookie, old: KBox<u64>) -> Option<KBox<u64>> {
    ///     if D.poll_state(cookie) {
    ///         drop(old);
    ///         None
    ///     } else {
    ///         Some(old)
    ///     }
    /// }
    /// ```
    pub fn poll_state(&'static self, cookie: PollCookie) -> bool {
        // SAFETY: `as_raw()` is a valid domain (type invariant).
        unsafe { bindings::poll_state_synchronize_srcu(self.as_raw(), cookie.0) }
    }

    /// Queues `cb` to run after a grace period, as `call_srcu()` does.
    ///
    /// The callback gets its value back by value and frees its memory.
    ///
    /// # Examples
    ///
    /// ```
    /// static_srcu!(static D);
    ///
    /// fn free_later(old: KBox<[u8; 64]>) -> Result {
    ///     D.call(srcu::SrcuCallback::new(old, drop, GFP_KERNEL)?);
    ///     Ok(())
    /// }
    /// ```
    pub fn call<T: Send + 'static>(&'static self, cb: KBox<SrcuCallback<T>>) {
        // The module's exit drains this crate's callbacks (see `drain`).
        let _: &crate::lib::module::TeardownProof = &crate::__TEARDOWN;
        self.update_side();
        // At most one relaxed load on the fast path: the store happens once.
        if !self.used.load(Ordering::Relaxed) {
            self.used.store(true, Ordering::Relaxed);
        }
        // Counted before it is queued, uncounted after it ran: a callback
        // that queues another keeps the count above zero throughout.
        IN_FLIGHT.fetch_add(1, Ordering::Relaxed);
        let cb = KBox::into_raw(cb);
        // SAFETY: `cb` is a live allocation.
        let head = unsafe { &(*cb).head }.get();
        // SAFETY: `head` is in a live allocation owned by the queued callback
        // from now on; `SrcuCallback::invoke` takes it back exactly once.
        unsafe { bindings::call_srcu(self.as_raw(), head, Some(SrcuCallback::<T>::invoke)) };
    }

    /// Waits for every callback queued by [`SrcuDomain::call`] to have run.
    ///
    /// # Examples
    ///
    /// ```
    /// static_srcu!(static D);
    ///
    /// struct MyModule;
    ///
    /// impl Drop for MyModule {
    ///     fn drop(&mut self) {
    ///         // No callback may run once the module's code is gone.
    ///         D.barrier();
    ///     }
    /// }
    /// ```
    pub fn barrier(&'static self) {
        self.update_side();
        // SAFETY: `as_raw()` is a valid domain (type invariant).
        unsafe { srcu_barrier(self.as_raw()) };
    }

    /// Before every update-side use: on Tiny SRCU, the first one links the
    /// domain into this crate's list, which [`drain`] cleans up (its
    /// grace-period work may run from here on).
    #[inline]
    fn update_side(&'static self) {
        #[cfg(CONFIG_TINY_SRCU)]
        if !self.linked.load(Ordering::Acquire) {
            self.link();
        }
    }

    /// Links the domain into [`LINKED`], once: a first use interrupted by
    /// another finds `linked` set and goes on (the interrupted one links).
    #[cfg(CONFIG_TINY_SRCU)]
    #[cold]
    fn link(&'static self) {
        if self.linked.swap(true, Ordering::AcqRel) {
            return;
        }
        let this = core::ptr::from_ref(self).cast_mut();
        let mut head = LINKED.load(Ordering::Acquire);
        loop {
            self.next.store(head, Ordering::Relaxed);
            match LINKED.compare_exchange(head, this, Ordering::AcqRel, Ordering::Acquire) {
                Ok(_) => return,
                Err(h) => head = h,
            }
        }
    }

    /// Whether [`SrcuDomain::call`] was ever used on this domain.
    ///
    /// # Examples
    ///
    /// ```
    /// static_srcu!(static D);
    ///
    /// fn barrier_if_needed() {
    ///     if D.call_used() {
    ///         D.barrier();
    ///     }
    /// }
    /// ```
    pub fn call_used(&self) -> bool {
        self.used.load(Ordering::Relaxed)
    }

    /// Whether the update side has initialised the domain (lazily, on its
    /// first synchronize, call or barrier), as `srcu_module_going()` tests.
    ///
    /// # Examples
    ///
    /// ```
    /// static_srcu!(static D);
    ///
    /// fn report() {
    ///     pr_info!("domain used by an updater: {}\n", D.is_initialized());
    /// }
    /// ```
    #[cfg(CONFIG_TREE_SRCU)]
    pub fn is_initialized(&self) -> bool {
        // SAFETY: `as_raw()` is a valid domain (type invariant).
        unsafe { raw_is_initialized(self.as_raw()) }
    }

    /// The [`SrcuDomain`] around `ssp`, when `ssp` is one (made by
    /// [`static_srcu!`](crate::static_srcu) with this layout) and not a C `DEFINE_STATIC_SRCU`.
    ///
    /// # Safety
    ///
    /// `ssp` must be a valid `srcu_struct` of a module whose data occupies
    /// `data`, which must stay mapped while the result is used.
    ///
    /// # Examples
    ///
    /// ```
    /// static_srcu!(static D);
    ///
    /// fn is_rust_domain(ssp: *mut bindings::srcu_struct) -> bool {
    ///     let data = &raw const D as usize..(&raw const D as usize) + 4096;
    ///     // SAFETY: `ssp` is `D`, in this module's data.
    ///     unsafe { srcu::SrcuDomain::from_raw_in(ssp, data) }.is_some()
    /// }
    /// ```
    #[cfg(CONFIG_TREE_SRCU)]
    pub unsafe fn from_raw_in(
        ssp: *mut bindings::srcu_struct,
        data: core::ops::Range<usize>,
    ) -> Option<&'static SrcuDomain> {
        let this = ssp.cast::<SrcuDomain>();
        let usage = this.wrapping_byte_add(core::mem::offset_of!(SrcuDomain, usage));
        let end = this as usize + core::mem::size_of::<SrcuDomain>();
        // SAFETY: `ssp` is a valid `srcu_struct` (safety requirement).
        let sup = unsafe { (*ssp).srcu_sup };
        // A C domain's usage is a separate static: only ours sits right
        // behind the `srcu_struct`. Read past `ssp` only when it does, and
        // only within the module's data.
        if sup.cast::<u8>() != usage.cast::<u8>()
            || !data.contains(&(this as usize))
            || end > data.end
        {
            return None;
        }
        // SAFETY: `this..end` lies within the module's mapped data.
        let (self_ptr, magic) = unsafe { ((*this).this, (*this).magic) };
        if self_ptr != this.cast_const() || magic != STATIC_SRCU_MAGIC {
            return None;
        }
        // SAFETY: The tag identifies a `SrcuDomain` made by `static_srcu!`.
        Some(unsafe { &*this })
    }
}

/// Fails with `ENOMEM` when a static domain of `module` has no per-CPU
/// data: its `srcu_module_coming()` failed (at that domain) and the kernel
/// loaded the module anyway, as 6.12 and 7.3 do. Run by the module wrapper
/// before the module's own init. The failed init's GOING then runs the
/// kernel's `srcu_module_going()`, which is left only the domains that
/// have per-CPU data (`leave_going_percpu()`). Succeeds on Tiny SRCU,
/// whose domains have no per-CPU data.
///
/// # Examples
///
/// What [`Teardown`](super::module::Teardown) does first:
///
/// ```
/// fn init(module: &'static ThisModule) -> Result {
///     srcu::require_percpu(module)?;
///     // ... the module's own init ...
///     Ok(())
/// }
/// ```
pub fn require_percpu(module: &'static ThisModule) -> Result {
    let m = module.as_ptr();
    // Tiny SRCU's domains have no per-CPU data.
    #[cfg(CONFIG_TREE_SRCU)]
    if !m.is_null() {
        // SAFETY: `m` is this module, in its init, on its loading thread:
        // nothing of the module ran yet, and the GOING of the failed init
        // reads the count next.
        let (with_data, total) = unsafe { leave_going_percpu(m) };
        if with_data != total {
            pr_err!(
                "{} of {total} static SRCU domains have no per-CPU data (srcu_module_coming() failed): load refused\n",
                total - with_data
            );
            return Err(ENOMEM);
        }
    }
    let _ = m;
    Ok(())
}

/// How many static domains the module loader found in `module`
/// (`num_srcu_structs`); 0 on Tiny SRCU, whose loader keeps no list.
///
/// # Examples
///
/// ```
/// fn log_count(module: &'static ThisModule) {
///     pr_info!("loader_counted={}\n", srcu::loader_count(module));
/// }
/// ```
pub fn loader_count(module: &'static ThisModule) -> core::ffi::c_uint {
    let m = module.as_ptr();
    #[cfg(CONFIG_TREE_SRCU)]
    if !m.is_null() {
        // SAFETY: `m` is this module, laid out by the loader and live
        // while its code runs.
        return unsafe { (*m).num_srcu_structs };
    }
    let _ = m;
    0
}

/// Leaves the kernel's `srcu_module_going()` only the static domains of
/// `m` that have per-CPU data, and returns how many those are, and how
/// many `m` has. `srcu_module_going()` reads per-CPU counters of every
/// static domain, and through a NULL `sda` that is no memory of the
/// domain's (the start of each CPU's per-CPU area on 6.12; on 7.x, whose
/// x86-64 per-CPU offsets are no longer zero-based, an address about
/// 2 GiB past it, unmapped on the test VMs). The domains with per-CPU
/// data are a prefix (`srcu_module_coming()` allocates in order, and stops
/// at the first failure), so the module's count is cut to it.
///
/// # Safety
///
/// `m` must be a module laid out by the loader and not yet freed, before
/// its final `MODULE_STATE_GOING` notifications are over, on the thread
/// that loads or unloads it; no other thread may write the domains'
/// `sda` (only `srcu_module_coming()` and the unload guard do, on that
/// thread).
///
/// # Examples
///
/// ```
/// fn all_have_percpu(module: &'static ThisModule) -> bool {
///     // SAFETY: `module` is this module, in its init, on its loading
///     // thread.
///     let (with_data, total) = unsafe { srcu::leave_going_percpu(module.as_ptr()) };
///     with_data == total
/// }
/// ```
#[cfg(CONFIG_TREE_SRCU)]
pub unsafe fn leave_going_percpu(m: *mut bindings::module) -> (usize, usize) {
    // SAFETY: `m` is laid out and live (safety requirement).
    let ptrs = unsafe { module_domains(m) };
    let with_data = ptrs
        .iter()
        // SAFETY: Only this thread writes `sda` (safety requirement).
        .take_while(|&&ssp| unsafe { !(*ssp).sda.is_null() })
        .count();
    if with_data < ptrs.len() {
        // SAFETY: Only `srcu_module_coming()` and `srcu_module_going()`
        // read the count, on this thread.
        unsafe { (*m).num_srcu_structs = with_data as core::ffi::c_uint };
    }
    (with_data, ptrs.len())
}

/// Callbacks queued by this crate's [`SrcuDomain::call`] that have not
/// returned yet.
static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);

/// Barrier passes after which [`drain`] logs that it still waits.
const DRAIN_PASSES_LOGGED: u32 = 16;

/// Waits until every callback that this crate queued with
/// [`SrcuDomain::call`] has run and returned into the SRCU core, and
/// every probe hit of this crate has returned: the end of the module's
/// exit, run by [`Teardown`](super::module::Teardown) after the module's
/// own drop.
///
/// Each pass first waits for the probe hits running
/// ([`synchronize_if_registered`](super::tracepoint::synchronize_if_registered)):
/// a hit may queue a callback, and a callback may drop a probe, whose
/// hits may still be running. Then it reads the count of callbacks in
/// flight and runs `srcu_barrier()` on every domain of the module that
/// saw `call()` (on Tiny SRCU, `synchronize_srcu()` on every domain an
/// updater used). A callback is counted from before it is queued until
/// after it ran, so a callback that queues another keeps the count above
/// zero, whichever domain it queues on: a pass that began, after its wait
/// for the hits, with the count at zero is the last, and its barriers wait for
/// the last callbacks to leave the module's code. A callback that
/// re-queues itself for ever keeps the exit waiting (never freeing memory
/// under it), and the log says so after [`DRAIN_PASSES_LOGGED`] passes.
/// On Tiny SRCU, `cleanup_srcu_struct()` of every domain an updater used
/// then waits for the domain's grace-period work (and irq_work).
///
/// # Examples
///
/// What [`Teardown`](super::module::Teardown) does after the module's
/// own drop:
///
/// ```
/// fn exit(module: &'static ThisModule) {
///     srcu::drain(module);
/// }
/// ```
pub fn drain(module: &'static ThisModule) {
    let mut pass = 0u32;
    loop {
        super::tracepoint::synchronize_if_registered();
        let before = IN_FLIGHT.load(Ordering::Acquire);
        barrier_pass(module);
        if before == 0 {
            break;
        }
        pass = pass.saturating_add(1);
        if pass == DRAIN_PASSES_LOGGED {
            pr_warn!("exit still waits for {before} SRCU callbacks after {pass} barrier passes\n");
        }
    }
    #[cfg(CONFIG_TINY_SRCU)]
    for d in linked() {
        // No code of the module uses the domain any more (its drop ran, no
        // callback or probe hit of it runs), the last pass waited for the
        // grace periods asked for, and Tiny SRCU's cleanup frees nothing
        // and waits for the domain's irq_work and grace-period work.
        // SAFETY: `as_raw()` is a valid domain (type invariant), unused now.
        unsafe { bindings::cleanup_srcu_struct(d.as_raw()) };
    }
}

/// One pass of [`drain`]: `srcu_barrier()` on every domain of `module`
/// that saw [`SrcuDomain::call`].
#[cfg(CONFIG_TREE_SRCU)]
fn barrier_pass(module: &'static ThisModule) {
    let m = module.as_ptr();
    if m.is_null() {
        return;
    }
    // SAFETY: `m` is this module, laid out by the loader and live while
    // its code runs.
    let (ptrs, data) = unsafe { (module_domains(m), module_data(m)) };
    for &ssp in ptrs {
        // SAFETY: `ssp` is a static domain of this module, whose data is
        // `data`, mapped while its code runs.
        if let Some(d) = unsafe { SrcuDomain::from_raw_in(ssp, data.clone()) } {
            if d.call_used() {
                d.barrier();
            }
        }
    }
}

/// One pass of [`drain`] on Tiny SRCU: a barrier on every domain of this
/// crate used by an updater, so that no grace period that one requested
/// is left for the work after the exit.
#[cfg(CONFIG_TINY_SRCU)]
fn barrier_pass(_module: &'static ThisModule) {
    for d in linked() {
        d.barrier();
    }
}

/// Tiny SRCU: this crate's domains that an updater used, linked at that
/// first use ([`SrcuDomain::link`]).
#[cfg(CONFIG_TINY_SRCU)]
static LINKED: AtomicPtr<SrcuDomain> = AtomicPtr::new(core::ptr::null_mut());

/// The domains on [`LINKED`].
#[cfg(CONFIG_TINY_SRCU)]
fn linked() -> impl Iterator<Item = &'static SrcuDomain> {
    let mut p = LINKED.load(Ordering::Acquire);
    core::iter::from_fn(move || {
        // SAFETY: Only `&'static SrcuDomain`s are linked (`link`).
        let d = unsafe { p.as_ref() }?;
        p = d.next.load(Ordering::Acquire);
        Some(d)
    })
}

/// The static SRCU domains of module `m`, as the loader found them in its
/// `___srcu_struct_ptrs` section.
///
/// # Safety
///
/// `m` must be a module that the loader has laid out, not yet freed; the
/// result must not be used after that.
///
/// # Examples
///
/// ```
/// fn count(module: &'static ThisModule) -> usize {
///     // SAFETY: `module` is this module, live while its code runs.
///     unsafe { srcu::module_domains(module.as_ptr()) }.len()
/// }
/// ```
#[cfg(CONFIG_TREE_SRCU)]
pub unsafe fn module_domains<'a>(m: *mut bindings::module) -> &'a [*mut bindings::srcu_struct] {
    // SAFETY: `m` is live (safety requirement).
    let (n, ptrs) = unsafe { ((*m).num_srcu_structs as usize, (*m).srcu_struct_ptrs) };
    if n == 0 || ptrs.is_null() {
        return &[];
    }
    // SAFETY: The loader found `n` pointers at `ptrs` in the module, which
    // stays mapped until it is freed.
    unsafe { core::slice::from_raw_parts(ptrs, n) }
}

/// The address range of module `m`'s data (`MOD_DATA`), where its static
/// domains live.
///
/// # Safety
///
/// `m` must be a module that the loader has laid out, not yet freed.
///
/// # Examples
///
/// ```
/// fn data_size(module: &'static ThisModule) -> usize {
///     // SAFETY: `module` is this module, live while its code runs.
///     unsafe { srcu::module_data(module.as_ptr()) }.len()
/// }
/// ```
#[cfg(CONFIG_TREE_SRCU)]
pub unsafe fn module_data(m: *mut bindings::module) -> core::ops::Range<usize> {
    // SAFETY: `m` is live (safety requirement).
    let data = unsafe { &(*m).mem[bindings::mod_mem_type_MOD_DATA as usize] };
    let base = data.base as usize;
    base..base.saturating_add(data.size as usize)
}

/// Whether the domain `ssp` was initialised by its update side.
///
/// # Safety
///
/// `ssp` must be a valid `srcu_struct`.
///
/// # Examples
///
/// ```
/// static_srcu!(static D);
///
/// fn initialized() -> bool {
///     // SAFETY: `D` is a valid domain.
///     unsafe { srcu::raw_is_initialized(D.as_raw()) }
/// }
/// ```
#[cfg(CONFIG_TREE_SRCU)]
pub unsafe fn raw_is_initialized(ssp: *mut bindings::srcu_struct) -> bool {
    // SAFETY: `ssp` and its `srcu_sup` are valid (safety requirement); this
    // is `rcu_seq_state(smp_load_acquire(&sup->srcu_gp_seq_needed)) == 0`.
    let needed = unsafe {
        let p = addr_of!((*(*ssp).srcu_sup).srcu_gp_seq_needed);
        core::sync::atomic::AtomicUsize::from_ptr(p.cast_mut().cast()).load(Ordering::Acquire)
    };
    (needed as c_ulong) & GP_SEQ_STATE_MASK == 0
}

/// A grace-period cookie from [`SrcuDomain::start_poll`].
///
/// # Examples
///
/// ```
/// static_srcu!(static D);
///
/// fn same_grace_period() -> bool {
///     let a: srcu::PollCookie = D.start_poll();
///     a == D.start_poll()
/// }
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct PollCookie(c_ulong);

/// An SRCU read-side critical section; ends when dropped.
///
/// # Examples
///
/// ```
/// static_srcu!(static D);
///
/// fn two_sections() {
///     let first: srcu::SrcuReadGuard = D.read_lock();
///     drop(first);
///     let _second = D.read_lock();
/// }
/// ```
///
/// # Invariants
///
/// `idx` was returned by `srcu_read_lock()` on `srcu` by this thread.
pub struct SrcuReadGuard {
    srcu: &'static StaticSrcu,
    idx: c_int,
    _not_send: PhantomData<*mut ()>,
}

impl Drop for SrcuReadGuard {
    /// Leaves the section: `srcu_read_unlock()`, through the C shim.
    fn drop(&mut self) {
        // SAFETY: `idx` came from `srcu_read_lock()` on this domain, on
        // this thread (type invariant).
        unsafe { rust_lib_srcu_read_unlock(self.srcu.as_raw(), self.idx) };
    }
}

/// A value travelling through `call_srcu()` together with its function.
///
/// # Examples
///
/// ```
/// static_srcu!(static D);
///
/// fn log_later(id: u32) -> Result {
///     let cb: KBox<srcu::SrcuCallback<u32>> =
///         srcu::SrcuCallback::new(id, |id| pr_info!("{id}: grace period over\n"), GFP_KERNEL)?;
///     D.call(cb);
///     Ok(())
/// }
/// ```
///
/// # Invariants
///
/// Once queued, `head` is owned by the SRCU core until `invoke` runs.
#[repr(C)]
pub struct SrcuCallback<T> {
    head: Opaque<bindings::callback_head>,
    func: fn(T),
    value: T,
}

impl<T: Send + 'static> SrcuCallback<T> {
    /// Allocates a callback that will run `func(value)` after a grace period.
    ///
    /// `func` runs with bottom halves disabled and must not sleep.
    ///
    /// # Examples
    ///
    /// ```
    /// static_srcu!(static D);
    ///
    /// fn count_later(n: &'static core::sync::atomic::AtomicU32) -> Result {
    ///     let cb = srcu::SrcuCallback::new(
    ///         n,
    ///         |n| {
    ///             n.fetch_add(1, core::sync::atomic::Ordering::Relaxed);
    ///         },
    ///         GFP_ATOMIC,
    ///     )?;
    ///     D.call(cb);
    ///     Ok(())
    /// }
    /// ```
    pub fn new(value: T, func: fn(T), flags: Flags) -> Result<KBox<Self>, AllocError> {
        KBox::new(
            Self {
                head: Opaque::uninit(),
                func,
                value,
            },
            flags,
        )
    }

    /// The C callback: takes the allocation back and runs the function.
    ///
    /// # Safety
    ///
    /// `head` must be the `head` of a `SrcuCallback<T>` queued by
    /// [`SrcuDomain::call`], and this must be its only invocation.
    unsafe extern "C" fn invoke(head: *mut bindings::callback_head) {
        // `head` is the first field of the `#[repr(C)]` struct.
        let cb = head.cast::<Self>();
        // SAFETY: `cb` came from `KBox::into_raw` in `call` (safety
        // requirement) and is taken back exactly once.
        let cb = unsafe { KBox::from_raw(cb) };
        let Self { func, value, .. } = KBox::into_inner(cb);
        func(value);
        // Pairs with `drain`'s acquire: `func`'s work, `call`s included,
        // happens before a `drain` that reads the count back at zero.
        IN_FLIGHT.fetch_sub(1, Ordering::Release);
    }
}
