//! The `ShmemSafe` marker: which types may be placed in the shared segment.

use std::sync::atomic::{
    AtomicBool, AtomicI16, AtomicI32, AtomicI64, AtomicI8, AtomicIsize, AtomicU16, AtomicU32, AtomicU64, AtomicU8,
    AtomicUsize,
};

/// A type that may live in shared memory.
///
/// Only such types are handed out by the typed allocation functions
/// (`shmem_init_struct_typed`) and stored in a `SharedHash`.
///
/// # Safety
///
/// An implementor promises that:
/// - its layout is fixed (`#[repr(C)]`, `#[repr(transparent)]` or a primitive), so every
///   process agrees on it;
/// - a value whose bytes are all zero is a valid value (fresh shared memory is zero-filled
///   and the typed allocators hand it out as is);
/// - it holds no pointer into process-private memory (`Box`, `Vec`, `String`, `&T` to the
///   heap or stack) and no file descriptor or other per-process handle;
/// - mutation through `&self` happens only through atomics or locks that themselves live
///   inside the value (shared memory is shared between processes that Rust's type system
///   does not see).
pub unsafe trait ShmemSafe: Send + Sync {}

macro_rules! shmem_safe {
    ($($t:ty),* $(,)?) => {
        $(
            // SAFETY: primitives and atomics have a fixed layout, are valid when zeroed, hold
            // no pointers, and atomics mutate through `&self` atomically.
            unsafe impl ShmemSafe for $t {}
        )*
    };
}

shmem_safe!(
    u8,
    u16,
    u32,
    u64,
    u128,
    usize,
    i8,
    i16,
    i32,
    i64,
    i128,
    isize,
    f32,
    f64,
    bool,
    (),
    AtomicBool,
    AtomicU8,
    AtomicU16,
    AtomicU32,
    AtomicU64,
    AtomicUsize,
    AtomicI8,
    AtomicI16,
    AtomicI32,
    AtomicI64,
    AtomicIsize,
);

// SAFETY: an array has its element's properties: fixed layout (contiguous elements), all-zero
// valid if the element's is, and no pointers if the element has none.
unsafe impl<T: ShmemSafe, const N: usize> ShmemSafe for [T; N] {}
