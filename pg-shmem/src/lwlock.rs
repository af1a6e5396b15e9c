//! Lightweight locks (PostgreSQL's `storage/lmgr/lwlock.c`): shared/exclusive locks in shared
//! memory whose waiters sleep on a futex in a FIFO queue.
//!
//! The lock is one atomic state word plus a wait queue:
//!
//! ```text
//! state: bit 30 HAS_WAITERS | bit 28 LIST_LOCKED | bit 24 EXCLUSIVE | bits 0-23 shared count
//! head, tail: pointers to LWLockWaiter slots (protected by LIST_LOCKED)
//! ```
//!
//! Each process owns one waiter slot in shared memory (`set_my_lwlock_waiter_slot`); a process
//! waits for at most one lock at a time, so one slot is enough. Queue links are plain pointers:
//! every process maps the segment at the same address.
//!
//! Fairness is strict FIFO with direct hand-off. A requester may take the lock without queueing
//! only if the queue is empty (HAS_WAITERS clear), so a stream of new shared lockers cannot pass
//! a queued exclusive waiter. A releaser that leaves the lock free grants it to the head of the
//! queue itself (the head exclusive waiter, or the run of shared waiters at the head), updates
//! the state word on their behalf, and wakes them: a woken waiter already owns the lock and
//! never retries, so there is no thundering herd and no barging.
//!
//! Races between "decide to wait" and "release" are closed by the state word: a waiter sets
//! HAS_WAITERS in the same compare-and-swap that observes the lock to be incompatible (while
//! holding the list lock), so a later release sees HAS_WAITERS and goes to the grant path,
//! which needs the list lock and therefore runs only after the waiter is queued.

use std::cell::{Cell, RefCell, UnsafeCell};
use std::ops::{Deref, DerefMut};
use std::ptr::{self, NonNull};
use std::sync::atomic::{AtomicPtr, AtomicU32, Ordering};
use std::sync::Mutex;

use pg_error::{PgError, PgResult};

use crate::segment::{shmem_find, shmem_init_struct_with, ShmemSegment};
use crate::shmem_safe::ShmemSafe;
use crate::size::{add_size, mul_size};
use crate::spin::SpinDelay;

const LW_FLAG_HAS_WAITERS: u32 = 1 << 30;
const LW_FLAG_LIST_LOCKED: u32 = 1 << 28;
const LW_VAL_EXCLUSIVE: u32 = 1 << 24;
const LW_SHARED_MASK: u32 = LW_VAL_EXCLUSIVE - 1;
const LW_LOCK_MASK: u32 = LW_VAL_EXCLUSIVE | LW_SHARED_MASK;

/// PostgreSQL's `MAX_SIMUL_LWLOCKS`: how many LWLocks one process may hold at once.
pub const MAX_SIMUL_LWLOCKS: usize = 200;

/// The index entry name of the waiter slot array.
pub const LWLOCK_WAITERS_SHMEM_NAME: &str = "LWLock Waiters";

/// The mode an LWLock is held or requested in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LWLockMode {
    /// One holder, no shared holders.
    Exclusive,
    /// Any number of shared holders, no exclusive holder.
    Shared,
}

impl LWLockMode {
    fn increment(self) -> u32 {
        match self {
            LWLockMode::Exclusive => LW_VAL_EXCLUSIVE,
            LWLockMode::Shared => 1,
        }
    }

    fn compatible(self, state: u32) -> bool {
        match self {
            LWLockMode::Exclusive => state & LW_LOCK_MASK == 0,
            LWLockMode::Shared => state & LW_VAL_EXCLUSIVE == 0,
        }
    }
}

/// A lightweight lock. Lives only in shared memory (zeroed = unlocked, tranche 0): there is
/// no constructor, embed it in a `#[repr(C)]` struct allocated with `shmem_init_struct_typed`.
#[repr(C)]
pub struct LWLock {
    state: AtomicU32,
    tranche: AtomicU32,
    // Protected by LW_FLAG_LIST_LOCKED in `state`.
    head: AtomicPtr<LWLockWaiter>,
    tail: AtomicPtr<LWLockWaiter>,
}

// SAFETY: repr(C) of atomics; zero is "unlocked, empty queue"; the queue pointers point only at
// waiter slots inside the same shared segment, which every process maps at the same address.
unsafe impl ShmemSafe for LWLock {}

impl std::fmt::Debug for LWLock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LWLock")
            .field("tranche", &self.tranche_name())
            .field("state", &format_args!("{:#x}", self.state.load(Ordering::Relaxed)))
            .finish()
    }
}

/// One process's wait slot: the process sleeps on `futex` while it is 1.
#[repr(C, align(64))]
pub struct LWLockWaiter {
    futex: AtomicU32,
    mode: AtomicU32,
    pid: AtomicU32,
    // Protected by the list lock of the LWLock this waiter is queued on.
    next: AtomicPtr<LWLockWaiter>,
}

#[repr(C, align(64))]
struct LWLockWaitersHeader {
    nslots: AtomicU32,
}

thread_local! {
    // The process's wait slot (thread-local so that single-process unit tests may use threads;
    // server processes have one thread, and fork() keeps the forking thread's value).
    static MY_WAITER: Cell<(*const LWLockWaiter, usize)> = const { Cell::new((ptr::null(), 0)) };
    static HELD_LWLOCKS: RefCell<Vec<(*const LWLock, LWLockMode)>> = const { RefCell::new(Vec::new()) };
}

type WaitEventHook = fn(Option<&'static str>);
static WAIT_EVENT_HOOK: Mutex<Option<WaitEventHook>> = Mutex::new(None);
static TRANCHE_NAMES: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());

/// Installs a process-global hook called with `Some(tranche name)` just before this process
/// sleeps on an LWLock and with `None` when it wakes (`pgstat_report_wait_start/end`, wait
/// event type "LWLock").
pub fn set_wait_event_hook(hook: Option<fn(Option<&'static str>)>) {
    *WAIT_EVENT_HOOK.lock().unwrap_or_else(|e| e.into_inner()) = hook;
}

fn report_wait(event: Option<&'static str>) {
    let hook = *WAIT_EVENT_HOOK.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(hook) = hook {
        hook(event);
    }
}

/// `LWLockRegisterTranche` -- gives `name` a tranche id (the same id if already registered).
/// Tranche ids are process-local: register them in the postmaster before forking, in the same
/// order in every process that registers more later. Id 0 is the unnamed default.
pub fn lwlock_register_tranche(name: &'static str) -> u32 {
    let mut names = TRANCHE_NAMES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(i) = names.iter().position(|n| *n == name) {
        return i as u32 + 1;
    }
    names.push(name);
    names.len() as u32
}

/// `GetLWTrancheName` -- the name for a tranche id; "extension" for ids this process does not
/// know (as PostgreSQL reports them) and "LWLock" for the default tranche 0.
pub fn lwlock_tranche_name(id: u32) -> &'static str {
    if id == 0 {
        return "LWLock";
    }
    let names = TRANCHE_NAMES.lock().unwrap_or_else(|e| e.into_inner());
    names.get(id as usize - 1).copied().unwrap_or("extension")
}

fn futex_wait(word: &AtomicU32, expected: u32) {
    // SAFETY: FUTEX_WAIT only reads the aligned u32 behind `word`, which is live for the call.
    // The shared (non-PRIVATE) operation keys the wait on the physical page, so wakers in other
    // processes mapping the same MAP_SHARED segment find us. EINTR/EAGAIN are handled by the
    // caller's loop, which re-checks the word.
    unsafe {
        libc::syscall(
            libc::SYS_futex,
            word.as_ptr(),
            libc::FUTEX_WAIT,
            expected,
            ptr::null::<libc::timespec>(),
            ptr::null::<u32>(),
            0u32,
        );
    }
}

fn futex_wake(word: &AtomicU32) {
    // SAFETY: FUTEX_WAKE does not access user memory beyond using the address as a key.
    unsafe {
        libc::syscall(
            libc::SYS_futex,
            word.as_ptr(),
            libc::FUTEX_WAKE,
            1i32,
            ptr::null::<libc::timespec>(),
            ptr::null::<u32>(),
            0u32,
        );
    }
}

/// A handle on the waiter slot array in one segment.
#[derive(Clone, Copy, Debug)]
pub struct LWLockWaiters {
    header: NonNull<LWLockWaitersHeader>,
}

// SAFETY: the handle points at shared memory accessed only through atomics.
unsafe impl Send for LWLockWaiters {}
// SAFETY: as above.
unsafe impl Sync for LWLockWaiters {}

impl LWLockWaiters {
    /// Shared memory needed for `max_procs` waiter slots.
    pub fn shmem_size(max_procs: usize) -> PgResult<usize> {
        add_size(std::mem::size_of::<LWLockWaitersHeader>(), mul_size(max_procs, std::mem::size_of::<LWLockWaiter>())?)
    }

    fn from_raw(ptr: NonNull<u8>) -> LWLockWaiters {
        LWLockWaiters { header: ptr.cast() }
    }

    fn init_fn(max_procs: usize) -> PgResult<impl FnOnce(NonNull<u8>)> {
        let n = u32::try_from(max_procs).map_err(|_| PgError::internal("too many LWLock waiter slots"))?;
        Ok(move |p: NonNull<u8>| LWLockWaiters::from_raw(p).header().nslots.store(n, Ordering::Release))
    }

    /// Finds or creates the array of `max_procs` slots in `seg`.
    pub fn init_in(seg: &ShmemSegment, max_procs: usize) -> PgResult<LWLockWaiters> {
        let (p, _) =
            seg.init_struct_with(LWLOCK_WAITERS_SHMEM_NAME, Self::shmem_size(max_procs)?, Self::init_fn(max_procs)?)?;
        Ok(LWLockWaiters::from_raw(p))
    }

    /// Finds or creates the array of `max_procs` slots in the current segment.
    pub fn init(max_procs: usize) -> PgResult<LWLockWaiters> {
        let (p, _) =
            shmem_init_struct_with(LWLOCK_WAITERS_SHMEM_NAME, Self::shmem_size(max_procs)?, Self::init_fn(max_procs)?)?;
        Ok(LWLockWaiters::from_raw(p))
    }

    fn header(&self) -> &LWLockWaitersHeader {
        // SAFETY: the header was allocated in a segment that stays mapped until the unsafe
        // `destroy`, and is only accessed through atomics.
        unsafe { self.header.as_ref() }
    }

    /// Number of slots.
    pub fn len(&self) -> usize {
        self.header().nslots.load(Ordering::Acquire) as usize
    }

    /// Whether the array has no slots.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn slot(&self, i: usize) -> PgResult<&LWLockWaiter> {
        if i >= self.len() {
            return Err(PgError::internal(format!("LWLock waiter slot {i} out of range (0..{})", self.len())));
        }
        // SAFETY: the slots follow the 64-byte header contiguously, `i` is in range, and the
        // memory (zero-valid atomics) stays mapped as above.
        Ok(unsafe { &*self.header.as_ptr().add(1).cast::<LWLockWaiter>().add(i) })
    }

    /// Makes slot `i` this process's wait slot. The caller guarantees that no other live
    /// process uses the same slot (the PGPROC layer hands them out with PGPROC slots).
    pub fn set_my_slot(&self, i: usize) -> PgResult<()> {
        let slot = self.slot(i)?;
        slot.futex.store(0, Ordering::Relaxed);
        slot.pid.store(std::process::id(), Ordering::Relaxed);
        MY_WAITER.with(|w| w.set((slot as *const LWLockWaiter, i)));
        Ok(())
    }
}

/// Creates (or finds) the waiter slot array for `max_procs` processes in the current segment.
pub fn lwlock_waiters_init(max_procs: usize) -> PgResult<LWLockWaiters> {
    LWLockWaiters::init(max_procs)
}

/// Gives this process waiter slot `i` of the current segment's array (created by
/// [`lwlock_waiters_init`]). A process without a slot can still take LWLocks, but waits by
/// polling with backoff instead of sleeping in the FIFO queue.
pub fn set_my_lwlock_waiter_slot(i: usize) -> PgResult<()> {
    let (p, _) = shmem_find(LWLOCK_WAITERS_SHMEM_NAME)
        .ok_or_else(|| PgError::internal("LWLock waiter slots are not initialized"))?;
    LWLockWaiters::from_raw(p).set_my_slot(i)
}

/// This process's waiter slot index, if it has one.
pub fn my_lwlock_waiter_slot() -> Option<usize> {
    MY_WAITER.with(|w| {
        let (p, i) = w.get();
        (!p.is_null()).then_some(i)
    })
}

/// Drops this process's waiter slot (e.g. a backend detaching from its PGPROC).
pub fn clear_my_lwlock_waiter_slot() {
    MY_WAITER.with(|w| w.set((ptr::null(), 0)));
}

/// Called by `ShmemSegment::destroy`: forgets the slot if it lies in the unmapped range.
pub(crate) fn forget_waiter_slot_in(base: *const u8, len: usize) {
    MY_WAITER.with(|w| {
        let addr = w.get().0 as usize;
        if (base as usize..base as usize + len).contains(&addr) {
            w.set((ptr::null(), 0));
        }
    });
}

fn my_waiter() -> Option<&'static LWLockWaiter> {
    let p = MY_WAITER.with(|w| w.get().0);
    // SAFETY: the pointer was set from a slot in a mapped segment; it is cleared when that
    // segment is destroyed, so a non-null value points at a live, zero-valid atomic struct.
    unsafe { p.as_ref() }
}

/// `LWLockHeldByMe` count: how many LWLock acquisitions this process holds.
pub fn held_lwlock_count() -> usize {
    HELD_LWLOCKS.with(|h| h.borrow().len())
}

/// `LWLockReleaseAll` -- releases every LWLock this process holds, newest first (error
/// cleanup after guards were leaked). Guards of released locks become no-ops.
pub fn lwlock_release_all() {
    let held = HELD_LWLOCKS.with(|h| std::mem::take(&mut *h.borrow_mut()));
    for &(lock, mode) in held.iter().rev() {
        // SAFETY: LWLocks have no constructor and live in shared segments, which stay mapped
        // until the unsafe `destroy` whose contract requires releasing held locks first; so a
        // pointer in the held list still points at a live LWLock.
        let lock = unsafe { &*lock };
        lock.release_internal(mode);
    }
}

fn remember_held(lock: &LWLock, mode: LWLockMode) {
    HELD_LWLOCKS.with(|h| {
        let mut h = h.borrow_mut();
        if h.len() >= MAX_SIMUL_LWLOCKS {
            // A bug in the caller (PostgreSQL: elog(ERROR, "too many LWLocks taken")); we have
            // already taken the lock, so give it back before reporting.
            drop(h);
            lock.release_internal(mode);
            panic!("too many LWLocks taken");
        }
        h.push((lock as *const LWLock, mode));
    });
}

/// Removes the newest held entry for (lock, mode); false if `lwlock_release_all` got it first.
fn forget_held(lock: &LWLock, mode: LWLockMode) -> bool {
    HELD_LWLOCKS.with(|h| {
        let mut h = h.borrow_mut();
        match h.iter().rposition(|&(l, m)| ptr::eq(l, lock) && m == mode) {
            Some(i) => {
                h.remove(i);
                true
            }
            None => false,
        }
    })
}

impl LWLock {
    /// `LWLockInitialize` -- sets the tranche used to name waits on this lock. The lock must
    /// be unlocked and nobody may be using it yet (shared memory initialisation time).
    pub fn init(&self, tranche_id: u32) {
        self.tranche.store(tranche_id, Ordering::Relaxed);
    }

    /// The tranche id given to `init`.
    pub fn tranche_id(&self) -> u32 {
        self.tranche.load(Ordering::Relaxed)
    }

    /// The tranche's name, reported as the wait event while waiting.
    pub fn tranche_name(&self) -> &'static str {
        lwlock_tranche_name(self.tranche_id())
    }

    /// Takes the lock in shared mode, sleeping in FIFO order if needed.
    pub fn acquire_shared(&self) -> LWLockSharedGuard<'_> {
        self.acquire_mode(LWLockMode::Shared);
        LWLockSharedGuard { lock: self }
    }

    /// Takes the lock in exclusive mode, sleeping in FIFO order if needed.
    pub fn acquire_exclusive(&self) -> LWLockExclusiveGuard<'_> {
        self.acquire_mode(LWLockMode::Exclusive);
        LWLockExclusiveGuard { lock: self }
    }

    /// `LWLockConditionalAcquire` in shared mode: only if available now without passing waiters.
    pub fn try_acquire_shared(&self) -> Option<LWLockSharedGuard<'_>> {
        self.attempt(LWLockMode::Shared).then(|| {
            remember_held(self, LWLockMode::Shared);
            LWLockSharedGuard { lock: self }
        })
    }

    /// `LWLockConditionalAcquire` in exclusive mode.
    pub fn try_acquire_exclusive(&self) -> Option<LWLockExclusiveGuard<'_>> {
        self.attempt(LWLockMode::Exclusive).then(|| {
            remember_held(self, LWLockMode::Exclusive);
            LWLockExclusiveGuard { lock: self }
        })
    }

    /// `LWLockHeldByMe`.
    pub fn held_by_me(&self) -> bool {
        HELD_LWLOCKS.with(|h| h.borrow().iter().any(|&(l, _)| ptr::eq(l, self)))
    }

    /// `LWLockHeldByMeInMode`.
    pub fn held_by_me_in_mode(&self, mode: LWLockMode) -> bool {
        HELD_LWLOCKS.with(|h| h.borrow().iter().any(|&(l, m)| ptr::eq(l, self) && m == mode))
    }

    /// Whether any process holds the lock exclusively (a snapshot, for assertions and tests).
    pub fn is_exclusive_locked(&self) -> bool {
        self.state.load(Ordering::Relaxed) & LW_VAL_EXCLUSIVE != 0
    }

    /// Number of shared holders right now (a snapshot).
    pub fn shared_count(&self) -> u32 {
        self.state.load(Ordering::Relaxed) & LW_SHARED_MASK
    }

    /// Whether processes are queued on the lock right now (a snapshot).
    pub fn has_waiters(&self) -> bool {
        self.state.load(Ordering::Relaxed) & LW_FLAG_HAS_WAITERS != 0
    }

    /// Number of queued waiters (takes the list lock; for tests).
    #[cfg(test)]
    fn queued(&self) -> usize {
        self.lock_wait_list();
        let mut n = 0;
        let mut cur = self.head.load(Ordering::Relaxed);
        // SAFETY: queued waiters are live slots; we hold the list lock.
        while let Some(w) = unsafe { cur.as_ref() } {
            n += 1;
            cur = w.next.load(Ordering::Relaxed);
        }
        self.unlock_wait_list();
        n
    }

    fn acquire_mode(&self, mode: LWLockMode) {
        if !self.attempt(mode) {
            match my_waiter() {
                Some(me) => self.acquire_queued(mode, me),
                None => self.acquire_polling(mode),
            }
        }
        remember_held(self, mode);
    }

    /// Takes the lock if it is compatible and nobody is queued (no barging past waiters).
    fn attempt(&self, mode: LWLockMode) -> bool {
        let mut old = self.state.load(Ordering::Relaxed);
        loop {
            if old & LW_FLAG_HAS_WAITERS != 0 || !mode.compatible(old) {
                return false;
            }
            assert!(old & LW_SHARED_MASK != LW_SHARED_MASK, "too many shared holders of an LWLock");
            match self.state.compare_exchange_weak(old, old + mode.increment(), Ordering::Acquire, Ordering::Relaxed) {
                Ok(_) => return true,
                Err(cur) => old = cur,
            }
        }
    }

    fn lock_wait_list(&self) {
        let mut delay = SpinDelay::new();
        loop {
            let old = self.state.fetch_or(LW_FLAG_LIST_LOCKED, Ordering::Acquire);
            if old & LW_FLAG_LIST_LOCKED == 0 {
                return;
            }
            // Wait for it to look free before trying again, without writing to the line.
            while self.state.load(Ordering::Relaxed) & LW_FLAG_LIST_LOCKED != 0 {
                delay.delay();
            }
        }
    }

    fn unlock_wait_list(&self) {
        self.state.fetch_and(!LW_FLAG_LIST_LOCKED, Ordering::Release);
    }

    fn acquire_queued(&self, mode: LWLockMode, me: &LWLockWaiter) {
        self.lock_wait_list();
        let mut old = self.state.load(Ordering::Relaxed);
        loop {
            let (new, got_it) = if old & LW_FLAG_HAS_WAITERS == 0 && mode.compatible(old) {
                (old + mode.increment(), true)
            } else {
                (old | LW_FLAG_HAS_WAITERS, false)
            };
            match self.state.compare_exchange_weak(old, new, Ordering::AcqRel, Ordering::Relaxed) {
                Ok(_) if got_it => {
                    self.unlock_wait_list();
                    return;
                }
                Ok(_) => break,
                Err(cur) => old = cur,
            }
        }
        // Queue at the tail. Only the list lock holder touches head/tail/next.
        let me_ptr = me as *const LWLockWaiter as *mut LWLockWaiter;
        me.mode.store(mode as u32, Ordering::Relaxed);
        me.next.store(ptr::null_mut(), Ordering::Relaxed);
        me.futex.store(1, Ordering::Relaxed);
        let tail = self.tail.load(Ordering::Relaxed);
        if tail.is_null() {
            self.head.store(me_ptr, Ordering::Relaxed);
        } else {
            // SAFETY: queued waiters are live slots in the segment; we hold the list lock.
            unsafe { &*tail }.next.store(me_ptr, Ordering::Relaxed);
        }
        self.tail.store(me_ptr, Ordering::Relaxed);
        self.unlock_wait_list();

        report_wait(Some(self.tranche_name()));
        while me.futex.load(Ordering::Acquire) == 1 {
            futex_wait(&me.futex, 1);
        }
        report_wait(None);
        // The releaser granted us the lock before clearing our futex word.
    }

    fn acquire_polling(&self, mode: LWLockMode) {
        report_wait(Some(self.tranche_name()));
        let mut delay = SpinDelay::new();
        while !self.attempt(mode) {
            delay.delay();
        }
        report_wait(None);
    }

    fn release_internal(&self, mode: LWLockMode) {
        let old = self.state.fetch_sub(mode.increment(), Ordering::Release);
        debug_assert!(match mode {
            LWLockMode::Exclusive => old & LW_VAL_EXCLUSIVE != 0,
            LWLockMode::Shared => old & LW_SHARED_MASK != 0,
        });
        let new = old - mode.increment();
        if new & LW_FLAG_HAS_WAITERS != 0 && new & LW_LOCK_MASK == 0 {
            self.wake_waiters();
        }
    }

    /// Hands the lock to the head of the queue (one exclusive waiter, or the run of shared
    /// waiters at the head), then wakes them outside the list lock.
    fn wake_waiters(&self) {
        self.lock_wait_list();
        let mut granted_head: *mut LWLockWaiter = ptr::null_mut();
        let mut granted_tail: *mut LWLockWaiter = ptr::null_mut();
        loop {
            let head = self.head.load(Ordering::Relaxed);
            // SAFETY: queued waiters are live slots in the segment; we hold the list lock.
            let Some(w) = (unsafe { head.as_ref() }) else { break };
            let mode = if w.mode.load(Ordering::Relaxed) == LWLockMode::Exclusive as u32 {
                LWLockMode::Exclusive
            } else {
                LWLockMode::Shared
            };
            let next = w.next.load(Ordering::Relaxed);
            let mut old = self.state.load(Ordering::Relaxed);
            let granted = loop {
                if !mode.compatible(old) {
                    break false;
                }
                let mut new = old + mode.increment();
                if next.is_null() {
                    new &= !LW_FLAG_HAS_WAITERS;
                }
                match self.state.compare_exchange_weak(old, new, Ordering::AcqRel, Ordering::Relaxed) {
                    Ok(_) => break true,
                    Err(cur) => old = cur,
                }
            };
            if !granted {
                break;
            }
            self.head.store(next, Ordering::Relaxed);
            if next.is_null() {
                self.tail.store(ptr::null_mut(), Ordering::Relaxed);
            }
            w.next.store(ptr::null_mut(), Ordering::Relaxed);
            if granted_tail.is_null() {
                granted_head = head;
            } else {
                // SAFETY: granted waiters are live slots, still asleep, owned by this list walk.
                unsafe { &*granted_tail }.next.store(head, Ordering::Relaxed);
            }
            granted_tail = head;
            if mode == LWLockMode::Exclusive {
                break;
            }
        }
        self.unlock_wait_list();
        let mut cur = granted_head;
        // SAFETY: each granted slot stays asleep until its futex word is cleared, so its `next`
        // is ours to read until then; slots live in the segment for the life of the process.
        while let Some(w) = unsafe { cur.as_ref() } {
            cur = w.next.load(Ordering::Relaxed);
            w.futex.store(0, Ordering::Release);
            futex_wake(&w.futex);
        }
    }
}

/// A shared hold on an LWLock; dropping it releases the lock.
#[must_use = "the lock is released as soon as the guard is dropped"]
#[derive(Debug)]
pub struct LWLockSharedGuard<'a> {
    lock: &'a LWLock,
}

/// An exclusive hold on an LWLock; dropping it releases the lock.
#[must_use = "the lock is released as soon as the guard is dropped"]
#[derive(Debug)]
pub struct LWLockExclusiveGuard<'a> {
    lock: &'a LWLock,
}

impl Drop for LWLockSharedGuard<'_> {
    fn drop(&mut self) {
        if forget_held(self.lock, LWLockMode::Shared) {
            self.lock.release_internal(LWLockMode::Shared);
        }
    }
}

impl Drop for LWLockExclusiveGuard<'_> {
    fn drop(&mut self) {
        if forget_held(self.lock, LWLockMode::Exclusive) {
            self.lock.release_internal(LWLockMode::Exclusive);
        }
    }
}

/// Plain data protected by an LWLock, laid out as `{ lock, data }`; lives in shared memory.
#[repr(C)]
pub struct LWLocked<T> {
    lock: LWLock,
    data: UnsafeCell<T>,
}

// SAFETY: LWLock is ShmemSafe, UnsafeCell<T> is transparent over a ShmemSafe T, and `data` is
// mutated only with the lock held exclusively.
unsafe impl<T: ShmemSafe> ShmemSafe for LWLocked<T> {}

// SAFETY: readers get `&T` only under a shared lock (hence T: Sync) and writers `&mut T` only
// under the exclusive lock (hence T: Send).
unsafe impl<T: Send + Sync> Sync for LWLocked<T> {}

impl<T> LWLocked<T> {
    /// The lock itself (to `init` its tranche, or inspect it).
    pub fn lwlock(&self) -> &LWLock {
        &self.lock
    }

    /// Shared access.
    pub fn read(&self) -> LWLockedReadGuard<'_, T> {
        LWLockedReadGuard { _guard: self.lock.acquire_shared(), data: &self.data }
    }

    /// Exclusive access.
    pub fn write(&self) -> LWLockedWriteGuard<'_, T> {
        LWLockedWriteGuard { _guard: self.lock.acquire_exclusive(), data: &self.data }
    }

    /// Shared access if available now.
    pub fn try_read(&self) -> Option<LWLockedReadGuard<'_, T>> {
        Some(LWLockedReadGuard { _guard: self.lock.try_acquire_shared()?, data: &self.data })
    }

    /// Exclusive access if available now.
    pub fn try_write(&self) -> Option<LWLockedWriteGuard<'_, T>> {
        Some(LWLockedWriteGuard { _guard: self.lock.try_acquire_exclusive()?, data: &self.data })
    }
}

/// Shared access to an [`LWLocked`]'s data.
#[must_use = "the lock is released as soon as the guard is dropped"]
pub struct LWLockedReadGuard<'a, T> {
    _guard: LWLockSharedGuard<'a>,
    data: &'a UnsafeCell<T>,
}

/// Exclusive access to an [`LWLocked`]'s data.
#[must_use = "the lock is released as soon as the guard is dropped"]
pub struct LWLockedWriteGuard<'a, T> {
    _guard: LWLockExclusiveGuard<'a>,
    data: &'a UnsafeCell<T>,
}

impl<T> Deref for LWLockedReadGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: a shared lock is held: no writer exists while this guard lives. (If
        // `lwlock_release_all` released the lock under a live guard, the caller broke the
        // "release all only after leaking guards" rule; the data stays valid memory.)
        unsafe { &*self.data.get() }
    }
}

impl<T> Deref for LWLockedWriteGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the exclusive lock is held.
        unsafe { &*self.data.get() }
    }
}

impl<T> DerefMut for LWLockedWriteGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the exclusive lock is held and `&mut self` makes this the only reference.
        unsafe { &mut *self.data.get() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    #[repr(C)]
    struct Locks {
        a: LWLock,
        b: LWLock,
    }
    // SAFETY: repr(C) of LWLocks.
    unsafe impl ShmemSafe for Locks {}

    /// Waiter slots in the test segment; tests running in parallel use disjoint slots:
    /// threads_with_waiter_slots 0-3, fifo_grant_order 4-6, shared_batch 8-9.
    const TEST_SLOTS: usize = 16;

    fn segment() -> &'static ShmemSegment {
        static SEG: OnceLock<ShmemSegment> = OnceLock::new();
        SEG.get_or_init(|| ShmemSegment::create_standalone(1 << 20).unwrap())
    }

    fn locks(name: &str) -> &'static Locks {
        segment().init_struct_typed::<Locks>(name, |_| ()).unwrap().0
    }

    #[test]
    fn layout() {
        assert_eq!(std::mem::size_of::<LWLock>(), 24);
        assert_eq!(std::mem::align_of::<LWLock>(), 8);
        assert_eq!(std::mem::size_of::<LWLockWaiter>(), 64);
    }

    #[test]
    fn modes_and_held_list() {
        let l = locks("modes");
        let base = held_lwlock_count();
        {
            let s1 = l.a.acquire_shared();
            let s2 = l.a.try_acquire_shared().expect("shared is compatible with shared");
            assert_eq!(l.a.shared_count(), 2);
            assert!(l.a.try_acquire_exclusive().is_none());
            assert!(l.a.held_by_me_in_mode(LWLockMode::Shared));
            assert!(!l.a.held_by_me_in_mode(LWLockMode::Exclusive));
            assert_eq!(held_lwlock_count(), base + 2);
            drop(s1);
            drop(s2);
        }
        assert_eq!(l.a.shared_count(), 0);
        let x = l.a.acquire_exclusive();
        assert!(l.a.is_exclusive_locked());
        assert!(l.a.try_acquire_shared().is_none());
        assert!(l.a.try_acquire_exclusive().is_none());
        let y = l.b.acquire_exclusive();
        assert!(l.b.held_by_me());
        // Release out of order.
        drop(x);
        assert!(!l.a.is_exclusive_locked());
        assert!(l.b.is_exclusive_locked());
        drop(y);
        assert_eq!(held_lwlock_count(), base);
    }

    #[test]
    fn release_all_after_leak() {
        let l = locks("release all");
        std::mem::forget(l.a.acquire_exclusive());
        std::mem::forget(l.b.acquire_shared());
        let guard = l.b.acquire_shared();
        assert_eq!(held_lwlock_count(), 3);
        lwlock_release_all();
        assert_eq!(held_lwlock_count(), 0);
        assert!(!l.a.is_exclusive_locked());
        assert_eq!(l.b.shared_count(), 0);
        drop(guard); // a no-op now: must not underflow the state
        assert_eq!(l.b.shared_count(), 0);
        assert!(l.b.try_acquire_exclusive().is_some());
    }

    #[test]
    fn tranches() {
        let id = lwlock_register_tranche("BufferContent");
        assert_eq!(lwlock_register_tranche("BufferContent"), id);
        assert_ne!(lwlock_register_tranche("LockManager"), id);
        assert_eq!(lwlock_tranche_name(id), "BufferContent");
        assert_eq!(lwlock_tranche_name(0), "LWLock");
        assert_eq!(lwlock_tranche_name(999_999), "extension");
        let l = locks("tranche");
        l.a.init(id);
        assert_eq!(l.a.tranche_name(), "BufferContent");
    }

    #[test]
    fn threads_with_waiter_slots() {
        let seg = segment();
        let waiters = LWLockWaiters::init_in(seg, TEST_SLOTS).unwrap();
        assert_eq!(waiters.len(), TEST_SLOTS);
        assert!(waiters.set_my_slot(TEST_SLOTS).is_err());
        let (data, _) = seg.init_struct_typed::<LWLocked<[u64; 2]>>("threads data", |_| ()).unwrap();
        std::thread::scope(|s| {
            for i in 0..4 {
                s.spawn(move || {
                    waiters.set_my_slot(i).unwrap();
                    assert_eq!(my_lwlock_waiter_slot(), Some(i));
                    for n in 0..3000 {
                        if n % 3 == 0 {
                            let g = data.read();
                            assert_eq!(g[0], g[1]);
                        } else {
                            let mut g = data.write();
                            g[0] += 1;
                            g[1] += 1;
                        }
                    }
                    clear_my_lwlock_waiter_slot();
                });
            }
        });
        assert_eq!(*data.read(), [8000, 8000]);
        assert!(!data.lwlock().has_waiters());
    }

    /// Queues S1, X, S2 behind an exclusive holder and checks the grant order: FIFO, and S2
    /// does not join S1's shared batch because X is queued between them.
    #[test]
    fn fifo_grant_order() {
        let seg = segment();
        let waiters = LWLockWaiters::init_in(seg, TEST_SLOTS).unwrap();
        let l = locks("fifo");
        let order = std::sync::Mutex::new(Vec::new());
        let holder = l.a.acquire_exclusive();
        std::thread::scope(|s| {
            for (slot, (name, mode)) in
                [("S1", LWLockMode::Shared), ("X", LWLockMode::Exclusive), ("S2", LWLockMode::Shared)]
                    .into_iter()
                    .enumerate()
            {
                let order = &order;
                s.spawn(move || {
                    waiters.set_my_slot(4 + slot).unwrap();
                    let hold = || {
                        order.lock().unwrap().push((name, l.a.shared_count(), l.a.is_exclusive_locked()));
                        std::thread::sleep(std::time::Duration::from_millis(20));
                    };
                    match mode {
                        LWLockMode::Shared => {
                            let _g = l.a.acquire_shared();
                            hold();
                        }
                        LWLockMode::Exclusive => {
                            let _g = l.a.acquire_exclusive();
                            hold();
                        }
                    }
                });
                while l.a.queued() < slot + 1 {
                    std::thread::yield_now();
                }
            }
            // A try from a fourth party must not pass the queue even though S1 could share.
            assert!(l.a.try_acquire_shared().is_none());
            drop(holder);
        });
        assert_eq!(*order.lock().unwrap(), vec![("S1", 1, false), ("X", 0, true), ("S2", 1, false)]);
        assert!(!l.a.has_waiters());
    }

    /// Consecutive shared waiters are granted together.
    #[test]
    fn shared_batch() {
        let seg = segment();
        let waiters = LWLockWaiters::init_in(seg, TEST_SLOTS).unwrap();
        let l = locks("batch");
        let max_shared = AtomicU32::new(0);
        let holder = l.a.acquire_exclusive();
        std::thread::scope(|s| {
            for slot in 0..2 {
                let max_shared = &max_shared;
                s.spawn(move || {
                    waiters.set_my_slot(8 + slot).unwrap();
                    let _g = l.a.acquire_shared();
                    std::thread::sleep(std::time::Duration::from_millis(30));
                    max_shared.fetch_max(l.a.shared_count(), Ordering::Relaxed);
                });
                while l.a.queued() < slot + 1 {
                    std::thread::yield_now();
                }
            }
            drop(holder);
        });
        assert_eq!(max_shared.load(Ordering::Relaxed), 2);
    }

    #[test]
    fn threads_polling_without_slots() {
        let (data, _) = segment().init_struct_typed::<LWLocked<u64>>("polling data", |_| ()).unwrap();
        std::thread::scope(|s| {
            for _ in 0..3 {
                s.spawn(|| {
                    for _ in 0..2000 {
                        *data.write() += 1;
                    }
                });
            }
        });
        assert_eq!(*data.read(), 6000);
        assert!(data.try_write().is_some());
        assert!(data.try_read().is_some());
    }
}
