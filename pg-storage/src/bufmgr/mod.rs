//! The shared buffer pool (PostgreSQL's `storage/buffer/bufmgr.c`,
//! `buf_init.c`, and the README beside them).
//!
//! `shared_buffers` pages live in shared memory with one `desc`
//! descriptor each (tag, atomic state word, content LWLock, I/O LWLock).
//! A block is found through the partitioned mapping table (`buf_table`),
//! and a victim for a new block is chosen by the clock sweep or a ring
//! (`freelist`). Temporary relations use this process's local buffers
//! instead ([`localbuf`]). Callers see three RAII types:
//!
//! - [`PinnedBuffer`] — a pin: the buffer keeps its block while pinned.
//!   Dropping it unpins. The pin is also remembered by the current
//!   ResourceOwner, so that an abort releases a pin an error skipped (and
//!   the value's later drop then does nothing).
//! - [`PageReadGuard`] — the content lock held shared; derefs to [`Page`].
//!   Hint bits may be set through it ([`PageReadGuard::set_hint_bits`]).
//! - [`PageWriteGuard`] — the content lock held exclusively; derefs mutably.
//!   Call [`PageWriteGuard::mark_dirty`] after a change (in the critical
//!   section, before the WAL record's LSN is stamped with `set_lsn`).
//!
//! **Rules** (PostgreSQL's buffer/README):
//! - Pin before you lock; a guard borrows its pin (or owns it, from
//!   [`PinnedBuffer::into_write_guard`] and [`extend_relation`]).
//! - Look at a page only while holding its content lock (shared to read,
//!   exclusive to change). Hint bits are the exception: they are set under
//!   a shared lock, and a write copies the page first so the checksum it
//!   computes matches what it writes.
//! - The mapping partition lock is held across lookup and pin; a victim is
//!   replaced with both its old and new partition locks held, in partition
//!   order.
//! - A read or write of a buffer happens with `BM_IO_IN_PROGRESS` set and
//!   the buffer's I/O LWLock held exclusively; others wait on that lock.
//! - WAL before data: a permanent buffer is written only after
//!   `pg_wal::xlog::xlog_flush(page LSN)`.
//!
//! **Differences from PostgreSQL.** Waiting for another process's I/O
//! uses a per-buffer I/O LWLock (PostgreSQL 13's way) rather than a
//! condition variable. The clock hand is a 64-bit counter, so it needs no
//! spinlock for wraparound. There is no buffer free list. Cleanup locks
//! are only conditional (VACUUM's waiting `LockBufferForCleanup` is not
//! built). Checkpoints write all dirty buffers at once, without
//! `checkpoint_completion_target` pacing or sorting by file.
//!
//! **For the next session.** What is wired: pg-tcop's `register_wal_hooks`
//! runs [`checkpoint_buffers`] then `smgr::smgr_sync_all_pending` as a
//! checkpoint hook and `smgr::smgr_post_checkpoint` after pg_control is
//! written; the background writer process loops on
//! [`bgwriter_main_iteration`]; a backend calls [`at_proc_exit_buffers`]
//! before it gives up its PGPROC; [`extend_relation`] takes the
//! heavyweight relation extension lock. What is not built yet:
//! - Checkpoint pacing (`checkpoint_completion_target`) and writing in file
//!   order: a checkpoint writes every dirty buffer as fast as it can.
//! - `LockBufferForCleanup` (waiting for the other pins to go, with
//!   `BM_PIN_COUNT_WAITER`): VACUUM will need it; only the conditional
//!   cleanup lock exists.
//! - Hint-bit changes on a checksummed cluster are not WAL-logged
//!   (`XLogSaveBufferForHint`, `wal_log_hints`): a torn write of such a page
//!   fails its checksum after a crash.
//! - Redo does not remember blocks it did not find (`log_invalid_page`).
//! - Each pin is remembered in the ResourceOwner with one small allocation;
//!   if profiles show it, keep pins in a per-owner array as PostgreSQL does.
//! - Page checksums are computed on write and verified on read when the
//!   `data_checksums` setting is on, but nothing sets it from pg_control
//!   yet (initdb has no `--data-checksums`).
//! - Other processes' cached file handles of a dropped relation are not
//!   closed by an invalidation message (`md::close_rel` exists for it).
//! - `pg_buffercache`, `pg_stat_bgwriter` and the I/O timing counters.
//!
//! Figures (release build, 2 shared cores, other builds running): the
//! issue's 2M-row load with shared_buffers=16MB took 11.5 s against
//! PostgreSQL's 5.0-5.6 s; perf puts the buffer manager, smgr, LWLocks and
//! resource owners at about 11% of the backend's CPU, the kernel's page
//! cache copies at about 20%, and the rest in per-row executor and heap
//! work.
//!
//! The invariants that matter most, each guarded by a case in
//! `tests/bufmgr_fork.rs`: a victim is re-checked for pins *and* dirtiness
//! after its partition locks are taken; a block added by extension (or any
//! zero-and-lock read) is locked before it becomes valid and before the file
//! grows; a write clears BM_DIRTY only if BM_JUST_DIRTIED stayed clear.
#![allow(unsafe_code)]

mod buf_table;
mod desc;
mod freelist;
pub mod localbuf;

use std::cell::RefCell;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};
use std::ptr::NonNull;
use std::sync::atomic::{AtomicPtr, AtomicU16, Ordering};

use pg_error::{PgError, PgResult, Severity, SqlState};
use pg_guc::vars;
use pg_proc::lock;
use pg_proc::resowner::{self, ReleasePhase, Resource, ResourceId};
use pg_shmem::{LWLock, LWLockExclusiveGuard, LWLockSharedGuard, ShmemSafe, SpinLocked};
use pg_wal::block::{BlockNumber, ForkNumber, Oid, RelFileNode, BLCKSZ};

use crate::instrument;
use crate::page::{page_verify, Page};
use crate::smgr::{smgr_open, SmgrRelation};

pub use buf_table::NUM_BUFFER_PARTITIONS;
pub use desc::BufferTag;
pub use freelist::{BufferAccessStrategy, StrategyKind};

use buf_table::{BufTable, BufTableEnt, FreeList};
use desc::*;
use freelist::StrategyControl;

/// A buffer number (`Buffer`): 1..=NBuffers for shared buffers, negative
/// for local ones, 0 invalid.
pub type Buffer = i32;

/// No buffer (`InvalidBuffer`).
pub const INVALID_BUFFER: Buffer = 0;

/// A relation's persistence (`relpersistence`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Persistence {
    /// WAL-logged, survives crashes (`p`).
    Permanent,
    /// Not WAL-logged, reset after a crash (`u`).
    Unlogged,
    /// Session-local, in local buffers (`t`).
    Temp,
}

/// What the buffer manager needs to know of a relation (from its relcache
/// entry): its files and how it is kept.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StorageRel {
    /// The relation's OID (for messages).
    pub relid: Oid,
    /// Its files.
    pub rnode: RelFileNode,
    /// Permanent, unlogged or temporary.
    pub persistence: Persistence,
    /// The owning backend of a temporary relation.
    pub backend: Option<i32>,
    /// The heap's `fillfactor` storage parameter (10..=100, 100 when not
    /// set): inserts leave the rest of each page free for updates
    /// (`RelationGetTargetPageFreeSpace`).
    pub fillfactor: u8,
}

impl StorageRel {
    /// Its storage manager handle.
    pub fn smgr(&self) -> SmgrRelation {
        smgr_open(self.rnode, self.backend)
    }

    /// Whether its pages live in local buffers.
    pub fn is_local(&self) -> bool {
        self.persistence == Persistence::Temp
    }

    /// `relpath` of a fork, as messages print it.
    pub fn path(&self, fork: ForkNumber) -> String {
        self.rnode.path(self.backend, fork)
    }
}

/// How `read_buffer` treats the block (`ReadBufferMode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadBufferMode {
    /// Read it; a page that fails verification is an error (XX001
    /// "invalid page in block N of relation base/..."), or is zeroed with a
    /// WARNING under `zero_damaged_pages`.
    Normal,
    /// Read it; a page that fails verification is zeroed with a WARNING.
    ZeroOnError,
}

// ---- shared memory ------------------------------------------------------

/// The pool's parts in shared memory, as this process addresses them.
pub(crate) struct Pool {
    pub nbuffers: usize,
    pub descs: &'static [BufferDesc],
    /// `nbuffers * BLCKSZ` bytes of pages.
    blocks: NonNull<u8>,
    table: BufTable,
    partition_locks: &'static [LWLock],
    pub strategy: &'static StrategyControl,
}

// SAFETY: repr(C) of atomics; zero is the start state.
unsafe impl ShmemSafe for StrategyControl {}

/// This process's view of the pool, set by `shmem_init` (in the postmaster
/// before forking, or in a standalone process). A leaked box: set once per
/// shared memory (re)initialisation.
static POOL: AtomicPtr<Pool> = AtomicPtr::new(std::ptr::null_mut());

pub(crate) fn pool() -> PgResult<&'static Pool> {
    let p = POOL.load(Ordering::Acquire);
    if p.is_null() {
        return Err(PgError::internal("the shared buffer pool is not initialized"));
    }
    // SAFETY: non-null values come only from `Box::leak` in `shmem_init`,
    // never freed; the shared memory it points into stays mapped for the
    // process's life.
    Ok(unsafe { &*p })
}

fn nbuffers_setting() -> usize {
    (vars::SHARED_BUFFERS.get().max(16)) as usize
}

/// Allocates (or finds) `n` zero-valid `T`s named `name` in shared memory.
fn shared_slice<T: ShmemSafe>(name: &str, n: usize, init: impl FnOnce(&[T])) -> PgResult<&'static [T]> {
    assert!(std::mem::align_of::<T>() <= pg_shmem::CACHELINE_SIZE);
    let size = pg_shmem::mul_size(n, std::mem::size_of::<T>())?;
    let mut first = false;
    let (ptr, _) = pg_shmem::shmem_init_struct_with(name, size.max(1), |_| first = true)?;
    // SAFETY: the allocation is `n * size_of::<T>()` zero-filled bytes,
    // cache-line aligned (checked above to satisfy T), in the shared segment
    // that stays mapped for the process's life; T: ShmemSafe makes zeros a
    // valid T and shared access sound (atomics and locks only).
    let slice = unsafe { std::slice::from_raw_parts(ptr.as_ptr().cast::<T>(), n) };
    if first {
        init(slice);
    }
    Ok(slice)
}

/// Shared memory for the buffer pool and the fsync request queue
/// (`BufferShmemSize` + the checkpointer's queue).
pub fn shmem_size() -> PgResult<usize> {
    use pg_shmem::{add_size, mul_size};
    let n = nbuffers_setting();
    let mut size = mul_size(n, std::mem::size_of::<BufferDesc>())?;
    size = add_size(size, mul_size(n, BLCKSZ)?)?;
    size = add_size(size, mul_size(buf_table::bucket_count(n), 4)?)?;
    size = add_size(size, mul_size(buf_table::entry_count(n), std::mem::size_of::<BufTableEnt>())?)?;
    size = add_size(size, std::mem::size_of::<SpinLocked<FreeList>>())?;
    size = add_size(size, mul_size(NUM_BUFFER_PARTITIONS, std::mem::size_of::<LWLock>())?)?;
    size = add_size(size, std::mem::size_of::<StrategyControl>())?;
    // Cache-line rounding of each of the eight allocations.
    size = add_size(size, 8 * pg_shmem::CACHELINE_SIZE)?;
    add_size(size, crate::smgr::shmem_size()?)
}

/// `InitBufferPool`: finds or creates the pool in the current segment and
/// records it for this process (and its future children).
pub fn shmem_init() -> PgResult<()> {
    crate::smgr::shmem_init()?;
    let n = nbuffers_setting();
    let content = pg_shmem::lwlock_register_tranche("BufferContent");
    let io = pg_shmem::lwlock_register_tranche("BufferIO");
    let mapping = pg_shmem::lwlock_register_tranche("BufferMapping");
    let descs = shared_slice::<BufferDesc>("Buffer Descriptors", n, |d| {
        for (i, desc) in d.iter().enumerate() {
            desc.buf_id.store(i as u32, Ordering::Relaxed);
            desc.content_lock.init(content);
            desc.io_lock.init(io);
        }
    })?;
    let (blocks, _) = pg_shmem::shmem_init_struct("Buffer Blocks", pg_shmem::mul_size(n, BLCKSZ)?)?;
    let buckets =
        shared_slice::<std::sync::atomic::AtomicU32>("Buffer Lookup Buckets", buf_table::bucket_count(n), |_| ())?;
    let entries = shared_slice::<BufTableEnt>("Buffer Lookup Table", buf_table::entry_count(n), |_| ())?;
    let (free, found) = pg_shmem::shmem_init_struct_typed::<SpinLocked<FreeList>>("Buffer Lookup Free List", |_| ())?;
    let table = BufTable { buckets, entries, free };
    if !found {
        table.init();
    }
    let partition_locks = shared_slice::<LWLock>("Buffer Mapping Locks", NUM_BUFFER_PARTITIONS, |l| {
        l.iter().for_each(|l| l.init(mapping))
    })?;
    let (strategy, _) = pg_shmem::shmem_init_struct_typed::<StrategyControl>("Buffer Strategy Status", |_| ())?;
    let pool = Box::new(Pool { nbuffers: n, descs, blocks, table, partition_locks, strategy });
    POOL.store(Box::leak(pool), Ordering::Release);
    PRIVATE_REFCOUNT.with(|r| r.borrow_mut().clear());
    Ok(())
}

/// `NBuffers`: how many shared buffers there are (0 before `shmem_init`).
pub fn shared_buffer_count() -> usize {
    pool().map(|p| p.nbuffers).unwrap_or(0)
}

impl Pool {
    fn page_ptr(&self, buf_id: usize) -> *mut u8 {
        debug_assert!(buf_id < self.nbuffers);
        // SAFETY: in bounds of the `nbuffers * BLCKSZ` block allocation.
        unsafe { self.blocks.as_ptr().add(buf_id * BLCKSZ) }
    }

    fn partition_lock(&self, hash: u32) -> &'static LWLock {
        &self.partition_locks[buf_table::partition_of(hash)]
    }
}

// ---- per-process pin bookkeeping ------------------------------------------

thread_local! {
    /// `PrivateRefCount`: this process's pins per shared buffer; the shared
    /// refcount counts each process once however often it pins.
    static PRIVATE_REFCOUNT: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
}

fn private_refcount(buf_id: usize) -> u32 {
    PRIVATE_REFCOUNT.with(|r| r.borrow().get(buf_id).copied().unwrap_or(0))
}

/// Adds one to this process's pins of `buf_id`; returns the new count.
fn private_incr(buf_id: usize, nbuffers: usize) -> u32 {
    PRIVATE_REFCOUNT.with(|r| {
        let mut r = r.borrow_mut();
        if r.len() < nbuffers {
            r.resize(nbuffers, 0);
        }
        r[buf_id] += 1;
        r[buf_id]
    })
}

fn private_decr(buf_id: usize) -> u32 {
    PRIVATE_REFCOUNT.with(|r| {
        let mut r = r.borrow_mut();
        r[buf_id] -= 1;
        r[buf_id]
    })
}

/// `PinBuffer`: pins a shared buffer for this process (the mapping lock
/// or another pin keeps it from being replaced meanwhile). Returns whether
/// it is valid.
fn pin_shared(pool: &Pool, buf_id: usize, strategy: bool) -> bool {
    if private_refcount(buf_id) > 0 {
        private_incr(buf_id, pool.nbuffers);
        return pool.descs[buf_id].state.load(Ordering::Acquire) & BM_VALID != 0;
    }
    let state = pool.descs[buf_id].pin(strategy);
    private_incr(buf_id, pool.nbuffers);
    state & BM_VALID != 0
}

/// `PinBuffer_Locked`: pins a buffer whose header lock the caller holds
/// (with `state`), and releases the header lock.
fn pin_shared_locked(pool: &Pool, desc: &BufferDesc, state: u32) {
    let buf_id = desc.buf_id.load(Ordering::Relaxed) as usize;
    debug_assert_eq!(private_refcount(buf_id), 0, "a victim is never pinned by us");
    desc.unlock_hdr(state + BUF_REFCOUNT_ONE);
    private_incr(buf_id, pool.nbuffers);
}

/// `UnpinBuffer`.
fn unpin_shared(pool: &Pool, buf_id: usize) {
    if private_decr(buf_id) == 0 {
        pool.descs[buf_id].unpin();
    }
}

fn unpin(buf: Buffer) {
    if buf < 0 {
        localbuf::unpin((-buf - 1) as usize);
    } else if let Ok(pool) = pool() {
        unpin_shared(pool, buf as usize - 1);
    }
}

/// A pin remembered by a ResourceOwner.
struct BufferPin {
    buf: Buffer,
}

impl Resource for BufferPin {
    fn phase(&self) -> ReleasePhase {
        ReleasePhase::BeforeLocks
    }
    fn leak_message(&self) -> String {
        format!("buffer refcount leak: [{:03}]", self.buf)
    }
    fn release(self: Box<Self>) {
        unpin(self.buf);
    }
}

// ---- the RAII handles -------------------------------------------------------

/// A pinned buffer: while it lives, the buffer keeps its block. Dropping it
/// unpins (`ReleaseBuffer`). Not `Send`: pins belong to a process.
pub struct PinnedBuffer {
    buf: Buffer,
    resource: Option<ResourceId>,
    _not_send: PhantomData<*const ()>,
}

impl std::fmt::Debug for PinnedBuffer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PinnedBuffer({}, {:?})", self.buf, self.tag())
    }
}

impl PinnedBuffer {
    /// Wraps a pin just taken, remembering it in the current ResourceOwner.
    fn new(buf: Buffer) -> PinnedBuffer {
        let resource = resowner::remember_in_current(Box::new(BufferPin { buf })).ok();
        PinnedBuffer { buf, resource, _not_send: PhantomData }
    }

    /// The buffer number.
    pub fn buffer(&self) -> Buffer {
        self.buf
    }

    /// Whether this is a local (temporary relation) buffer.
    pub fn is_local(&self) -> bool {
        self.buf < 0
    }

    /// The block this buffer holds (`BufferGetTag`).
    pub fn tag(&self) -> BufferTag {
        if self.buf < 0 {
            localbuf::tag((-self.buf - 1) as usize)
        } else {
            pool().expect("a pinned shared buffer implies a pool").descs[self.buf as usize - 1].tag()
        }
    }

    /// `BufferGetBlockNumber`.
    pub fn block(&self) -> BlockNumber {
        self.tag().blkno
    }

    fn page_ptr(&self) -> *mut u8 {
        if self.buf < 0 {
            localbuf::page_ptr((-self.buf - 1) as usize)
        } else {
            pool().expect("a pinned shared buffer implies a pool").page_ptr(self.buf as usize - 1)
        }
    }

    fn desc(&self) -> Option<&'static BufferDesc> {
        (self.buf > 0).then(|| &pool().expect("pinned").descs[self.buf as usize - 1])
    }

    /// `IncrBufferRefCount`: another pin on the same buffer.
    pub fn clone_pin(&self) -> PinnedBuffer {
        if self.buf < 0 {
            localbuf::pin_again((-self.buf - 1) as usize);
        } else {
            let pool = pool().expect("pinned");
            private_incr(self.buf as usize - 1, pool.nbuffers);
        }
        PinnedBuffer::new(self.buf)
    }

    /// `LockBuffer(BUFFER_LOCK_SHARE)`.
    pub fn lock_shared(&self) -> PageReadGuard<'_> {
        PageReadGuard { lock: self.take_lock(false), pin: PinRef::Borrowed(self) }
    }

    /// `LockBuffer(BUFFER_LOCK_EXCLUSIVE)`.
    pub fn lock_exclusive(&self) -> PageWriteGuard<'_> {
        PageWriteGuard { lock: self.take_lock(true), pin: PinRef::Borrowed(self) }
    }

    /// `ConditionalLockBuffer`: the exclusive lock if it is free now.
    pub fn conditional_lock_exclusive(&self) -> Option<PageWriteGuard<'_>> {
        let lock = self.try_lock_exclusive()?;
        Some(PageWriteGuard { lock, pin: PinRef::Borrowed(self) })
    }

    /// `ConditionalLockBufferForCleanup`: the exclusive lock, if it is free
    /// and no one else has the buffer pinned (pruning may then move tuples).
    pub fn conditional_lock_cleanup(&self) -> Option<PageWriteGuard<'_>> {
        if self.buf < 0 {
            if localbuf::refcount((-self.buf - 1) as usize) != 1 {
                return None;
            }
            return self.conditional_lock_exclusive();
        }
        let buf_id = self.buf as usize - 1;
        if private_refcount(buf_id) != 1 {
            return None;
        }
        let guard = self.conditional_lock_exclusive()?;
        let desc = self.desc().expect("shared");
        let state = desc.lock_hdr();
        desc.unlock_hdr(state);
        if refcount(state) != 1 {
            return None; // the guard unlocks
        }
        Some(guard)
    }

    /// Locks exclusively, taking over the pin (for functions that return a
    /// locked buffer).
    pub fn into_write_guard(self) -> PageWriteGuard<'static> {
        let lock = self.take_lock(true);
        PageWriteGuard { lock, pin: PinRef::Owned(self) }
    }

    /// Locks shared, taking over the pin.
    pub fn into_read_guard(self) -> PageReadGuard<'static> {
        let lock = self.take_lock(false);
        PageReadGuard { lock, pin: PinRef::Owned(self) }
    }

    fn take_lock(&self, exclusive: bool) -> ContentLock {
        if self.buf < 0 {
            return ContentLock::Local(localbuf::lock((-self.buf - 1) as usize, exclusive));
        }
        let desc = self.desc().expect("shared");
        assert!(!desc.content_lock.held_by_me(), "buffer {} content lock is already held by this process", self.buf);
        if exclusive {
            ContentLock::Exclusive(desc.content_lock.acquire_exclusive())
        } else {
            ContentLock::Shared(desc.content_lock.acquire_shared())
        }
    }

    fn try_lock_exclusive(&self) -> Option<ContentLock> {
        if self.buf < 0 {
            return localbuf::try_lock_exclusive((-self.buf - 1) as usize).map(ContentLock::Local);
        }
        let desc = self.desc().expect("shared");
        if desc.content_lock.held_by_me() {
            return None;
        }
        desc.content_lock.try_acquire_exclusive().map(ContentLock::Exclusive)
    }
}

impl Drop for PinnedBuffer {
    fn drop(&mut self) {
        match self.resource.take() {
            Some(id) => {
                // None: the owner already released the pin (an abort).
                if resowner::forget(id).is_some() {
                    unpin(self.buf);
                }
            }
            None => unpin(self.buf),
        }
    }
}

/// A held content lock (dropping it unlocks).
enum ContentLock {
    Shared(#[allow(dead_code)] LWLockSharedGuard<'static>),
    Exclusive(#[allow(dead_code)] LWLockExclusiveGuard<'static>),
    Local(#[allow(dead_code)] localbuf::LocalLock),
}

/// A guard's pin: borrowed from a `PinnedBuffer` or owned by the guard.
enum PinRef<'a> {
    Borrowed(&'a PinnedBuffer),
    Owned(PinnedBuffer),
}

impl PinRef<'_> {
    fn get(&self) -> &PinnedBuffer {
        match self {
            PinRef::Borrowed(p) => p,
            PinRef::Owned(p) => p,
        }
    }
}

/// The page under a shared content lock. Field order matters: the lock is
/// released before an owned pin is dropped.
pub struct PageReadGuard<'a> {
    #[allow(dead_code)] // held for its Drop
    lock: ContentLock,
    pin: PinRef<'a>,
}

/// The page under an exclusive content lock.
pub struct PageWriteGuard<'a> {
    lock: ContentLock,
    pin: PinRef<'a>,
}

impl PageReadGuard<'_> {
    /// The pin under the lock.
    pub fn pinned(&self) -> &PinnedBuffer {
        self.pin.get()
    }

    /// `BufferGetBlockNumber`.
    pub fn block(&self) -> BlockNumber {
        self.pin.get().block()
    }

    /// `MarkBufferDirtyHint`: the page changed only in hint bits; it should
    /// be written some time, but losing the change is harmless.
    pub fn mark_dirty_hint(&self) {
        mark_dirty_hint(self.pin.get());
    }

    /// Sets `bits` in the little-endian u16 at byte `at` of the page (a
    /// tuple's `t_infomask`) under a shared lock, as PostgreSQL's
    /// `SetHintBits` does, and marks the buffer dirty as a hint. Other
    /// readers may see the u16 before or after; nothing else changes.
    pub fn set_hint_bits(&self, at: usize, bits: u16) {
        assert!(at.is_multiple_of(2) && at + 2 <= BLCKSZ, "hint bits at {at} are not an aligned u16 of the page");
        let ptr = self.pin.get().page_ptr();
        // SAFETY: `ptr + at` is inside the pinned page (checked above) and
        // 2-aligned (pages are cache-line aligned, `at` is even); the page
        // stays mapped while pinned. The atomic OR is the only write other
        // processes can make under a shared content lock, so concurrent
        // hint setters do not lose each other's bits. Readers holding a
        // `&Page` may observe the change (PostgreSQL's benign race on hint
        // bits); every byte they read is either the old or the new value.
        let word = unsafe { AtomicU16::from_ptr(ptr.add(at).cast::<u16>()) };
        let bits = u16::from_le_bytes(bits.to_ne_bytes());
        if word.load(Ordering::Relaxed) & bits != bits {
            word.fetch_or(bits, Ordering::Relaxed);
            self.mark_dirty_hint();
        }
    }
}

impl PageReadGuard<'_> {
    /// [`PageReadGuard::set_hint_bits`] at byte `at_in_item` of item `off`
    /// (a heap tuple's `t_infomask` is at byte 28 of its item). Does
    /// nothing if the line pointer is not a normal item long enough.
    pub fn set_hint_bits_in_item(&self, off: crate::page::OffsetNumber, at_in_item: usize, bits: u16) {
        if off == 0 || off > self.max_offset() {
            return;
        }
        let id = self.item_id(off);
        if !id.is_normal() || id.len() < at_in_item + 2 {
            return;
        }
        self.set_hint_bits(id.off() + at_in_item, bits);
    }
}

impl PageWriteGuard<'_> {
    /// The pin under the lock.
    pub fn pinned(&self) -> &PinnedBuffer {
        self.pin.get()
    }

    /// `BufferGetBlockNumber`.
    pub fn block(&self) -> BlockNumber {
        self.pin.get().block()
    }

    /// `MarkBufferDirty`: the page changed and must be written (after its
    /// WAL). Call inside the critical section that makes the change.
    pub fn mark_dirty(&mut self) {
        let pin = self.pin.get();
        if pin.buf < 0 {
            localbuf::mark_dirty((-pin.buf - 1) as usize);
            return;
        }
        let desc = pin.desc().expect("shared");
        let old = desc.set_flags(BM_DIRTY | BM_JUST_DIRTIED);
        if old & BM_DIRTY == 0 {
            instrument::count(|u| u.shared_blks_dirtied += 1);
        }
    }

    /// `PageSetLSN`: stamps the page with the end of its WAL record.
    pub fn set_lsn(&mut self, lsn: pg_wal::block::XLogRecPtr) {
        self.deref_mut().set_lsn(lsn);
    }

    /// Unlocks and keeps the pin (`LockBuffer(BUFFER_LOCK_UNLOCK)` on a
    /// guard that owns its pin).
    pub fn unlock(self) -> Option<PinnedBuffer> {
        let PageWriteGuard { lock, pin } = self;
        drop(lock);
        match pin {
            PinRef::Owned(p) => Some(p),
            PinRef::Borrowed(_) => None,
        }
    }
}

impl Deref for PageReadGuard<'_> {
    type Target = Page;
    fn deref(&self) -> &Page {
        let ptr = self.pin.get().page_ptr().cast::<[u8; BLCKSZ]>();
        // SAFETY: the pin keeps the buffer's block (and memory) in place; the
        // shared content lock excludes writers except hint-bit setters (see
        // `set_hint_bits`).
        Page::from_bytes(unsafe { &*ptr })
    }
}

impl Deref for PageWriteGuard<'_> {
    type Target = Page;
    fn deref(&self) -> &Page {
        let ptr = self.pin.get().page_ptr().cast::<[u8; BLCKSZ]>();
        // SAFETY: pinned and exclusively locked: no one else reads or writes.
        Page::from_bytes(unsafe { &*ptr })
    }
}

impl DerefMut for PageWriteGuard<'_> {
    fn deref_mut(&mut self) -> &mut Page {
        let ptr = self.pin.get().page_ptr().cast::<[u8; BLCKSZ]>();
        // SAFETY: pinned and exclusively locked, and this guard is borrowed
        // mutably: the only reference to the page anywhere.
        Page::from_bytes_mut(unsafe { &mut *ptr })
    }
}

fn mark_dirty_hint(pin: &PinnedBuffer) {
    if pin.buf < 0 {
        localbuf::mark_dirty((-pin.buf - 1) as usize);
        return;
    }
    let desc = pin.desc().expect("shared");
    let state = desc.state.load(Ordering::Relaxed);
    if state & (BM_DIRTY | BM_JUST_DIRTIED) != (BM_DIRTY | BM_JUST_DIRTIED) {
        let old = desc.set_flags(BM_DIRTY | BM_JUST_DIRTIED);
        if old & BM_DIRTY == 0 {
            instrument::count(|u| u.shared_blks_dirtied += 1);
        }
    }
}

// ---- I/O ------------------------------------------------------------------

/// An I/O in progress on a buffer (`StartBufferIO` .. `TerminateBufferIO`).
/// Dropped without `finish` (an error or a panic), it clears
/// BM_IO_IN_PROGRESS and sets BM_IO_ERROR (`AbortBufferIO`), so waiters
/// retry. Field order: the I/O lock is released after `drop` has run.
struct IoInProgress {
    desc: &'static BufferDesc,
    done: bool,
    _lock: LWLockExclusiveGuard<'static>,
}

impl IoInProgress {
    /// `TerminateBufferIO`: clears BM_IO_IN_PROGRESS (and BM_IO_ERROR),
    /// adds `set`; `clear_dirty` clears BM_DIRTY unless the page was
    /// dirtied again during the write.
    fn finish(mut self, clear_dirty: bool, set: u32) {
        let mut state = self.desc.lock_hdr();
        state &= !(BM_IO_IN_PROGRESS | BM_IO_ERROR);
        if clear_dirty && state & BM_JUST_DIRTIED == 0 {
            state &= !(BM_DIRTY | BM_CHECKPOINT_NEEDED);
        }
        state |= set;
        self.desc.unlock_hdr(state);
        self.done = true;
    }
}

impl Drop for IoInProgress {
    fn drop(&mut self) {
        if !self.done {
            let state = self.desc.lock_hdr();
            self.desc.unlock_hdr((state & !BM_IO_IN_PROGRESS) | BM_IO_ERROR);
        }
    }
}

/// `StartBufferIO`: waits for any I/O in progress on the buffer, then
/// starts ours unless it is no longer needed (`for_input`: the buffer
/// became valid; otherwise: it is no longer dirty).
fn start_buffer_io(desc: &'static BufferDesc, for_input: bool) -> Option<IoInProgress> {
    let lock = desc.io_lock.acquire_exclusive();
    let state = desc.lock_hdr();
    let needed = if for_input { state & BM_VALID == 0 } else { state & BM_DIRTY != 0 };
    if !needed {
        desc.unlock_hdr(state);
        return None;
    }
    desc.unlock_hdr(state | BM_IO_IN_PROGRESS);
    Some(IoInProgress { desc, done: false, _lock: lock })
}

/// Whether data checksums are on (from pg_control through the setting).
fn checksums_enabled() -> bool {
    vars::DATA_CHECKSUMS.get()
}

/// `FlushBuffer`: writes a dirty buffer, WAL first. The caller holds a pin
/// and the content lock (shared or exclusive). Returns false when the
/// buffer was no longer dirty (someone else wrote it).
fn flush_buffer(pool: &Pool, desc: &'static BufferDesc) -> PgResult<bool> {
    let Some(io) = start_buffer_io(desc, false) else { return Ok(false) };
    // From here on, a change to the page sets BM_JUST_DIRTIED again and
    // keeps the buffer dirty after our write.
    let state = desc.lock_hdr();
    desc.unlock_hdr(state & !BM_JUST_DIRTIED);
    let tag = desc.tag();
    let buf_id = desc.buf_id.load(Ordering::Relaxed) as usize;
    let mut copy = Box::new([0u8; BLCKSZ]);
    // SAFETY: pinned and content-locked by the caller: no one changes the
    // page but hint-bit setters, whose racing bytes are harmless (the
    // buffer stays dirty via BM_JUST_DIRTIED, and we checksum our copy).
    copy.copy_from_slice(unsafe { std::slice::from_raw_parts(pool.page_ptr(buf_id), BLCKSZ) });
    let page = Page::from_bytes_mut(&mut copy);
    if state & BM_PERMANENT != 0 {
        pg_wal::xlog::xlog_flush(page.lsn())?;
    }
    if checksums_enabled() {
        page.set_checksum_inplace(tag.blkno);
    }
    smgr_open(tag.rnode, None).write(tag.fork, tag.blkno, &copy, false)?;
    io.finish(true, 0);
    instrument::count(|u| u.shared_blks_written += 1);
    Ok(true)
}

// ---- lookup and replacement -----------------------------------------------

/// `BufferAlloc`: pins the buffer for `tag`, finding it in the pool or
/// taking a victim for it. Returns the buffer id and whether it already
/// holds valid contents.
fn buffer_alloc(
    pool: &Pool,
    tag: &BufferTag,
    permanent: bool,
    mut strategy: Option<&mut BufferAccessStrategy>,
) -> PgResult<(usize, bool)> {
    let hash = tag.hash();
    let part_lock = pool.partition_lock(hash);
    {
        let _shared = part_lock.acquire_shared();
        if let Some(buf) = pool.table.lookup(tag, hash) {
            let valid = pin_shared(pool, buf as usize, strategy.is_some());
            return Ok((buf as usize, valid));
        }
    }
    loop {
        pg_error::check_for_interrupts()?;
        let (victim, state) = freelist::strategy_get_buffer(pool, strategy.as_deref_mut())?;
        pin_shared_locked(pool, victim, state);
        let buf_id = victim.buf_id.load(Ordering::Relaxed) as usize;
        let victim_pin = VictimPin { pool, buf_id };
        if state & BM_DIRTY != 0 {
            // Write it out first, unless someone holds it exclusively (then
            // take another) or a bulk read would have to flush WAL for it.
            let Some(_content) = victim.content_lock.try_acquire_shared() else {
                continue;
            };
            if let Some(s) = strategy.as_deref_mut() {
                let lsn = {
                    // SAFETY: pinned and share-locked: a stable read of pd_lsn.
                    let bytes = unsafe { std::slice::from_raw_parts(pool.page_ptr(buf_id), 8) };
                    u64::from_le_bytes(bytes.try_into().expect("8 bytes"))
                };
                if state & BM_PERMANENT != 0 && lsn > pg_wal::xlog::get_flush_rec_ptr() && s.reject(buf_id) {
                    continue;
                }
            }
            flush_buffer(pool, victim)?;
        }
        // Take the old and new partition locks (in order) and move the tag.
        let old_tag = (state & BM_TAG_VALID != 0).then(|| victim.tag());
        let old_hash = old_tag.map(|t| t.hash());
        let new_part = buf_table::partition_of(hash);
        let old_part = old_hash.map(buf_table::partition_of);
        let (_first, _second) = match old_part {
            Some(op) if op < new_part => {
                let a = pool.partition_locks[op].acquire_exclusive();
                (a, Some(part_lock.acquire_exclusive()))
            }
            Some(op) if op > new_part => {
                let a = part_lock.acquire_exclusive();
                (a, Some(pool.partition_locks[op].acquire_exclusive()))
            }
            _ => (part_lock.acquire_exclusive(), None),
        };
        if let Some(existing) = pool.table.insert(tag, hash, buf_id as i32)? {
            // Someone else loaded the block meanwhile: use theirs.
            drop(victim_pin);
            let valid = pin_shared(pool, existing as usize, strategy.is_some());
            return Ok((existing as usize, valid));
        }
        let mut state = victim.lock_hdr();
        if refcount(state) != 1 || state & BM_DIRTY != 0 {
            // Pinned or dirtied by someone else since: try another victim.
            victim.unlock_hdr(state);
            pool.table.delete(tag, hash);
            drop(victim_pin);
            continue;
        }
        state &= !(BM_VALID
            | BM_DIRTY
            | BM_JUST_DIRTIED
            | BM_CHECKPOINT_NEEDED
            | BM_IO_ERROR
            | BM_PERMANENT
            | BUF_USAGECOUNT_MASK);
        state |= BM_TAG_VALID | BUF_USAGECOUNT_ONE;
        if permanent {
            state |= BM_PERMANENT;
        }
        victim.set_tag(tag);
        victim.unlock_hdr(state);
        if let (Some(old), Some(h)) = (old_tag, old_hash) {
            pool.table.delete(&old, h);
        }
        std::mem::forget(victim_pin); // the pin is the caller's now
        return Ok((buf_id, false));
    }
}

/// The pin on a victim during `buffer_alloc`, released if it is abandoned.
struct VictimPin<'a> {
    pool: &'a Pool,
    buf_id: usize,
}

impl Drop for VictimPin<'_> {
    fn drop(&mut self) {
        unpin_shared(self.pool, self.buf_id);
    }
}

/// Reads the block into a pinned, not yet valid buffer. Returns true when
/// another process read it meanwhile.
fn complete_read(
    pool: &Pool,
    buf_id: usize,
    smgr: SmgrRelation,
    tag: &BufferTag,
    mode: ReadBufferMode,
) -> PgResult<bool> {
    let desc = &pool.descs[buf_id];
    let Some(io) = start_buffer_io(desc, true) else {
        return Ok(true); // someone else read it meanwhile
    };
    // SAFETY: pinned, not valid and with our I/O in progress: no other
    // process reads or writes the page until BM_VALID is set (they wait on
    // the I/O lock).
    let page = Page::from_bytes_mut(unsafe { &mut *pool.page_ptr(buf_id).cast::<[u8; BLCKSZ]>() });
    smgr.read(tag.fork, tag.blkno, page.bytes_mut(), false)?;
    instrument::count(|u| u.shared_blks_read += 1);
    verify_or_zero(page, tag, smgr.backend, mode)?;
    io.finish(false, BM_VALID);
    Ok(false)
}

/// `RBM_ZERO_AND_LOCK` on a pinned buffer: zero-fills the page and returns
/// it locked exclusively. When the buffer is not valid yet, the content
/// lock is taken *before* BM_VALID is set, so that no other process can
/// see the zeroed page before our caller has initialised it (another
/// process that finds the buffer waits for the I/O, then for the lock).
fn zero_and_lock(pool: &Pool, pin: PinnedBuffer, valid: bool) -> PageWriteGuard<'static> {
    let buf_id = pin.buf as usize - 1;
    let desc = &pool.descs[buf_id];
    if !valid {
        if let Some(io) = start_buffer_io(desc, true) {
            // SAFETY: as in `complete_read`: pinned, not valid, our I/O.
            unsafe { std::ptr::write_bytes(pool.page_ptr(buf_id), 0, BLCKSZ) };
            let lock = pin.take_lock(true);
            io.finish(false, BM_VALID);
            return PageWriteGuard { lock, pin: PinRef::Owned(pin) };
        }
    }
    let mut g = pin.into_write_guard();
    g.bytes_mut().fill(0);
    g
}

/// `PageIsVerifiedExtended` on a page just read, with PostgreSQL's
/// reactions: an error, or a WARNING and zeros.
pub(crate) fn verify_or_zero(
    page: &mut Page,
    tag: &BufferTag,
    backend: Option<i32>,
    mode: ReadBufferMode,
) -> PgResult<()> {
    if page_verify(page, tag.blkno, checksums_enabled()).is_ok() {
        return Ok(());
    }
    let path = tag.rnode.path(backend, tag.fork);
    if mode == ReadBufferMode::ZeroOnError || vars::ZERO_DAMAGED_PAGES.get() {
        let w = PgError::notice(
            Severity::Warning,
            SqlState::DATA_CORRUPTED,
            format!("invalid page in block {} of relation {path}; zeroing out page", tag.blkno),
        );
        tracing::warn!("{}", w.message);
        page.bytes_mut().fill(0);
        return Ok(());
    }
    Err(PgError::new(SqlState::DATA_CORRUPTED, format!("invalid page in block {} of relation {path}", tag.blkno)))
}

/// `ReadBufferExtended`: the block `blkno` of `fork` of `rel`, pinned.
/// Reads it from disk if the pool does not have it. A temporary relation's
/// block goes to the local buffers. `strategy` makes a large scan reuse its
/// ring.
pub fn read_buffer(
    rel: &StorageRel,
    fork: ForkNumber,
    blkno: BlockNumber,
    mode: ReadBufferMode,
    strategy: Option<&mut BufferAccessStrategy>,
) -> PgResult<PinnedBuffer> {
    if rel.is_local() {
        return localbuf::read_buffer(rel.smgr(), fork, blkno, mode, false);
    }
    read_shared(rel.smgr(), rel.persistence == Persistence::Permanent, fork, blkno, mode, strategy)
}

/// `ReadBufferWithoutRelcache`: for redo and other code without a relcache
/// entry (a permanent relation's block).
pub fn read_buffer_without_relcache(
    rnode: RelFileNode,
    fork: ForkNumber,
    blkno: BlockNumber,
    mode: ReadBufferMode,
) -> PgResult<PinnedBuffer> {
    read_shared(smgr_open(rnode, None), true, fork, blkno, mode, None)
}

/// `RBM_ZERO_AND_LOCK`: the buffer for an existing block, zero-filled
/// without reading and locked exclusively (redo of a record that
/// initialises the page).
pub fn read_buffer_zero_and_lock(
    smgr: SmgrRelation,
    permanent: bool,
    fork: ForkNumber,
    blkno: BlockNumber,
) -> PgResult<PageWriteGuard<'static>> {
    if smgr.is_temp() {
        let pin = localbuf::read_buffer(smgr, fork, blkno, ReadBufferMode::Normal, true)?;
        return Ok(pin.into_write_guard());
    }
    let pool = pool()?;
    let tag = BufferTag { rnode: smgr.rnode, fork, blkno };
    let (buf_id, valid) = buffer_alloc(pool, &tag, permanent, None)?;
    let pin = PinnedBuffer::new(buf_id as Buffer + 1);
    if valid {
        instrument::count(|u| u.shared_blks_hit += 1);
    }
    Ok(zero_and_lock(pool, pin, valid))
}

fn read_shared(
    smgr: SmgrRelation,
    permanent: bool,
    fork: ForkNumber,
    blkno: BlockNumber,
    mode: ReadBufferMode,
    strategy: Option<&mut BufferAccessStrategy>,
) -> PgResult<PinnedBuffer> {
    let pool = pool()?;
    let tag = BufferTag { rnode: smgr.rnode, fork, blkno };
    let (buf_id, valid) = buffer_alloc(pool, &tag, permanent, strategy)?;
    // From here the pin is owned by `pin`: an error below releases it.
    let pin = PinnedBuffer::new(buf_id as Buffer + 1);
    if valid || complete_read(pool, buf_id, smgr, &tag, mode)? {
        instrument::count(|u| u.shared_blks_hit += 1);
    }
    Ok(pin)
}

/// `ReadBuffer(P_NEW)` under the relation extension lock: appends a zeroed
/// block to the fork and returns it pinned and locked exclusively (one
/// extender at a time per relation, so block numbers are never handed out
/// twice). The page is all zeros (`PageIsNew`); the caller initialises it,
/// marks it dirty and WAL-logs as its access method requires.
pub fn extend_relation(
    rel: &StorageRel,
    fork: ForkNumber,
    strategy: Option<&mut BufferAccessStrategy>,
) -> PgResult<PageWriteGuard<'static>> {
    let smgr = rel.smgr();
    if rel.is_local() {
        let blkno = smgr.nblocks(fork)?;
        let pin = localbuf::extend(smgr, fork, blkno)?;
        return Ok(pin.into_write_guard());
    }
    let pool = pool()?;
    let _ext = RelationExtensionLock::acquire(rel.relid)?;
    let blkno = smgr.nblocks(fork)?;
    if blkno == pg_wal::block::INVALID_BLOCK_NUMBER {
        return Err(PgError::new(
            SqlState::PROGRAM_LIMIT_EXCEEDED,
            format!("cannot extend relation {} beyond {} blocks", rel.path(fork), crate::md::MAX_BLOCK_NUMBER),
        ));
    }
    let tag = BufferTag { rnode: rel.rnode, fork, blkno };
    let (buf_id, valid) = buffer_alloc(pool, &tag, rel.persistence == Persistence::Permanent, strategy)?;
    let pin = PinnedBuffer::new(buf_id as Buffer + 1);
    let guard = if valid {
        // A buffer for a block past the end of the file: one left by a
        // failed extension is harmless if empty (PostgreSQL's check).
        let g = pin.into_write_guard();
        if !g.is_new() {
            return Err(PgError::new(
                SqlState::INTERNAL_ERROR,
                format!("unexpected data beyond EOF in block {blkno} of relation {}", rel.path(fork)),
            )
            .with_hint("This has been seen to occur with buggy kernels; consider updating your system."));
        }
        g
    } else {
        // Locked before it becomes valid: see `zero_and_lock`.
        zero_and_lock(pool, pin, false)
    };
    // Reserve the block on disk (so nblocks moves on) with a zero page;
    // whoever finds the block from now on waits for our lock.
    let zeros = Box::new([0u8; BLCKSZ]);
    smgr.extend(fork, blkno, &zeros, false)?;
    Ok(guard)
}

/// The heavyweight relation extension lock (`LockRelationForExtension`,
/// ExclusiveLock), released when dropped. In a process without the lock
/// table (bootstrap) it records nothing, and one process extends anyway.
struct RelationExtensionLock {
    relid: Oid,
}

impl RelationExtensionLock {
    fn acquire(relid: Oid) -> PgResult<RelationExtensionLock> {
        lock::lock_relation_for_extension(relid, lock::LockMode::Exclusive)?;
        Ok(RelationExtensionLock { relid })
    }
}

impl Drop for RelationExtensionLock {
    fn drop(&mut self) {
        lock::unlock_relation_for_extension(self.relid, lock::LockMode::Exclusive);
    }
}

// ---- whole-relation operations --------------------------------------------

/// Invalidates one buffer whose header lock is held with `state`
/// (`InvalidateBuffer`): waits for other pins to go, then removes its
/// mapping (nothing to do if the tag changed meanwhile).
fn invalidate_buffer(pool: &Pool, desc: &BufferDesc, tag: BufferTag, state: u32) -> PgResult<()> {
    desc.unlock_hdr(state);
    let hash = tag.hash();
    loop {
        let part = pool.partition_lock(hash).acquire_exclusive();
        let state = desc.lock_hdr();
        if state & BM_TAG_VALID == 0 || desc.tag() != tag {
            desc.unlock_hdr(state);
            return Ok(());
        }
        if refcount(state) != 0 {
            desc.unlock_hdr(state);
            drop(part);
            if private_refcount(desc.buf_id.load(Ordering::Relaxed) as usize) > 0 {
                return Err(PgError::internal("buffer is pinned in InvalidateBuffer"));
            }
            // Someone is reading or writing it: wait for that I/O.
            drop(desc.io_lock.acquire_shared());
            pg_error::check_for_interrupts()?;
            std::thread::sleep(std::time::Duration::from_millis(1));
            continue;
        }
        let cleared = state
            & !(BM_VALID
                | BM_TAG_VALID
                | BM_DIRTY
                | BM_JUST_DIRTIED
                | BM_CHECKPOINT_NEEDED
                | BM_IO_ERROR
                | BM_PERMANENT
                | BUF_USAGECOUNT_MASK);
        desc.set_tag(&BufferTag { rnode: RelFileNode::default(), fork: ForkNumber::Main, blkno: 0 });
        desc.unlock_hdr(cleared);
        pool.table.delete(&tag, hash);
        return Ok(());
    }
}

/// Drops (without writing) every buffer that `matches` (`DropRelFileNodeBuffers`
/// and friends). The caller holds a lock that keeps others from using them.
fn drop_buffers_where(matches: impl Fn(&BufferTag) -> bool) -> PgResult<()> {
    let Ok(pool) = pool() else { return Ok(()) };
    for desc in pool.descs {
        // Unlocked pre-check, as PostgreSQL does: a buffer that does not
        // match now cannot start to match (no one loads a dropped block).
        if desc.state.load(Ordering::Relaxed) & BM_TAG_VALID == 0 || !matches(&desc.tag()) {
            continue;
        }
        let state = desc.lock_hdr();
        let tag = desc.tag();
        if state & BM_TAG_VALID != 0 && matches(&tag) {
            invalidate_buffer(pool, desc, tag, state)?;
        } else {
            desc.unlock_hdr(state);
        }
    }
    Ok(())
}

/// `DropRelFileNodeBuffers`: forgets the buffers of `fork` of `smgr` from
/// block `first_del_block` on, without writing them (before a truncation).
pub fn drop_relation_buffers(smgr: &SmgrRelation, fork: ForkNumber, first_del_block: BlockNumber) -> PgResult<()> {
    if smgr.is_temp() {
        localbuf::drop_relation_buffers(&smgr.rnode, Some(fork), first_del_block);
        return Ok(());
    }
    let rnode = smgr.rnode;
    drop_buffers_where(|t| t.rnode == rnode && t.fork == fork && t.blkno >= first_del_block)
}

/// `DropRelFileNodesAllBuffers`: forgets every buffer of every fork of the
/// relation (before its files are unlinked).
pub fn drop_relation_all_buffers(smgr: &SmgrRelation) -> PgResult<()> {
    if smgr.is_temp() {
        localbuf::drop_relation_buffers(&smgr.rnode, None, 0);
        return Ok(());
    }
    let rnode = smgr.rnode;
    drop_buffers_where(|t| t.rnode == rnode)
}

/// `DropDatabaseBuffers`: forgets every buffer of database `db` (DROP
/// DATABASE, after no one can connect to it).
pub fn drop_database_buffers(db: Oid) -> PgResult<()> {
    drop_buffers_where(|t| t.rnode.db == db)
}

/// Writes every dirty buffer that `matches` (pin, share-lock, flush).
fn flush_buffers_where(matches: impl Fn(&BufferTag) -> bool, only_flagged: bool) -> PgResult<usize> {
    let Ok(pool) = pool() else { return Ok(0) };
    let mut written = 0;
    for (i, desc) in pool.descs.iter().enumerate() {
        let peek = desc.state.load(Ordering::Relaxed);
        let wanted = if only_flagged { BM_CHECKPOINT_NEEDED } else { BM_DIRTY | BM_VALID };
        if peek & wanted != wanted {
            continue;
        }
        if i % 64 == 0 {
            pg_error::check_for_interrupts()?;
        }
        let state = desc.lock_hdr();
        if state & wanted != wanted || !matches(&desc.tag()) {
            desc.unlock_hdr(state);
            continue;
        }
        pin_shared_locked(pool, desc, state);
        let pin = PinnedBuffer { buf: i as Buffer + 1, resource: None, _not_send: PhantomData };
        let result = {
            let _content = desc.content_lock.acquire_shared();
            flush_buffer(pool, desc)
        };
        drop(pin);
        if result? {
            written += 1;
        }
    }
    Ok(written)
}

/// `FlushRelationBuffers`: writes the relation's dirty buffers (before its
/// files are copied or synced directly).
pub fn flush_relation_buffers(rel: &StorageRel) -> PgResult<()> {
    if rel.is_local() {
        return localbuf::flush_relation_buffers(rel.smgr());
    }
    let rnode = rel.rnode;
    flush_buffers_where(|t| t.rnode == rnode, false).map(|_| ())
}

/// `FlushDatabaseBuffers`: writes every dirty buffer of database `db`
/// (CREATE DATABASE copying a template).
pub fn flush_database_buffers(db: Oid) -> PgResult<()> {
    flush_buffers_where(|t| t.rnode.db == db, false).map(|_| ())
}

/// What a checkpoint's buffer pass did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CheckpointBufferStats {
    /// Buffers that were dirty when the checkpoint started.
    pub to_write: usize,
    /// Buffers this pass wrote (others were written by someone else first).
    pub written: usize,
}

/// `BufferSync` (`CheckPointBuffers`): writes every buffer that is dirty
/// now (permanent ones; unlogged ones too at a shutdown or end-of-recovery
/// checkpoint). Buffers dirtied after the start are left for the next
/// checkpoint. Run by the checkpoint before `smgr_sync_all_pending`.
pub fn checkpoint_buffers(is_shutdown: bool) -> PgResult<CheckpointBufferStats> {
    let Ok(pool) = pool() else { return Ok(CheckpointBufferStats::default()) };
    let mask = if is_shutdown { BM_DIRTY } else { BM_DIRTY | BM_PERMANENT };
    let mut to_write = 0;
    for desc in pool.descs {
        let state = desc.lock_hdr();
        if state & mask == mask {
            desc.unlock_hdr(state | BM_CHECKPOINT_NEEDED);
            to_write += 1;
        } else {
            desc.unlock_hdr(state);
        }
    }
    let written = flush_buffers_where(|_| true, true)?;
    Ok(CheckpointBufferStats { to_write, written })
}

/// What one background writer round did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BgWriterStats {
    /// Buffers written.
    pub written: usize,
    /// Whether the round found nothing to do (the caller may hibernate).
    pub idle: bool,
}

/// `BgBufferSync`: one round of the background writer. Looks ahead of the
/// clock hand for about as many buffers as were allocated since the last
/// round (times `bgwriter_lru_multiplier`) and writes the dirty ones that
/// the sweep would evict next (unpinned, usage count 0), at most
/// `bgwriter_lru_maxpages`, so backends find clean victims.
pub fn bgwriter_main_iteration() -> PgResult<BgWriterStats> {
    let Ok(pool) = pool() else { return Ok(BgWriterStats { written: 0, idle: true }) };
    let (hand, _passes, allocs) = freelist::strategy_sync_start(pool);
    let max_pages = vars::BGWRITER_LRU_MAXPAGES.get().max(0) as usize;
    let multiplier = vars::BGWRITER_LRU_MULTIPLIER.get().max(0.0);
    let wanted = ((allocs as f64 * multiplier).ceil() as usize).clamp(16, pool.nbuffers);
    let mut written = 0;
    for k in 0..wanted {
        if written >= max_pages {
            break;
        }
        let i = (hand + k) % pool.nbuffers;
        let desc = &pool.descs[i];
        let peek = desc.state.load(Ordering::Relaxed);
        if refcount(peek) != 0 || usage_count(peek) != 0 || peek & (BM_DIRTY | BM_VALID) != (BM_DIRTY | BM_VALID) {
            continue;
        }
        let state = desc.lock_hdr();
        if refcount(state) != 0 || usage_count(state) != 0 || state & (BM_DIRTY | BM_VALID) != (BM_DIRTY | BM_VALID) {
            desc.unlock_hdr(state);
            continue;
        }
        pin_shared_locked(pool, desc, state);
        let pin = PinnedBuffer { buf: i as Buffer + 1, resource: None, _not_send: PhantomData };
        let result = match desc.content_lock.try_acquire_shared() {
            Some(_content) => flush_buffer(pool, desc),
            None => Ok(false),
        };
        drop(pin);
        if result? {
            written += 1;
        }
    }
    Ok(BgWriterStats { written, idle: allocs == 0 && written == 0 })
}

/// A snapshot of one buffer's state, for tests and diagnostics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BufferInfo {
    /// The block, if the buffer holds one.
    pub tag: Option<BufferTag>,
    /// Shared pins.
    pub refcount: u32,
    /// Clock-sweep usage count.
    pub usage_count: u32,
    /// Dirty.
    pub dirty: bool,
    /// Valid.
    pub valid: bool,
}

/// The state of every shared buffer (what `pg_buffercache` would show).
pub fn buffer_infos() -> Vec<BufferInfo> {
    let Ok(pool) = pool() else { return Vec::new() };
    pool.descs
        .iter()
        .map(|d| {
            let s = d.lock_hdr();
            let tag = (s & BM_TAG_VALID != 0).then(|| d.tag());
            d.unlock_hdr(s);
            BufferInfo {
                tag,
                refcount: refcount(s),
                usage_count: usage_count(s),
                dirty: s & BM_DIRTY != 0,
                valid: s & BM_VALID != 0,
            }
        })
        .collect()
}

/// `AtProcExit_Buffers`: gives back every shared pin this process still
/// holds (a value that was never dropped: the process is exiting without
/// unwinding), so that the buffers do not stay pinned for the life of the
/// server. Call once, just before the process gives up its PGPROC.
/// Returns how many buffers were still pinned.
pub fn at_proc_exit_buffers() -> usize {
    let Ok(pool) = pool() else { return 0 };
    let leaked: Vec<usize> = PRIVATE_REFCOUNT.with(|r| {
        let mut r = r.borrow_mut();
        let ids = r.iter().enumerate().filter(|(_, &n)| n > 0).map(|(i, _)| i).collect();
        r.iter_mut().for_each(|n| *n = 0);
        ids
    });
    for &buf_id in &leaked {
        pool.descs[buf_id].unpin();
    }
    leaked.len()
}

/// How many pins this process holds (shared and local): a leak check for
/// the end of a transaction and for tests (`CheckForBufferLeaks`).
pub fn pins_held() -> usize {
    let shared: u32 = PRIVATE_REFCOUNT.with(|r| r.borrow().iter().sum());
    shared as usize + localbuf::pins_held()
}
