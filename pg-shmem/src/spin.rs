//! Spinlocks (PostgreSQL's `storage/lmgr/s_lock.c`): a test-and-set word with backoff.
//!
//! A spinlock protects a handful of instructions: never hold one across a
//! system call, an allocation, an `elog`, or while taking another lock. A
//! waiter spins on a plain load (test-and-test-and-set) for a while, then
//! yields the CPU, then sleeps for randomised, growing delays. A lock held
//! for more than [`STUCK_SPINLOCK_TIMEOUT`] means the holder died or the code
//! is broken, and the waiter PANICs ("stuck spinlock detected"), which makes
//! the postmaster run its crash-restart cycle, as PostgreSQL does.

use std::cell::UnsafeCell;
use std::ops::{Deref, DerefMut};
use std::panic::Location;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use crate::shmem_safe::ShmemSafe;

/// How long a waiter tries before declaring the spinlock stuck (PostgreSQL gives up
/// after `NUM_DELAYS` growing sleeps, on the order of a minute or two).
pub const STUCK_SPINLOCK_TIMEOUT: Duration = Duration::from_secs(60);

/// Busy-wait iterations before the first yield (PostgreSQL's `spins_per_delay` default).
const SPINS_PER_DELAY: u32 = 100;
/// Yields before the first sleep.
const YIELDS_BEFORE_SLEEP: u32 = 10;
const MIN_DELAY: Duration = Duration::from_micros(1000);
const MAX_DELAY: Duration = Duration::from_secs(1);

/// The backoff state of one wait (PostgreSQL's `SpinDelayStatus`), shared with the LWLock
/// wait-list lock and the "wait for a shared structure to be initialised" loop.
pub(crate) struct SpinDelay {
    spins: u32,
    yields: u32,
    cur_delay: Duration,
    started: Option<Instant>,
    seed: u32,
}

impl SpinDelay {
    pub(crate) fn new() -> SpinDelay {
        SpinDelay { spins: 0, yields: 0, cur_delay: Duration::ZERO, started: None, seed: std::process::id() | 1 }
    }

    /// Time since the first call to `delay` (zero before that).
    pub(crate) fn elapsed(&self) -> Duration {
        self.started.map_or(Duration::ZERO, |s| s.elapsed())
    }

    /// One step of backoff: spin, then yield, then sleep with randomised growth.
    pub(crate) fn delay(&mut self) {
        if self.started.is_none() {
            self.started = Some(Instant::now());
        }
        if self.spins < SPINS_PER_DELAY {
            self.spins += 1;
            std::hint::spin_loop();
            return;
        }
        if self.yields < YIELDS_BEFORE_SLEEP {
            self.yields += 1;
            std::thread::yield_now(); // sched_yield(2)
            return;
        }
        if self.cur_delay.is_zero() {
            self.cur_delay = MIN_DELAY;
        }
        std::thread::sleep(self.cur_delay);
        // Grow by a random fraction between 1x and 2x, as s_lock.c does, so that waiters that
        // collided once do not keep waking in lockstep. xorshift is plenty for jitter.
        self.seed ^= self.seed << 13;
        self.seed ^= self.seed >> 17;
        self.seed ^= self.seed << 5;
        let frac = f64::from(self.seed % 1000) / 1000.0;
        self.cur_delay = self.cur_delay.mul_f64(1.0 + frac).min(MAX_DELAY);
        // After a long sleep, spin again briefly: the lock may have become free meanwhile.
        self.spins = SPINS_PER_DELAY / 2;
    }
}

/// A spinlock: one atomic word, 0 = free, 1 = held. Lives in shared memory (zeroed = free).
///
/// The data a spinlock protects usually sits next to it in the same `#[repr(C)]` struct; see
/// [`SpinLocked`] for a wrapper that ties the data to the lock.
#[repr(C)]
#[derive(Debug, Default)]
pub struct SpinLock {
    word: AtomicU32,
}

// SAFETY: one atomic word, valid when zero (= unlocked), no pointers.
unsafe impl ShmemSafe for SpinLock {}

impl SpinLock {
    /// An unlocked spinlock (`SpinLockInit`).
    pub const fn new() -> SpinLock {
        SpinLock { word: AtomicU32::new(0) }
    }

    fn tas(&self) -> bool {
        // Test first with a plain load so waiters do not bounce the cache line with writes.
        self.word.load(Ordering::Relaxed) == 0
            && self.word.compare_exchange(0, 1, Ordering::Acquire, Ordering::Relaxed).is_ok()
    }

    /// `SpinLockAcquire` -- waits until the lock is ours. PANICs with "stuck spinlock detected"
    /// after [`STUCK_SPINLOCK_TIMEOUT`].
    #[track_caller]
    pub fn acquire(&self) -> SpinLockGuard<'_> {
        let caller = Location::caller();
        match self.try_acquire_for(STUCK_SPINLOCK_TIMEOUT) {
            Some(guard) => guard,
            None => {
                // PANIC, not ERROR: inside a critical section the backend's
                // panic hook aborts the process and crash-restart follows.
                let _crit = pg_error::crit::start_crit_section();
                panic!("stuck spinlock detected at {}:{}", caller.file(), caller.line())
            }
        }
    }

    /// Takes the lock only if it is free right now.
    pub fn try_acquire(&self) -> Option<SpinLockGuard<'_>> {
        self.tas().then(|| SpinLockGuard::held(self))
    }

    /// Waits for the lock with backoff for at most `timeout`.
    pub fn try_acquire_for(&self, timeout: Duration) -> Option<SpinLockGuard<'_>> {
        if self.tas() {
            return Some(SpinLockGuard::held(self));
        }
        let mut delay = SpinDelay::new();
        loop {
            delay.delay();
            if self.tas() {
                return Some(SpinLockGuard::held(self));
            }
            if delay.elapsed() >= timeout {
                return None;
            }
        }
    }

    /// Whether some process holds the lock (`SpinLockFree` negated); only a hint.
    pub fn is_locked(&self) -> bool {
        self.word.load(Ordering::Relaxed) != 0
    }
}

/// Proof that the spinlock is held; dropping it is `SpinLockRelease`.
#[must_use = "the spinlock is released as soon as the guard is dropped"]
#[derive(Debug)]
pub struct SpinLockGuard<'a> {
    lock: &'a SpinLock,
}

thread_local! {
    /// How many spinlocks this process holds: a Rust panic while one is
    /// held is a PANIC, never an ERROR (see [`held_spinlock_count`]).
    static HELD_SPINLOCKS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How many spinlocks this process holds right now. The backend's panic
/// hook reads it: a panic while a spinlock is held ends the process, since
/// the protected fields may be half-written.
pub fn held_spinlock_count() -> usize {
    HELD_SPINLOCKS.with(std::cell::Cell::get)
}

impl<'a> SpinLockGuard<'a> {
    /// The guard of a lock just taken.
    fn held(lock: &'a SpinLock) -> SpinLockGuard<'a> {
        HELD_SPINLOCKS.with(|n| n.set(n.get() + 1));
        SpinLockGuard { lock }
    }
}

impl Drop for SpinLockGuard<'_> {
    fn drop(&mut self) {
        self.lock.word.store(0, Ordering::Release);
        HELD_SPINLOCKS.with(|n| n.set(n.get().saturating_sub(1)));
    }
}

/// Plain data protected by a spinlock, laid out as `{ lock, data }`.
///
/// For shared-memory structs with many fields under one spinlock this makes the
/// protection explicit: the fields can only be reached through the guard.
#[repr(C)]
#[derive(Debug, Default)]
pub struct SpinLocked<T> {
    lock: SpinLock,
    data: UnsafeCell<T>,
}

// SAFETY: the lock is ShmemSafe, UnsafeCell<T> is repr(transparent) over a ShmemSafe T, and all
// mutation of `data` happens with the lock held.
unsafe impl<T: ShmemSafe> ShmemSafe for SpinLocked<T> {}

// SAFETY: access to `data` is serialised by the spinlock, so sharing `&SpinLocked<T>` only ever
// gives one thread (or process) at a time access to the T; T: Send lets that access move.
unsafe impl<T: Send> Sync for SpinLocked<T> {}

impl<T> SpinLocked<T> {
    /// Wraps a value (for use outside shared memory, e.g. in tests).
    pub const fn new(data: T) -> SpinLocked<T> {
        SpinLocked { lock: SpinLock::new(), data: UnsafeCell::new(data) }
    }

    /// Takes the lock and gives access to the data; PANICs on a stuck spinlock.
    #[track_caller]
    pub fn lock(&self) -> SpinLockedGuard<'_, T> {
        let guard = self.lock.acquire();
        SpinLockedGuard { _guard: guard, data: &self.data }
    }

    /// Takes the lock only if it is free right now.
    pub fn try_lock(&self) -> Option<SpinLockedGuard<'_, T>> {
        let guard = self.lock.try_acquire()?;
        Some(SpinLockedGuard { _guard: guard, data: &self.data })
    }

    /// Direct access when the caller has exclusive access to the whole wrapper.
    pub fn get_mut(&mut self) -> &mut T {
        self.data.get_mut()
    }
}

/// Access to the data of a [`SpinLocked`] while its lock is held.
#[must_use = "the spinlock is released as soon as the guard is dropped"]
pub struct SpinLockedGuard<'a, T> {
    _guard: SpinLockGuard<'a>,
    data: &'a UnsafeCell<T>,
}

impl<T> Deref for SpinLockedGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the guard proves the spinlock is held, so nobody else touches the data.
        unsafe { &*self.data.get() }
    }
}

impl<T> DerefMut for SpinLockedGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the guard proves the spinlock is held and `&mut self` makes this the only
        // reference derived from the guard.
        unsafe { &mut *self.data.get() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acquire_release() {
        let lock = SpinLock::new();
        assert!(!lock.is_locked());
        let g = lock.acquire();
        assert!(lock.is_locked());
        assert!(lock.try_acquire().is_none());
        assert!(lock.try_acquire_for(Duration::from_millis(20)).is_none());
        drop(g);
        assert!(!lock.is_locked());
        let g = lock.try_acquire();
        assert!(g.is_some());
    }

    #[test]
    fn timeout_is_bounded() {
        let lock = SpinLock::new();
        let _g = lock.acquire();
        let start = Instant::now();
        assert!(lock.try_acquire_for(Duration::from_millis(50)).is_none());
        let took = start.elapsed();
        assert!(took >= Duration::from_millis(50), "{took:?}");
        assert!(took < Duration::from_secs(3), "{took:?}");
    }

    #[test]
    fn layout() {
        assert_eq!(std::mem::size_of::<SpinLock>(), 4);
        assert_eq!(std::mem::align_of::<SpinLock>(), 4);
        assert_eq!(std::mem::size_of::<SpinLocked<u64>>(), 16);
    }

    #[test]
    fn spinlocked_threads() {
        let data = SpinLocked::new([0u64; 2]);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..5000 {
                        let mut g = data.lock();
                        assert_eq!(g[0], g[1]);
                        g[0] += 1;
                        g[1] += 1;
                    }
                });
            }
        });
        assert_eq!(*data.lock(), [20000, 20000]);
        let mut data = data;
        assert_eq!(data.get_mut()[0], 20000);
        assert!(data.try_lock().is_some());
    }
}
