// SPDX-License-Identifier: GPL-2.0

//! The module wrapper that makes the library's safe API sound at unload.
//!
//! C: `kernel/module/main.c` (`do_init_module()`, `delete_module()`).
//!
//! A module's code and static data go when its exit returns (or its init
//! fails), so nothing the module started may still run its code then.
//! [`module_with_teardown!`](crate::module_with_teardown) declares the
//! module as `module!` does, wrapped in a [`Teardown`] that runs after the
//! module's own `drop` (or after its failed `init`):
//!
//! - no tracepoint hit still runs a probe the module registered
//!   (`tracepoint_synchronize_unregister()`, when it registered any);
//! - every callback queued with [`SrcuDomain::call`](super::srcu::SrcuDomain::call)
//!   has run and returned, callbacks that queue callbacks included
//!   ([`srcu::drain`](super::srcu::drain)), also those that a probe hit
//!   queued; a module cannot forget `srcu_barrier()`;
//! - and again no hit, for a probe that a callback dropped.
//!
//! The safe API that needs this asks for the proof that the macro emits
//! ([`TeardownProof`]): a crate that includes the library but declares its
//! module with plain `module!` does not compile.

use kernel::prelude::*;

/// Declares the module, as `module!` does, wrapped in a [`Teardown`].
///
/// Takes `module!`'s keys, `type`, `name` and `author` first (the
/// author under the key that this kernel's `module!` takes).
///
/// # Examples
///
/// ```ignore
/// struct MyModule;
///
/// impl kernel::Module for MyModule {
///     fn init(_module: &'static ThisModule) -> Result<Self> {
///         Ok(MyModule)
///     }
/// }
///
/// module_with_teardown! {
///     type: MyModule,
///     name: "my_module",
///     license: "GPL",
/// }
/// ```
#[macro_export]
macro_rules! module_with_teardown {
    (type: $type:ident, name: $name:tt, author: $author:tt, $($rest:tt)*) => {
        /// The module's type, with the library's teardown after its exit.
        type __TeardownModule = $crate::lib::module::Teardown<$type>;

        /// The proof that this crate's module is a [`Teardown`]
        /// ($crate::lib::module::Teardown).
        #[doc(hidden)]
        pub const __TEARDOWN: $crate::lib::module::TeardownProof =
            // SAFETY: `__TeardownModule`, a `Teardown`, is the module's type.
            unsafe { $crate::lib::module::TeardownProof::new() };

        $crate::__module_compat! {
            type: __TeardownModule,
            name: $name,
            author: $author,
            $($rest)*
        }
    };
}

/// `module!` with its author under the key this kernel's `module!` takes:
/// `authors: [..]` (compat cfg `module_authors`).
///
/// # Examples
///
/// What [`module_with_teardown!`](crate::module_with_teardown) expands to:
///
/// ```ignore
/// __module_compat! {
///     type: __TeardownModule,
///     name: "my_module",
///     author: "me",
///     license: "GPL",
/// }
/// ```
#[cfg(module_authors)]
#[doc(hidden)]
#[macro_export]
macro_rules! __module_compat {
    (type: $type:ident, name: $name:tt, author: $author:tt, $($rest:tt)*) => {
        ::kernel::prelude::module! {
            type: $type,
            name: $name,
            authors: [$author],
            $($rest)*
        }
    };
}

/// `module!` with its author under the key this kernel's `module!` takes:
/// `author: ".."`.
///
/// # Examples
///
/// As for the other kernels':
///
/// ```ignore
/// __module_compat! {
///     type: __TeardownModule,
///     name: "my_module",
///     author: "me",
///     license: "GPL",
/// }
/// ```
#[cfg(not(module_authors))]
#[doc(hidden)]
#[macro_export]
macro_rules! __module_compat {
    ($($keys:tt)*) => {
        ::kernel::prelude::module! { $($keys)* }
    };
}

/// Proof that the crate's module type is a [`Teardown`], emitted by
/// [`module_with_teardown!`](crate::module_with_teardown) as
/// `crate::__TEARDOWN`.
///
/// # Examples
///
/// ```ignore
/// fn needs_teardown() {
///     let _: &lib::module::TeardownProof = &crate::__TEARDOWN;
/// }
/// ```
pub struct TeardownProof(());

impl TeardownProof {
    /// Creates the proof.
    ///
    /// # Safety
    ///
    /// The crate's module type, given to `module!`, must be a [`Teardown`].
    ///
    /// # Examples
    ///
    /// What the macro emits:
    ///
    /// ```ignore
    /// // SAFETY: `__TeardownModule`, a `Teardown`, is the module's type.
    /// pub const __TEARDOWN: lib::module::TeardownProof =
    ///     unsafe { lib::module::TeardownProof::new() };
    /// ```
    pub const unsafe fn new() -> Self {
        Self(())
    }
}

/// A module `M` whose exit, after `M`'s own drop, waits for what the
/// library's safe API may still run: SRCU callbacks, tracepoint hits.
///
/// # Examples
///
/// The macro makes it the module's type:
///
/// ```ignore
/// type __TeardownModule = lib::module::Teardown<MyModule>;
/// ```
///
/// # Invariants
///
/// `module` is this module.
pub struct Teardown<M: kernel::Module> {
    inner: core::mem::ManuallyDrop<M>,
    module: &'static ThisModule,
}

impl<M: kernel::Module> kernel::Module for Teardown<M> {
    fn init(module: &'static ThisModule) -> Result<Self> {
        // Nothing of the module ran yet: no teardown on failure.
        super::srcu::require_percpu(module)?;
        match M::init(module) {
            // INVARIANT: `module!` passes this module.
            Ok(inner) => Ok(Self {
                inner: core::mem::ManuallyDrop::new(inner),
                module,
            }),
            Err(e) => {
                // The module's memory goes when its init fails.
                super::srcu::drain(module);
                Err(e)
            }
        }
    }
}

impl<M: kernel::Module> Drop for Teardown<M> {
    fn drop(&mut self) {
        // SAFETY: `inner` is dropped once, here, and never used again.
        unsafe { core::mem::ManuallyDrop::drop(&mut self.inner) };
        super::srcu::drain(self.module);
    }
}
