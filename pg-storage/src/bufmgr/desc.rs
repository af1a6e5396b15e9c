//! Buffer descriptors and their state word (PostgreSQL's
//! `include/storage/buf_internals.h`, the header-lock and pin parts of
//! `bufmgr.c`).
//!
//! The state word packs what PostgreSQL packs, so that pinning is a single
//! compare-and-swap:
//!
//! ```text
//! bits 0-17  refcount (shared pins: one per backend that pins the buffer)
//! bits 18-21 usage count (0..=BM_MAX_USAGE_COUNT, for the clock sweep)
//! bits 22-31 flags: BM_LOCKED | BM_DIRTY | BM_VALID | BM_TAG_VALID |
//!            BM_IO_IN_PROGRESS | BM_IO_ERROR | BM_JUST_DIRTIED |
//!            BM_PIN_COUNT_WAITER | BM_CHECKPOINT_NEEDED | BM_PERMANENT
//! ```
//!
//! `BM_LOCKED` is the buffer header spinlock: the tag and the flags change
//! only while it is held, and a pin's compare-and-swap waits for it to be
//! clear, so a process holding the header lock sees a refcount no one else
//! changes. The tag of a pinned buffer cannot change (replacement needs
//! refcount 0 under the header lock), so a pin holder reads it lock-free.
#![allow(unsafe_code)]

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use pg_error::{PgError, Severity, SqlState};
use pg_shmem::{LWLock, ShmemSafe};
use pg_wal::block::{BlockNumber, ForkNumber, RelFileNode};

pub(crate) const BUF_REFCOUNT_ONE: u32 = 1;
pub(crate) const BUF_REFCOUNT_MASK: u32 = (1 << 18) - 1;
pub(crate) const BUF_USAGECOUNT_ONE: u32 = 1 << 18;
pub(crate) const BUF_USAGECOUNT_MASK: u32 = 0xF << 18;
pub(crate) const BUF_USAGECOUNT_SHIFT: u32 = 18;
/// The usage count a buffer can reach (`BM_MAX_USAGE_COUNT`).
pub(crate) const BM_MAX_USAGE_COUNT: u32 = 5;

/// The buffer header spinlock.
pub(crate) const BM_LOCKED: u32 = 1 << 22;
/// The page differs from the disk copy.
pub(crate) const BM_DIRTY: u32 = 1 << 23;
/// The page holds the block's contents.
pub(crate) const BM_VALID: u32 = 1 << 24;
/// The tag names a block (the buffer is in the mapping table).
pub(crate) const BM_TAG_VALID: u32 = 1 << 25;
/// A read or write is under way.
pub(crate) const BM_IO_IN_PROGRESS: u32 = 1 << 26;
/// The last I/O failed.
pub(crate) const BM_IO_ERROR: u32 = 1 << 27;
/// Dirtied since the write in progress started.
pub(crate) const BM_JUST_DIRTIED: u32 = 1 << 28;
/// Someone waits for the pin count to drop (cleanup lock; unused yet).
#[allow(dead_code)]
pub(crate) const BM_PIN_COUNT_WAITER: u32 = 1 << 29;
/// The running checkpoint must write this buffer.
pub(crate) const BM_CHECKPOINT_NEEDED: u32 = 1 << 30;
/// A permanent relation's block (WAL-logged; written at every checkpoint).
pub(crate) const BM_PERMANENT: u32 = 1 << 31;

pub(crate) fn refcount(state: u32) -> u32 {
    state & BUF_REFCOUNT_MASK
}

pub(crate) fn usage_count(state: u32) -> u32 {
    (state & BUF_USAGECOUNT_MASK) >> BUF_USAGECOUNT_SHIFT
}

/// Which block a buffer holds (`BufferTag`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BufferTag {
    /// The relation's files.
    pub rnode: RelFileNode,
    /// The fork.
    pub fork: ForkNumber,
    /// The block.
    pub blkno: BlockNumber,
}

impl BufferTag {
    pub(crate) fn words(&self) -> [u32; 5] {
        [self.rnode.spc, self.rnode.db, self.rnode.rel, self.fork as u32, self.blkno]
    }

    pub(crate) fn from_words(w: [u32; 5]) -> BufferTag {
        BufferTag {
            rnode: RelFileNode { spc: w[0], db: w[1], rel: w[2] },
            fork: ForkNumber::from_u8(w[3] as u8).unwrap_or(ForkNumber::Main),
            blkno: w[4],
        }
    }

    /// The hash that picks the mapping partition and bucket
    /// (`BufTableHashCode`): a multiply-xorshift mix of the five words.
    pub(crate) fn hash(&self) -> u32 {
        let mut h: u64 = 0x9E37_79B9_7F4A_7C15;
        for w in self.words() {
            h = (h ^ w as u64).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            h ^= h >> 31;
        }
        (h ^ (h >> 32)) as u32
    }
}

/// One shared buffer's descriptor (`BufferDesc`). Lives in shared memory:
/// `#[repr(C)]`, atomics and LWLocks only, valid when zeroed.
#[repr(C, align(64))]
pub(crate) struct BufferDesc {
    /// Protected by the header lock (BM_LOCKED); stable while pinned.
    tag: [AtomicU32; 5],
    /// refcount | usage count | flags, see the module doc.
    pub state: AtomicU32,
    /// This descriptor's index.
    pub buf_id: AtomicU32,
    /// Protects the page's contents (`BufferDescriptorGetContentLock`).
    pub content_lock: LWLock,
    /// Held exclusively by the process doing I/O on the buffer; others wait
    /// for the I/O by taking it shared (PostgreSQL before 14 did this; 14
    /// uses a condition variable).
    pub io_lock: LWLock,
}

// SAFETY: repr(C) of atomics and LWLocks (themselves ShmemSafe); all zeros is
// an unused buffer: no tag, refcount 0, unlocked locks.
unsafe impl ShmemSafe for BufferDesc {}

/// How long a header lock may be waited for before PostgreSQL's
/// "stuck spinlock" PANIC.
const STUCK_HEADER_LOCK: Duration = Duration::from_secs(60);

/// Spins, then yields, then sleeps, as `perform_spin_delay` does.
pub(crate) struct SpinWait {
    spins: u32,
    started: Option<Instant>,
}

impl SpinWait {
    pub fn new() -> SpinWait {
        SpinWait { spins: 0, started: None }
    }

    pub fn wait(&mut self) {
        self.spins += 1;
        if self.spins < 100 {
            std::hint::spin_loop();
        } else if self.spins < 200 {
            std::thread::yield_now();
        } else {
            let started = *self.started.get_or_insert_with(Instant::now);
            if started.elapsed() > STUCK_HEADER_LOCK {
                let _ = PgError::notice(Severity::Panic, SqlState::INTERNAL_ERROR, "stuck spinlock detected");
            }
            std::thread::sleep(Duration::from_micros(100));
        }
    }
}

impl BufferDesc {
    /// The tag; the caller holds the header lock or a pin.
    pub fn tag(&self) -> BufferTag {
        BufferTag::from_words(std::array::from_fn(|i| self.tag[i].load(Ordering::Relaxed)))
    }

    /// Sets the tag; the caller holds the header lock.
    pub fn set_tag(&self, tag: &BufferTag) {
        for (slot, w) in self.tag.iter().zip(tag.words()) {
            slot.store(w, Ordering::Relaxed);
        }
    }

    /// `LockBufHdr`: takes the header spinlock, returns the state with
    /// BM_LOCKED set.
    pub fn lock_hdr(&self) -> u32 {
        let mut wait = SpinWait::new();
        loop {
            let old = self.state.fetch_or(BM_LOCKED, Ordering::Acquire);
            if old & BM_LOCKED == 0 {
                return old | BM_LOCKED;
            }
            wait.wait();
        }
    }

    /// `UnlockBufHdr`: stores `state` (any flag changes made under the lock)
    /// with BM_LOCKED clear.
    pub fn unlock_hdr(&self, state: u32) {
        self.state.store(state & !BM_LOCKED, Ordering::Release);
    }

    /// `WaitBufHdrUnlocked`: the state once no one holds the header lock.
    pub fn wait_hdr_unlocked(&self) -> u32 {
        let mut wait = SpinWait::new();
        loop {
            let s = self.state.load(Ordering::Acquire);
            if s & BM_LOCKED == 0 {
                return s;
            }
            wait.wait();
        }
    }

    /// The shared part of `PinBuffer` (the caller has no pin on it yet):
    /// refcount + 1 and the usage count bumped, in one compare-and-swap
    /// that waits out the header lock. A strategy scan bumps the usage count
    /// only from 0 to 1, so its ring's buffers stay cheap to evict. Returns
    /// the new state.
    pub fn pin(&self, strategy: bool) -> u32 {
        let mut old = self.state.load(Ordering::Relaxed);
        loop {
            if old & BM_LOCKED != 0 {
                old = self.wait_hdr_unlocked();
            }
            let mut new = old + BUF_REFCOUNT_ONE;
            let usage = usage_count(old);
            if (!strategy && usage < BM_MAX_USAGE_COUNT) || (strategy && usage == 0) {
                new += BUF_USAGECOUNT_ONE;
            }
            match self.state.compare_exchange_weak(old, new, Ordering::Acquire, Ordering::Relaxed) {
                Ok(_) => return new,
                Err(cur) => old = cur,
            }
        }
    }

    /// The shared part of `UnpinBuffer`: refcount - 1.
    pub fn unpin(&self) {
        let mut old = self.state.load(Ordering::Relaxed);
        loop {
            if old & BM_LOCKED != 0 {
                old = self.wait_hdr_unlocked();
            }
            debug_assert!(refcount(old) > 0, "unpin of an unpinned buffer");
            let new = old - BUF_REFCOUNT_ONE;
            match self.state.compare_exchange_weak(old, new, Ordering::Release, Ordering::Relaxed) {
                Ok(_) => return,
                Err(cur) => old = cur,
            }
        }
    }

    /// Sets flag bits with a compare-and-swap that waits out the header
    /// lock; returns the state before.
    pub fn set_flags(&self, flags: u32) -> u32 {
        let mut old = self.state.load(Ordering::Relaxed);
        loop {
            if old & BM_LOCKED != 0 {
                old = self.wait_hdr_unlocked();
            }
            if old & flags == flags {
                return old;
            }
            match self.state.compare_exchange_weak(old, old | flags, Ordering::AcqRel, Ordering::Relaxed) {
                Ok(_) => return old,
                Err(cur) => old = cur,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_word_layout_is_postgresqls() {
        assert_eq!(BM_LOCKED, 1 << 22);
        assert_eq!(BM_PERMANENT, 1 << 31);
        assert_eq!(usage_count(3 * BUF_USAGECOUNT_ONE + 7), 3);
        assert_eq!(refcount((3 * BUF_USAGECOUNT_ONE + 7) | BM_DIRTY), 7);
        assert_eq!(std::mem::align_of::<BufferDesc>(), 64);
        assert!(std::mem::size_of::<BufferDesc>() <= 128);
        let t = BufferTag { rnode: RelFileNode { spc: 1663, db: 5, rel: 16384 }, fork: ForkNumber::Fsm, blkno: 9 };
        assert_eq!(BufferTag::from_words(t.words()), t);
        let u = BufferTag { blkno: 10, ..t };
        assert_ne!(t.hash(), u.hash());
    }
}
