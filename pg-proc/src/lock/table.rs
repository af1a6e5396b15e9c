//! The shared lock table: LOCK and PROCLOCK entries, the partition locks,
//! the per-process fast-path slots and wait state, and the strong-lock
//! counters (PostgreSQL's `LockMethodLockHash`, `LockMethodProcLockHash`,
//! `PGPROC`'s lock fields and `FastPathStrongRelationLocks`).
//!
//! One named allocation, "Lock Manager":
//!
//! ```text
//! LockHeader { free-list spinlock, free LOCK list, free PROCLOCK list,
//!              strong-lock spinlock, 1024 strong-lock counters }
//! 16 partition LWLocks
//! buckets: [u32; 16 * nbuckets]        per partition: chains of LOCKs (index + 1)
//! locks: [LockSlot; max_locks]
//! proclocks: [ProcLockSlot; max_proclocks]
//! procs: [LockProc; max_procs]         indexed by proc number
//! ```
//!
//! Which lock protects what:
//! - a LOCK in use, its PROCLOCKs, and its wait queue (the `wait_next`
//!   links and wait fields of the queued processes): the LWLock of the
//!   partition its tag hashes to (`hash % 16`);
//! - the free lists: `freelist_lock` (a spinlock: a few instructions);
//!   an entry moves between a free list and a partition only while the
//!   partition lock is held exclusively too;
//! - a process's fast-path slots: its own `fp_lock` LWLock;
//! - the strong-lock counters: `strong_lock`.
//!
//! Every field is an atomic (Relaxed under its lock), so shared memory
//! holds only `#[repr(C)]` atomics; links are indexes + 1 (0 = none).
#![deny(clippy::undocumented_unsafe_blocks)]

use super::tag::{LockMode, LockTag};
use pg_error::{PgError, PgResult, SqlState};
use pg_shmem::{LWLock, SpinLock};
use std::cell::Cell;
use std::sync::atomic::{AtomicI32, AtomicI64, AtomicU32, AtomicU64, Ordering::Relaxed};

/// NUM_LOCK_PARTITIONS.
pub(crate) const NUM_LOCK_PARTITIONS: usize = 16;
/// FP_LOCK_SLOTS_PER_BACKEND.
pub(crate) const FP_LOCK_SLOTS_PER_BACKEND: usize = 16;
/// FAST_PATH_STRONG_LOCK_HASH_PARTITIONS.
pub(crate) const FP_STRONG_LOCK_PARTITIONS: usize = 1024;

/// A process's wait has not ended yet.
pub(crate) const WAIT_WAITING: u32 = 0;
/// The lock was granted to the waiter (PROC_WAIT_STATUS_OK).
pub(crate) const WAIT_OK: u32 = 1;
/// Not waiting at all.
pub(crate) const WAIT_NONE: u32 = 2;

/// A LOCK: one lockable object that somebody holds or waits for.
#[repr(C)]
pub(crate) struct LockSlot {
    pub tag: [AtomicU32; 4],
    /// Next LOCK in the bucket chain, or in the free list (index + 1).
    pub hash_next: AtomicU32,
    /// Modes granted to somebody (bit n = mode n).
    pub grant_mask: AtomicU32,
    /// Modes somebody waits for.
    pub wait_mask: AtomicU32,
    /// Per mode: granted + waiting requests.
    pub requested: [AtomicU32; 9],
    pub n_requested: AtomicU32,
    /// Per mode: granted requests.
    pub granted: [AtomicU32; 9],
    pub n_granted: AtomicU32,
    /// First PROCLOCK of this lock (index + 1).
    pub holders: AtomicU32,
    /// The wait queue, by proc number + 1, linked through `LockProc::wait_next`.
    pub wait_head: AtomicU32,
    pub wait_tail: AtomicU32,
}

/// A PROCLOCK: what one process holds of one LOCK.
#[repr(C)]
pub(crate) struct ProcLockSlot {
    /// The LOCK (index).
    pub lock: AtomicU32,
    /// The holding (or waiting) process's proc number.
    pub proc: AtomicU32,
    /// Modes this process holds.
    pub hold_mask: AtomicU32,
    /// Next PROCLOCK of the same LOCK, or in the free list (index + 1).
    pub next: AtomicU32,
}

/// The lock manager's part of one PGPROC.
#[repr(C)]
pub(crate) struct LockProc {
    /// `fpInfoLock`: protects the fast-path fields below.
    pub fp_lock: LWLock,
    /// The database the fast-path relation slots belong to (MyDatabaseId).
    pub fp_database: AtomicU32,
    pub fp_relid: [AtomicU32; FP_LOCK_SLOTS_PER_BACKEND],
    /// Three bits per slot: AccessShare, RowShare, RowExclusive held.
    pub fp_bits: AtomicU64,
    /// The process's virtual transaction (backend id, local xid); local
    /// xid 0 while it has no transaction. Written by the owner only.
    pub vxid_backend: AtomicI32,
    pub vxid_local: AtomicU32,
    /// The process's pid (for pg_locks and the deadlock report).
    pub pid: AtomicI32,
    // Protected by the partition lock of the LOCK waited for.
    /// The LOCK waited for (index + 1), 0 when not waiting.
    pub wait_lock: AtomicU32,
    pub wait_mode: AtomicU32,
    pub wait_status: AtomicU32,
    /// Next process in the same wait queue (proc number + 1).
    pub wait_next: AtomicU32,
    /// When the wait began (TimestampTz), for pg_locks.waitstart.
    pub wait_start: AtomicI64,
}

#[repr(C)]
struct LockHeader {
    freelist_lock: SpinLock,
    // Protected by freelist_lock.
    lock_free: AtomicU32,
    proclock_free: AtomicU32,
    // Written once at creation.
    n_locks: AtomicU32,
    n_proclocks: AtomicU32,
    n_procs: AtomicU32,
    nbuckets: AtomicU32,
    strong_lock: SpinLock,
    // Protected by strong_lock.
    strong_counts: [AtomicU32; FP_STRONG_LOCK_PARTITIONS],
}

// SAFETY: all of these are repr(C) atomics, spinlocks and LWLocks (with
// pointers only into the same segment); zero is a valid initial state.
unsafe impl pg_shmem::ShmemSafe for LockSlot {}
// SAFETY: as above.
unsafe impl pg_shmem::ShmemSafe for ProcLockSlot {}
// SAFETY: as above.
unsafe impl pg_shmem::ShmemSafe for LockProc {}
// SAFETY: as above.
unsafe impl pg_shmem::ShmemSafe for LockHeader {}

/// This process's handle on the shared lock table.
#[derive(Clone, Copy)]
pub(crate) struct LockTable {
    header: &'static LockHeader,
    pub partitions: &'static [LWLock],
    buckets: &'static [AtomicU32],
    nbuckets: usize,
    pub locks: &'static [LockSlot],
    pub proclocks: &'static [ProcLockSlot],
    pub procs: &'static [LockProc],
}

thread_local! {
    static TABLE: Cell<Option<LockTable>> = const { Cell::new(None) };
}

/// The table, once `lock_shmem_init` ran in (or before forking) this process.
pub(crate) fn table() -> Option<LockTable> {
    TABLE.with(Cell::get)
}

struct Layout {
    partitions: usize,
    buckets: usize,
    locks: usize,
    proclocks: usize,
    procs: usize,
    total: usize,
    n_locks: usize,
    n_proclocks: usize,
    nbuckets: usize,
}

fn align64(n: usize) -> PgResult<usize> {
    Ok(pg_shmem::add_size(n, 63)? & !63)
}

fn layout(max_procs: usize, locks_per_xact: usize) -> PgResult<Layout> {
    let max_procs = max_procs.max(1);
    // NLOCKENTS(): max_locks_per_transaction * (MaxBackends + max_prepared_xacts).
    let n_locks = pg_shmem::mul_size(locks_per_xact.max(10), max_procs)?.max(64);
    let n_proclocks = pg_shmem::mul_size(n_locks, 2)?;
    let nbuckets = (n_locks / NUM_LOCK_PARTITIONS).max(16).next_power_of_two();
    let mut off = align64(std::mem::size_of::<LockHeader>())?;
    let partitions = off;
    off = align64(pg_shmem::add_size(off, pg_shmem::mul_size(NUM_LOCK_PARTITIONS, std::mem::size_of::<LWLock>())?)?)?;
    let buckets = off;
    off = align64(pg_shmem::add_size(off, pg_shmem::mul_size(NUM_LOCK_PARTITIONS * nbuckets, 4)?)?)?;
    let locks = off;
    off = align64(pg_shmem::add_size(off, pg_shmem::mul_size(n_locks, std::mem::size_of::<LockSlot>())?)?)?;
    let proclocks = off;
    off = align64(pg_shmem::add_size(off, pg_shmem::mul_size(n_proclocks, std::mem::size_of::<ProcLockSlot>())?)?)?;
    let procs = off;
    off = align64(pg_shmem::add_size(off, pg_shmem::mul_size(max_procs, std::mem::size_of::<LockProc>())?)?)?;
    Ok(Layout { partitions, buckets, locks, proclocks, procs, total: off, n_locks, n_proclocks, nbuckets })
}

const SHMEM_NAME: &str = "Lock Manager";

/// LockManagerShmemSize.
pub(crate) fn shmem_size(max_procs: usize, locks_per_xact: usize) -> PgResult<usize> {
    Ok(layout(max_procs, locks_per_xact)?.total)
}

/// InitLocks: creates the table in the current segment or attaches to it.
pub(crate) fn shmem_init(max_procs: usize, locks_per_xact: usize) -> PgResult<()> {
    let l = layout(max_procs, locks_per_xact)?;
    let (base, found) = pg_shmem::shmem_init_struct(SHMEM_NAME, l.total)?;
    let base = base.as_ptr();
    let max_procs = max_procs.max(1);
    // SAFETY: the allocation is `l.total` bytes, 64-byte aligned and zeroed
    // on creation; each section starts at a 64-byte aligned offset inside it
    // (see `layout`), holds the number of elements given, and zero is a
    // valid value of every element type. The segment stays mapped for the
    // life of the process.
    let t = unsafe {
        LockTable {
            header: &*(base as *const LockHeader),
            partitions: std::slice::from_raw_parts(base.add(l.partitions) as *const LWLock, NUM_LOCK_PARTITIONS),
            buckets: std::slice::from_raw_parts(
                base.add(l.buckets) as *const AtomicU32,
                NUM_LOCK_PARTITIONS * l.nbuckets,
            ),
            nbuckets: l.nbuckets,
            locks: std::slice::from_raw_parts(base.add(l.locks) as *const LockSlot, l.n_locks),
            proclocks: std::slice::from_raw_parts(base.add(l.proclocks) as *const ProcLockSlot, l.n_proclocks),
            procs: std::slice::from_raw_parts(base.add(l.procs) as *const LockProc, max_procs),
        }
    };
    let manager = pg_shmem::lwlock_register_tranche("LockManager");
    let fast_path = pg_shmem::lwlock_register_tranche("LockFastPath");
    if !found {
        for p in t.partitions {
            p.init(manager);
        }
        for (i, s) in t.locks.iter().enumerate() {
            s.hash_next.store(if i + 1 < t.locks.len() { i as u32 + 2 } else { 0 }, Relaxed);
        }
        for (i, s) in t.proclocks.iter().enumerate() {
            s.next.store(if i + 1 < t.proclocks.len() { i as u32 + 2 } else { 0 }, Relaxed);
        }
        for p in t.procs {
            p.fp_lock.init(fast_path);
            p.wait_status.store(WAIT_NONE, Relaxed);
        }
        t.header.lock_free.store(1, Relaxed);
        t.header.proclock_free.store(1, Relaxed);
        t.header.n_locks.store(l.n_locks as u32, Relaxed);
        t.header.n_proclocks.store(l.n_proclocks as u32, Relaxed);
        t.header.n_procs.store(max_procs as u32, Relaxed);
        t.header.nbuckets.store(l.nbuckets as u32, Relaxed);
    } else if t.header.n_locks.load(Relaxed) as usize != l.n_locks
        || t.header.n_procs.load(Relaxed) as usize != max_procs
    {
        return Err(PgError::internal("the shared lock table has a different size"));
    }
    TABLE.with(|c| c.set(Some(t)));
    Ok(())
}

fn out_of_shared_memory() -> PgError {
    PgError::new(SqlState::OUT_OF_MEMORY, "out of shared memory")
        .with_hint("You might need to increase max_locks_per_transaction.")
}

/// The partition a tag's hash code falls in (LockHashPartition).
pub(crate) fn partition_of(hash: u32) -> usize {
    hash as usize % NUM_LOCK_PARTITIONS
}

impl LockTable {
    fn bucket(&self, hash: u32) -> &AtomicU32 {
        let part = partition_of(hash);
        let b = (hash as usize / NUM_LOCK_PARTITIONS) & (self.nbuckets - 1);
        &self.buckets[part * self.nbuckets + b]
    }

    /// The tag stored in LOCK `i`.
    pub fn lock_tag(&self, i: u32) -> LockTag {
        let s = &self.locks[i as usize];
        LockTag::from_words([
            s.tag[0].load(Relaxed),
            s.tag[1].load(Relaxed),
            s.tag[2].load(Relaxed),
            s.tag[3].load(Relaxed),
        ])
    }

    /// Finds the LOCK of `tag`. Caller holds its partition lock.
    pub fn find_lock(&self, tag: &LockTag, hash: u32) -> Option<u32> {
        let words = tag.to_words();
        let mut cur = self.bucket(hash).load(Relaxed);
        while cur != 0 {
            let i = cur - 1;
            let s = &self.locks[i as usize];
            if (0..4).all(|k| s.tag[k].load(Relaxed) == words[k]) {
                return Some(i);
            }
            cur = s.hash_next.load(Relaxed);
        }
        None
    }

    /// Finds or makes the LOCK of `tag`. Caller holds its partition lock
    /// exclusively.
    pub fn find_or_create_lock(&self, tag: &LockTag, hash: u32) -> PgResult<u32> {
        if let Some(i) = self.find_lock(tag, hash) {
            return Ok(i);
        }
        let i = {
            let _g = self.header.freelist_lock.acquire();
            let head = self.header.lock_free.load(Relaxed);
            if head == 0 {
                return Err(out_of_shared_memory());
            }
            let next = self.locks[head as usize - 1].hash_next.load(Relaxed);
            self.header.lock_free.store(next, Relaxed);
            head - 1
        };
        let s = &self.locks[i as usize];
        for (k, w) in tag.to_words().into_iter().enumerate() {
            s.tag[k].store(w, Relaxed);
        }
        s.grant_mask.store(0, Relaxed);
        s.wait_mask.store(0, Relaxed);
        for m in 0..9 {
            s.requested[m].store(0, Relaxed);
            s.granted[m].store(0, Relaxed);
        }
        s.n_requested.store(0, Relaxed);
        s.n_granted.store(0, Relaxed);
        s.holders.store(0, Relaxed);
        s.wait_head.store(0, Relaxed);
        s.wait_tail.store(0, Relaxed);
        let bucket = self.bucket(hash);
        s.hash_next.store(bucket.load(Relaxed), Relaxed);
        bucket.store(i + 1, Relaxed);
        Ok(i)
    }

    /// Removes LOCK `i` (no holders, no waiters). Caller holds its
    /// partition lock exclusively.
    pub fn remove_lock(&self, i: u32, hash: u32) {
        let bucket = self.bucket(hash);
        let target = i + 1;
        let mut link = bucket;
        loop {
            let cur = link.load(Relaxed);
            if cur == 0 {
                break;
            }
            if cur == target {
                link.store(self.locks[i as usize].hash_next.load(Relaxed), Relaxed);
                break;
            }
            link = &self.locks[cur as usize - 1].hash_next;
        }
        let _g = self.header.freelist_lock.acquire();
        self.locks[i as usize].hash_next.store(self.header.lock_free.load(Relaxed), Relaxed);
        self.header.lock_free.store(target, Relaxed);
    }

    /// Every LOCK in use, partition by partition. Caller holds every
    /// partition lock.
    pub fn locks_in_use(&self) -> Vec<u32> {
        let mut out = Vec::new();
        for b in self.buckets {
            let mut cur = b.load(Relaxed);
            while cur != 0 {
                out.push(cur - 1);
                cur = self.locks[cur as usize - 1].hash_next.load(Relaxed);
            }
        }
        out
    }

    /// The PROCLOCK of process `proc` on LOCK `lock`.
    pub fn find_proclock(&self, lock: u32, proc: usize) -> Option<u32> {
        let mut cur = self.locks[lock as usize].holders.load(Relaxed);
        while cur != 0 {
            let pl = &self.proclocks[cur as usize - 1];
            if pl.proc.load(Relaxed) as usize == proc {
                return Some(cur - 1);
            }
            cur = pl.next.load(Relaxed);
        }
        None
    }

    /// Finds or makes the PROCLOCK of `proc` on `lock`.
    pub fn find_or_create_proclock(&self, lock: u32, proc: usize) -> PgResult<u32> {
        if let Some(i) = self.find_proclock(lock, proc) {
            return Ok(i);
        }
        let i = {
            let _g = self.header.freelist_lock.acquire();
            let head = self.header.proclock_free.load(Relaxed);
            if head == 0 {
                return Err(out_of_shared_memory());
            }
            let next = self.proclocks[head as usize - 1].next.load(Relaxed);
            self.header.proclock_free.store(next, Relaxed);
            head - 1
        };
        let pl = &self.proclocks[i as usize];
        pl.lock.store(lock, Relaxed);
        pl.proc.store(proc as u32, Relaxed);
        pl.hold_mask.store(0, Relaxed);
        let l = &self.locks[lock as usize];
        pl.next.store(l.holders.load(Relaxed), Relaxed);
        l.holders.store(i + 1, Relaxed);
        Ok(i)
    }

    fn remove_proclock(&self, lock: u32, pl_idx: u32) {
        let l = &self.locks[lock as usize];
        let target = pl_idx + 1;
        let mut link = &l.holders;
        loop {
            let cur = link.load(Relaxed);
            if cur == 0 {
                break;
            }
            if cur == target {
                link.store(self.proclocks[pl_idx as usize].next.load(Relaxed), Relaxed);
                break;
            }
            link = &self.proclocks[cur as usize - 1].next;
        }
        let _g = self.header.freelist_lock.acquire();
        self.proclocks[pl_idx as usize].next.store(self.header.proclock_free.load(Relaxed), Relaxed);
        self.header.proclock_free.store(target, Relaxed);
    }

    /// CleanUpLock: drops the PROCLOCK when it holds nothing (and its
    /// process does not wait on this lock), and the LOCK when nobody
    /// requests it any more; otherwise wakes waiters if `wakeup_needed`.
    pub fn clean_up_lock(&self, lock: u32, pl_idx: u32, hash: u32, wakeup_needed: bool) {
        let pl = &self.proclocks[pl_idx as usize];
        let proc = pl.proc.load(Relaxed) as usize;
        let waiting_here = self.procs[proc].wait_lock.load(Relaxed) == lock + 1;
        if pl.hold_mask.load(Relaxed) == 0 && !waiting_here {
            self.remove_proclock(lock, pl_idx);
        }
        if self.locks[lock as usize].n_requested.load(Relaxed) == 0 {
            self.remove_lock(lock, hash);
        } else if wakeup_needed {
            self.wake_waiters(lock);
        }
    }

    /// LockCheckConflicts: whether `mode` requested by the holder of
    /// PROCLOCK `pl_idx` conflicts with what *others* hold.
    pub fn check_conflicts(&self, lock: u32, pl_idx: u32, mode: LockMode) -> bool {
        let l = &self.locks[lock as usize];
        let conflict = mode.conflict_mask();
        if conflict & l.grant_mask.load(Relaxed) == 0 {
            return false;
        }
        let mine = self.proclocks[pl_idx as usize].hold_mask.load(Relaxed);
        (1..9).any(|m| conflict & (1 << m) != 0 && l.granted[m].load(Relaxed) > u32::from(mine & (1 << m) != 0))
    }

    /// GrantLock.
    pub fn grant(&self, lock: u32, pl_idx: u32, mode: LockMode) {
        let l = &self.locks[lock as usize];
        let m = mode.number();
        l.granted[m].fetch_add(1, Relaxed);
        l.n_granted.fetch_add(1, Relaxed);
        l.grant_mask.fetch_or(mode.bit(), Relaxed);
        if l.granted[m].load(Relaxed) == l.requested[m].load(Relaxed) {
            l.wait_mask.fetch_and(!mode.bit(), Relaxed);
        }
        self.proclocks[pl_idx as usize].hold_mask.fetch_or(mode.bit(), Relaxed);
    }

    /// UnGrantLock: gives back one granted `mode`; returns whether a
    /// waiter may now be grantable.
    pub fn ungrant(&self, lock: u32, pl_idx: u32, mode: LockMode) -> bool {
        let l = &self.locks[lock as usize];
        let m = mode.number();
        l.requested[m].fetch_sub(1, Relaxed);
        l.n_requested.fetch_sub(1, Relaxed);
        l.granted[m].fetch_sub(1, Relaxed);
        l.n_granted.fetch_sub(1, Relaxed);
        if l.granted[m].load(Relaxed) == 0 {
            l.grant_mask.fetch_and(!mode.bit(), Relaxed);
        }
        self.proclocks[pl_idx as usize].hold_mask.fetch_and(!mode.bit(), Relaxed);
        mode.conflict_mask() & l.wait_mask.load(Relaxed) != 0
    }

    /// Adds one request of `mode` (granted or about to wait).
    pub fn add_request(&self, lock: u32, mode: LockMode) {
        let l = &self.locks[lock as usize];
        l.requested[mode.number()].fetch_add(1, Relaxed);
        l.n_requested.fetch_add(1, Relaxed);
    }

    /// Takes back a request that was neither granted nor queued.
    pub fn drop_request(&self, lock: u32, mode: LockMode) {
        let l = &self.locks[lock as usize];
        l.requested[mode.number()].fetch_sub(1, Relaxed);
        l.n_requested.fetch_sub(1, Relaxed);
    }

    /// The processes in LOCK `lock`'s wait queue, first to last.
    pub fn wait_queue(&self, lock: u32) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = self.locks[lock as usize].wait_head.load(Relaxed);
        while cur != 0 {
            out.push(cur as usize - 1);
            cur = self.procs[cur as usize - 1].wait_next.load(Relaxed);
        }
        out
    }

    /// Rewrites the wait queue of `lock` (same members, new order).
    pub fn set_wait_queue(&self, lock: u32, queue: &[usize]) {
        let l = &self.locks[lock as usize];
        l.wait_head.store(queue.first().map_or(0, |p| *p as u32 + 1), Relaxed);
        l.wait_tail.store(queue.last().map_or(0, |p| *p as u32 + 1), Relaxed);
        for (k, p) in queue.iter().enumerate() {
            self.procs[*p].wait_next.store(queue.get(k + 1).map_or(0, |n| *n as u32 + 1), Relaxed);
        }
    }

    /// Queues `proc` at position `pos` of the wait queue and records its
    /// wait. The request is already counted.
    pub fn enqueue(&self, lock: u32, proc: usize, mode: LockMode, pos: usize) {
        let mut q = self.wait_queue(lock);
        q.insert(pos.min(q.len()), proc);
        self.set_wait_queue(lock, &q);
        self.locks[lock as usize].wait_mask.fetch_or(mode.bit(), Relaxed);
        let p = &self.procs[proc];
        p.wait_mode.store(mode.number() as u32, Relaxed);
        p.wait_start.store(crate::procarray::now_timestamptz(), Relaxed);
        p.wait_status.store(WAIT_WAITING, Relaxed);
        p.wait_lock.store(lock + 1, Relaxed);
    }

    /// Takes `proc` off the wait queue of `lock` (after a grant, or
    /// RemoveFromWaitQueue when it gives up), recomputing the wait mask.
    pub fn dequeue(&self, lock: u32, proc: usize, status: u32) {
        let mut q = self.wait_queue(lock);
        q.retain(|p| *p != proc);
        self.set_wait_queue(lock, &q);
        let mask = q.iter().fold(0u32, |m, p| m | 1 << self.procs[*p].wait_mode.load(Relaxed));
        self.locks[lock as usize].wait_mask.store(mask, Relaxed);
        let p = &self.procs[proc];
        p.wait_next.store(0, Relaxed);
        p.wait_lock.store(0, Relaxed);
        p.wait_status.store(status, Relaxed);
    }

    /// ProcLockWakeup: grants, in queue order, every waiter whose request
    /// conflicts neither with what is held nor with an earlier waiter's
    /// request, and wakes it. Caller holds the partition lock exclusively.
    pub fn wake_waiters(&self, lock: u32) {
        let mut ahead = 0u32;
        for proc in self.wait_queue(lock) {
            let p = &self.procs[proc];
            let Some(mode) = LockMode::from_number(p.wait_mode.load(Relaxed) as usize) else { continue };
            let pl = self.find_proclock(lock, proc);
            let grantable =
                mode.conflict_mask() & ahead == 0 && pl.is_some_and(|pl| !self.check_conflicts(lock, pl, mode));
            match pl {
                Some(pl) if grantable => {
                    self.grant(lock, pl, mode);
                    self.dequeue(lock, proc, WAIT_OK);
                    crate::latch::set_latch(proc);
                }
                _ => ahead |= mode.bit(),
            }
        }
    }

    /// Increments the strong-lock counter of a fast-path hash partition.
    pub fn strong_count_add(&self, fp_part: usize, delta: i32) {
        let _g = self.header.strong_lock.acquire();
        let c = &self.header.strong_counts[fp_part];
        let v = c.load(Relaxed);
        c.store(v.saturating_add_signed(delta), std::sync::atomic::Ordering::SeqCst);
    }

    /// The strong-lock counter, read without the spinlock under the
    /// caller's own `fp_lock`: an increment made before this read is seen,
    /// and one made after it is followed by a transfer that must take our
    /// `fp_lock`, so it moves whatever fast-path lock we take now.
    pub fn strong_count(&self, fp_part: usize) -> u32 {
        self.header.strong_counts[fp_part].load(std::sync::atomic::Ordering::SeqCst)
    }
}
