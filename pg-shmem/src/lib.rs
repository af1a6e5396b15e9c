//! pg-shmem: the shared memory segment, named allocations, spinlocks, LWLocks and fixed-size
//! shared hash tables -- the toolkit every subsystem that shares state between processes
//! builds on.
//!
//! PostgreSQL source area: `src/backend/storage/ipc/shmem.c` and `ipci.c` (the segment, the
//! shmem index, `ShmemInitStruct`, `ShmemAlloc`, `pg_get_shmem_allocations`),
//! `storage/lmgr/s_lock.c` (spinlocks), `storage/lmgr/lwlock.c` (LWLocks) and
//! `utils/hash/dynahash.c` (shared hash tables). See `README.md` for the design.
//!
//! Dependencies: `pg-error` only among `pg-*` crates (this is layer 1), plus `libc`.
//!
//! Invariants:
//! - The segment is ONE `MAP_SHARED | MAP_ANONYMOUS` mapping created before any fork(), so
//!   every process sees it at the same address and pointers into it are valid everywhere.
//! - Only `ShmemSafe` types (`#[repr(C)]` plain data and atomics, valid when zeroed, no
//!   pointers into process-private memory) are placed in it by the typed interfaces.
//! - Allocation only moves a bump pointer forward; memory is never freed or reused until the
//!   whole segment is destroyed (crash-restart), which is `unsafe` because every reference
//!   into the segment dies with it.
//! - No threads are started and no process-shared state lives outside the segment: the
//!   crate is safe to use across fork().
//! - Unsafe code is confined to `segment`, `spin` (the guard wrapper), `lwlock` and
//!   `shmem_hash`, and every unsafe block carries a `SAFETY:` comment.
//!
//! Usage, as the postmaster and a subsystem would do it:
//!
//! ```
//! use pg_shmem::*;
//! use std::sync::atomic::{AtomicU64, Ordering};
//!
//! #[repr(C)]
//! struct XLogCtl {
//!     insert_lock: LWLocked<u64>, // Protected by insert_lock: the insert position.
//!     flushed: AtomicU64,
//! }
//! // SAFETY: repr(C) of an LWLocked integer and an atomic; valid when zeroed.
//! unsafe impl ShmemSafe for XLogCtl {}
//!
//! // Postmaster, before any fork: size, create, set up the LWLock waiter slots.
//! let size = add_size(std::mem::size_of::<XLogCtl>(), LWLockWaiters::shmem_size(100)?)?;
//! let segment = ShmemSegment::create(add_size(size, 64 * 1024)?)?;
//! lwlock_waiters_init(100)?;
//! set_my_lwlock_waiter_slot(0)?; // normally done by the PGPROC layer per backend
//!
//! // Any process: find or create the structure by name.
//! let tranche = lwlock_register_tranche("WALInsert");
//! let (ctl, found) = shmem_init_struct_typed::<XLogCtl>("XLOG Ctl", |c| c.insert_lock.lwlock().init(tranche))?;
//! assert!(!found);
//! *ctl.insert_lock.write() += 8192;
//! ctl.flushed.store(8192, Ordering::Release);
//!
//! let locks = SharedHash::<u32, u64>::init("Lock Hash", 128)?;
//! locks.insert(42, 7)?;
//! assert_eq!(locks.find(&42), Some(7));
//! assert!(shmem_allocations().iter().any(|r| r.name.as_deref() == Some("XLOG Ctl")));
//! # Ok::<(), pg_error::PgError>(())
//! ```
#![deny(clippy::undocumented_unsafe_blocks)]
#![deny(unsafe_op_in_unsafe_fn)]

mod lwlock;
mod segment;
mod shmem_hash;
mod shmem_safe;
mod size;
mod spin;

pub use lwlock::{
    clear_my_lwlock_waiter_slot, held_lwlock_count, lwlock_register_tranche, lwlock_release_all, lwlock_tranche_name,
    lwlock_waiters_init, my_lwlock_waiter_slot, set_my_lwlock_waiter_slot, set_wait_event_hook, LWLock,
    LWLockExclusiveGuard, LWLockMode, LWLockSharedGuard, LWLockWaiter, LWLockWaiters, LWLocked, LWLockedReadGuard,
    LWLockedWriteGuard, LWLOCK_WAITERS_SHMEM_NAME, MAX_SIMUL_LWLOCKS,
};
pub use segment::{
    shmem_alloc, shmem_allocations, shmem_find, shmem_init_struct, shmem_init_struct_typed, shmem_init_struct_with,
    shmem_is_attached, ShmemAllocation, ShmemSegment, SHMEM_INDEX_KEYSIZE, SHMEM_INDEX_SIZE,
};
pub use shmem_hash::SharedHash;
pub use shmem_safe::ShmemSafe;
pub use size::{add_size, cacheline_align, maxalign, mul_size, type_align, CACHELINE_SIZE, MAXIMUM_ALIGNOF};
pub use spin::{held_spinlock_count, SpinLock, SpinLockGuard, SpinLocked, SpinLockedGuard, STUCK_SPINLOCK_TIMEOUT};
