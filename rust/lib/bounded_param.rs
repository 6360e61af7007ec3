// SPDX-License-Identifier: GPL-2.0

//! Reading module parameters declared in C with `bounded_param.h`
//! (Linux 6.12 has no Rust module parameters).

/// `struct bounded_uint` of `bounded_param.h`.
///
/// # Examples
///
/// The C file of the module declares
/// `BOUNDED_UINT_PARAM(my_readers, readers, 2, 0, 16, "reader threads")`:
///
/// ```
/// extern "C" {
///     static my_readers: bounded_param::BoundedUint;
/// }
///
/// fn readers() -> u32 {
///     // SAFETY: A static of the module's C part.
///     unsafe { &my_readers }.get()
/// }
/// ```
#[repr(C)]
pub struct BoundedUint {
    val: u32,
    min: u32,
    max: u32,
}

impl BoundedUint {
    /// The parameter's value, within `[min, max]` (the C setter checks).
    ///
    /// # Examples
    ///
    /// ```
    /// extern "C" {
    ///     static my_duration_ms: bounded_param::BoundedUint;
    /// }
    ///
    /// fn duration_ms() -> u64 {
    ///     // SAFETY: A static of the module's C part.
    ///     u64::from(unsafe { &my_duration_ms }.get())
    /// }
    /// ```
    pub fn get(&self) -> u32 {
        // SAFETY: Parameters are written only while the module loads,
        // before its init runs, and are read-only (0444) afterwards; the
        // read is volatile because the writer is C code.
        unsafe { core::ptr::read_volatile(&self.val) }
    }
}
