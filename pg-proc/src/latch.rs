//! Shared latches (PostgreSQL's `storage/ipc/latch.c`, the shared half).
//!
//! Every PGPROC slot has a [`SharedLatch`] in a separate shared array
//! indexed by proc number (PostgreSQL's `PGPROC.procLatch`). Another process
//! wakes the owner with [`set_latch`]: it sets the latch's flag and, unless
//! the flag was already set, sends SIGUSR1 to the owner, whose handler (the
//! procsignal handler of [`crate::interrupts`]) writes a byte into the
//! owner's self-pipe. The owner sleeps with [`wait_my_latch`], which returns
//! at once when the flag is set and otherwise polls the self-pipe through
//! [`crate::interrupts::wait_latch`]; it clears the flag with [`reset_latch`].
//!
//! The waiting loop is PostgreSQL's:
//!
//! ```text
//! loop { if condition { break } wait_my_latch(timeout); reset_latch(); }
//! ```
//!
//! A `set_latch` that comes after the condition was tested either finds
//! the flag clear (and signals: the pipe wakes the poll) or finds it set
//! (and the wait returns at once), so no wake-up is lost. A wake-up may be
//! spurious: callers re-test their condition.
//!
//! Why SIGUSR1: it is the signal PostgreSQL's latches use, and the
//! backend's handler already sets the interrupt flags and writes the
//! self-pipe; a latch wake-up is a procsignal with no reason bits, which
//! `check_for_interrupts` passes over. Every process that owns a latch must
//! therefore have that handler installed (backends do in
//! `install_backend_signal_handlers`; auxiliary processes must too).
#![deny(clippy::undocumented_unsafe_blocks)]

use pg_error::{PgError, PgResult};
use std::cell::Cell;
use std::sync::atomic::{fence, AtomicBool, AtomicI32, Ordering};
use std::time::Duration;

/// One process's shared latch. Lives in shared memory: `#[repr(C)]`
/// atomics, valid when zeroed (not set, no owner).
#[repr(C)]
pub struct SharedLatch {
    /// Set by anyone, cleared by the owner.
    is_set: AtomicBool,
    /// The owning process (0 while the slot is not owned).
    owner_pid: AtomicI32,
}

// SAFETY: repr(C) atomics only; zero is a valid, unowned latch.
unsafe impl pg_shmem::ShmemSafe for SharedLatch {}

thread_local! {
    /// Where this process finds the latch array (pointer, length).
    static LATCHES: Cell<(*const SharedLatch, usize)> = const { Cell::new((std::ptr::null(), 0)) };
    /// The proc number whose latch this process owns.
    static MY_LATCH: Cell<Option<usize>> = const { Cell::new(None) };
}

const SHMEM_NAME: &str = "Proc Latches";

fn latches() -> &'static [SharedLatch] {
    let (ptr, len) = LATCHES.with(Cell::get);
    if ptr.is_null() {
        return &[];
    }
    // SAFETY: the pointer and length come from `latch_shmem_init`, which
    // found or made `len` latches in the shared segment; the segment stays
    // mapped for the life of the process.
    unsafe { std::slice::from_raw_parts(ptr, len) }
}

/// Shared memory for the latches of `max_procs` proc slots.
pub fn latch_shmem_size(max_procs: usize) -> PgResult<usize> {
    pg_shmem::mul_size(max_procs.max(1), std::mem::size_of::<SharedLatch>())
}

/// Creates (or attaches to) the latch array in the current segment.
pub fn latch_shmem_init(max_procs: usize) -> PgResult<()> {
    let n = max_procs.max(1);
    let (ptr, _found) = pg_shmem::shmem_init_struct(SHMEM_NAME, latch_shmem_size(n)?)?;
    LATCHES.with(|l| l.set((ptr.as_ptr() as *const SharedLatch, n)));
    Ok(())
}

/// OwnLatch(): makes the latch of proc slot `proc_number` this process's
/// (called once the slot is claimed). The flag starts clear.
pub fn own_latch(proc_number: usize) -> PgResult<()> {
    let latch = latches()
        .get(proc_number)
        .ok_or_else(|| PgError::internal(format!("no shared latch for proc number {proc_number}")))?;
    latch.is_set.store(false, Ordering::SeqCst);
    latch.owner_pid.store(std::process::id() as i32, Ordering::SeqCst);
    MY_LATCH.with(|m| m.set(Some(proc_number)));
    Ok(())
}

/// DisownLatch(): the process gives its latch up (at exit).
pub fn disown_latch() {
    if let Some(i) = MY_LATCH.with(|m| m.take()) {
        if let Some(latch) = latches().get(i) {
            latch.owner_pid.store(0, Ordering::SeqCst);
        }
    }
}

/// The proc number whose latch this process owns, if any.
pub fn my_latch_number() -> Option<usize> {
    MY_LATCH.with(Cell::get)
}

/// SetLatch(): wakes the owner of proc slot `proc_number`'s latch. Cheap
/// when the latch is already set; a slot nobody owns is left set, and its
/// next owner clears it.
pub fn set_latch(proc_number: usize) {
    let Some(latch) = latches().get(proc_number) else { return };
    // As in PostgreSQL: whatever the caller changed before (a lock grant)
    // must be visible before the owner can see the flag.
    fence(Ordering::SeqCst);
    if latch.is_set.swap(true, Ordering::SeqCst) {
        return;
    }
    let owner = latch.owner_pid.load(Ordering::SeqCst);
    if owner <= 0 {
        return;
    }
    if owner == std::process::id() as i32 {
        crate::interrupts::set_my_latch();
    } else {
        // SAFETY: kill(2) with a pid read from a live latch slot; at worst
        // the process has just exited and the signal goes nowhere (its slot
        // is not reused before its exit cleared `owner_pid`).
        unsafe { libc::kill(owner, libc::SIGUSR1) };
    }
}

/// ResetLatch(): clears this process's latch flag. Callers test their wake
/// condition after this, never before.
pub fn reset_latch() {
    if let Some(latch) = my_latch_number().and_then(|i| latches().get(i)) {
        latch.is_set.store(false, Ordering::SeqCst);
        fence(Ordering::SeqCst);
    }
}

/// Whether this process's latch is set.
pub fn my_latch_is_set() -> bool {
    my_latch_number().and_then(|i| latches().get(i)).is_some_and(|l| l.is_set.load(Ordering::SeqCst))
}

/// WaitLatch() on this process's shared latch: returns at once when the
/// latch is set or an interrupt is pending, else sleeps until a wake-up
/// (any signal), the postmaster's death or `timeout`. A pending
/// configuration reload does not end the wait (it is served when the
/// backend is idle; a waiter would otherwise spin until then).
pub fn wait_my_latch(timeout: Option<Duration>) -> crate::interrupts::WakeEvents {
    if my_latch_is_set() || crate::interrupts::INTERRUPT_PENDING.load(Ordering::SeqCst) {
        return crate::interrupts::WakeEvents { latch: true, ..Default::default() };
    }
    crate::interrupts::wait_latch_or_socket(None, timeout)
}
