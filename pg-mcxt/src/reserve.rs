//! The process's global allocator: the system allocator with an emergency
//! reserve, so that running out of memory outside a memory context is an
//! ERROR rather than an abort.
//!
//! Most of a statement's memory is in memory contexts or in collections
//! grown with `try_reserve` (see `limits`), whose failures are errors. What
//! is left — the many small allocations of Rust code (a `String` here, a
//! `Box` there) — goes through the global allocator, which may not unwind
//! and whose failure Rust turns into an abort. [`ReservingAllocator`] keeps
//! that from taking the backend down:
//!
//! - a backend sets aside a reserve of address space ([`replenish_reserve`],
//!   32 MB, allocated but never touched, so it costs no resident memory)
//!   before each client message;
//! - when the system refuses a request, the reserve is given back and the
//!   request tried again, so the code that asked goes on, and the failure
//!   is recorded;
//! - the next `CHECK_FOR_INTERRUPTS` (the executor runs one per row) finds
//!   it ([`take_allocation_failure`]) and raises ERROR 53200 "out of
//!   memory"; the statement's memory goes as its error unwinds it, and the
//!   main loop sets a new reserve aside.
//!
//! A request bigger than the reserve that the system refuses still aborts:
//! query-sized buffers must not be infallible global allocations. This is
//! PostgreSQL's ErrorContext idea (memory kept for reporting an error)
//! applied to the allocator under Rust's collections.
#![deny(clippy::undocumented_unsafe_blocks)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::ptr;
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

/// Size of the emergency reserve.
pub const RESERVE_SIZE: usize = 32 * 1024 * 1024;

const RESERVE_ALIGN: usize = 4096;

/// The reserve, or null when none is set aside.
static RESERVE: AtomicPtr<u8> = AtomicPtr::new(ptr::null_mut());

/// The size of the first refused request since the last
/// [`take_allocation_failure`], 0 when none.
static FAILED_REQUEST: AtomicUsize = AtomicUsize::new(0);

fn reserve_layout() -> Layout {
    Layout::from_size_align(RESERVE_SIZE, RESERVE_ALIGN).expect("a valid constant layout")
}

/// The system allocator with an emergency reserve (see the module doc).
/// The server binary makes it the `#[global_allocator]`.
pub struct ReservingAllocator;

impl ReservingAllocator {
    /// Gives the reserve back to the system and records the failure; true
    /// when there was a reserve, so that trying again may succeed. A
    /// request as large as the reserve is left alone: freeing the reserve
    /// could not satisfy it, and such requests come from callers that
    /// handle the refusal themselves (memory-context blocks, `try_reserve`).
    #[cold]
    fn release_reserve(size: usize) -> bool {
        if size >= RESERVE_SIZE {
            return false;
        }
        let _ = FAILED_REQUEST.compare_exchange(0, size.max(1), Ordering::SeqCst, Ordering::SeqCst);
        let reserve = RESERVE.swap(ptr::null_mut(), Ordering::SeqCst);
        if reserve.is_null() {
            return false;
        }
        // SAFETY: the pointer came from System.alloc with reserve_layout()
        // in replenish_reserve, and the swap made this the only owner.
        unsafe { System.dealloc(reserve, reserve_layout()) };
        true
    }
}

// SAFETY: every method forwards to the system allocator with the caller's
// arguments unchanged; the reserve is only ever allocated and freed with
// its own layout. Nothing here unwinds or allocates through the global
// allocator.
unsafe impl GlobalAlloc for ReservingAllocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded contract.
        let p = unsafe { System.alloc(layout) };
        if p.is_null() && Self::release_reserve(layout.size()) {
            // SAFETY: forwarded contract.
            return unsafe { System.alloc(layout) };
        }
        p
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded contract.
        let p = unsafe { System.alloc_zeroed(layout) };
        if p.is_null() && Self::release_reserve(layout.size()) {
            // SAFETY: forwarded contract.
            return unsafe { System.alloc_zeroed(layout) };
        }
        p
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded contract.
        unsafe { System.dealloc(ptr, layout) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded contract.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if p.is_null() && Self::release_reserve(new_size) {
            // SAFETY: forwarded contract; a failed realloc left `ptr` valid.
            return unsafe { System.realloc(ptr, layout, new_size) };
        }
        p
    }
}

/// Sets the emergency reserve aside if it is not (a backend calls this
/// before each client message), and forgets a refusal that the previous
/// message's statement outlived or already reported. Without
/// [`ReservingAllocator`] as the global allocator it only holds 32 MB of
/// address space for nothing.
pub fn replenish_reserve() {
    FAILED_REQUEST.store(0, Ordering::SeqCst);
    if !RESERVE.load(Ordering::Relaxed).is_null() {
        return;
    }
    // SAFETY: a non-zero-sized layout.
    let p = unsafe { System.alloc(reserve_layout()) };
    if p.is_null() {
        return;
    }
    if RESERVE.compare_exchange(ptr::null_mut(), p, Ordering::SeqCst, Ordering::SeqCst).is_err() {
        // SAFETY: allocated just above with the same layout, never shared.
        unsafe { System.dealloc(p, reserve_layout()) };
    }
}

/// Whether an emergency reserve is set aside.
pub fn has_reserve() -> bool {
    !RESERVE.load(Ordering::Relaxed).is_null()
}

/// Whether the system refused a request since the last
/// [`take_allocation_failure`] (one relaxed load: cheap enough for every
/// interrupt check).
#[inline]
pub fn allocation_failure_pending() -> bool {
    FAILED_REQUEST.load(Ordering::Relaxed) != 0
}

/// The size of the request the system refused, if one was, clearing the
/// record: the caller raises "out of memory" for it.
pub fn take_allocation_failure() -> Option<usize> {
    match FAILED_REQUEST.swap(0, Ordering::SeqCst) {
        0 => None,
        n => Some(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_spends_the_reserve_and_is_reported_once() {
        // Unit tests run on the system allocator; drive the allocator
        // directly with a request no system can grant.
        replenish_reserve();
        assert!(has_reserve());
        let huge = Layout::from_size_align(isize::MAX as usize / 2, 8).unwrap();
        // SAFETY: a valid layout; a null result is expected and not used.
        let p = unsafe { ReservingAllocator.alloc(huge) };
        assert!(p.is_null());
        // Too big for the reserve to help: the caller handles it.
        assert!(has_reserve());
        assert!(!allocation_failure_pending());
        // A small request the system refuses spends the reserve.
        assert!(!ReservingAllocator::release_reserve(RESERVE_SIZE));
        assert!(ReservingAllocator::release_reserve(48));
        assert!(!has_reserve());
        assert!(allocation_failure_pending());
        assert_eq!(take_allocation_failure(), Some(48));
        assert_eq!(take_allocation_failure(), None);
        assert!(!ReservingAllocator::release_reserve(48));
        replenish_reserve();
        assert!(!allocation_failure_pending());
        assert!(has_reserve());
        // An ordinary request goes straight through.
        let small = Layout::from_size_align(64, 8).unwrap();
        // SAFETY: valid layout; freed with the same layout.
        unsafe {
            let p = ReservingAllocator.alloc(small);
            assert!(!p.is_null());
            ReservingAllocator.dealloc(p, small);
        }
        assert!(!allocation_failure_pending());
    }
}
