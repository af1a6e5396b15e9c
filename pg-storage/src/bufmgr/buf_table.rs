//! The buffer mapping table (PostgreSQL's `storage/buffer/buf_table.c`):
//! which buffer holds which block, in shared memory.
//!
//! A chained hash table of fixed size: `buckets` hold the index of their
//! first entry, entries link to the next. The table is split into
//! `NUM_BUFFER_PARTITIONS` partitions by the low bits of the tag's hash;
//! bucket `b` belongs to partition `b % NUM_BUFFER_PARTITIONS` (the bucket
//! count is a power of two and a multiple of it, so a tag's bucket and
//! partition come from the same hash bits). Each partition has an LWLock,
//! which the *caller* holds: shared to look up, exclusive to insert or
//! delete, and across the lookup and the pin that follows, so a buffer
//! found cannot be replaced before it is pinned.
//!
//! Entries not in use sit on a free list under a spinlock. There are
//! `NBuffers + NUM_BUFFER_PARTITIONS` of them: every valid buffer has one,
//! and a replacement inserts the new tag before deleting the old one while
//! it holds the new tag's partition lock exclusively, so at most one extra
//! per partition is ever in use.
#![allow(unsafe_code)]

use std::sync::atomic::{AtomicI32, AtomicU32, Ordering};

use pg_error::{PgError, PgResult, SqlState};
use pg_shmem::{ShmemSafe, SpinLocked};

use super::desc::BufferTag;

/// How many partitions (and partition LWLocks) the table has
/// (`NUM_BUFFER_PARTITIONS`).
pub const NUM_BUFFER_PARTITIONS: usize = 128;

const NIL: u32 = u32::MAX;

/// One entry (`BufferLookupEnt`). Fields are atomics so that shared
/// references suffice; the partition lock (or, on the free list, the
/// free-list spinlock) orders every access.
#[repr(C)]
pub(crate) struct BufTableEnt {
    tag: [AtomicU32; 5],
    buf_id: AtomicI32,
    next: AtomicU32,
}

// SAFETY: repr(C) of atomics; zeros are overwritten by `init` before use.
unsafe impl ShmemSafe for BufTableEnt {}

/// The free list head (index of the first free entry, NIL when empty).
#[repr(C)]
pub(crate) struct FreeList {
    head: u32,
}

// SAFETY: repr(C) of one u32; set by `init` before use.
unsafe impl ShmemSafe for FreeList {}

/// The table's parts in shared memory.
#[derive(Clone, Copy)]
pub(crate) struct BufTable {
    pub buckets: &'static [AtomicU32],
    pub entries: &'static [BufTableEnt],
    pub free: &'static SpinLocked<FreeList>,
}

/// Bucket count for `nbuffers`: a power of two, at least twice the entries
/// (short chains), and a multiple of the partition count.
pub(crate) fn bucket_count(nbuffers: usize) -> usize {
    ((nbuffers + NUM_BUFFER_PARTITIONS) * 2).next_power_of_two().max(NUM_BUFFER_PARTITIONS)
}

/// How many entries the table has.
pub(crate) fn entry_count(nbuffers: usize) -> usize {
    nbuffers + NUM_BUFFER_PARTITIONS
}

/// The partition of a hash (`BufTableHashPartition`).
pub(crate) fn partition_of(hash: u32) -> usize {
    hash as usize % NUM_BUFFER_PARTITIONS
}

impl BufTable {
    /// Sets up freshly zeroed memory: empty buckets, every entry free.
    pub fn init(&self) {
        for b in self.buckets {
            b.store(NIL, Ordering::Relaxed);
        }
        let n = self.entries.len();
        for (i, e) in self.entries.iter().enumerate() {
            e.next.store(if i + 1 < n { i as u32 + 1 } else { NIL }, Ordering::Relaxed);
        }
        self.free.lock().head = if n > 0 { 0 } else { NIL };
    }

    fn bucket(&self, hash: u32) -> &AtomicU32 {
        &self.buckets[hash as usize & (self.buckets.len() - 1)]
    }

    fn entry_tag(&self, i: u32) -> BufferTag {
        let e = &self.entries[i as usize];
        BufferTag::from_words(std::array::from_fn(|k| e.tag[k].load(Ordering::Relaxed)))
    }

    /// `BufTableLookup`: the buffer holding `tag`. The caller holds the
    /// partition lock of `hash` (either mode).
    pub fn lookup(&self, tag: &BufferTag, hash: u32) -> Option<i32> {
        let mut i = self.bucket(hash).load(Ordering::Acquire);
        while i != NIL {
            if self.entry_tag(i) == *tag {
                return Some(self.entries[i as usize].buf_id.load(Ordering::Relaxed));
            }
            i = self.entries[i as usize].next.load(Ordering::Relaxed);
        }
        None
    }

    /// `BufTableInsert`: maps `tag` to `buf_id` unless it is mapped already,
    /// in which case the existing buffer is returned and nothing changes.
    /// The caller holds the partition lock exclusively.
    pub fn insert(&self, tag: &BufferTag, hash: u32, buf_id: i32) -> PgResult<Option<i32>> {
        if let Some(existing) = self.lookup(tag, hash) {
            return Ok(Some(existing));
        }
        let i = {
            let mut free = self.free.lock();
            let i = free.head;
            if i == NIL {
                return Err(PgError::new(SqlState::OUT_OF_MEMORY, "out of shared memory")
                    .with_hint("The buffer mapping table is full; this is a bug."));
            }
            free.head = self.entries[i as usize].next.load(Ordering::Relaxed);
            i
        };
        let e = &self.entries[i as usize];
        for (slot, w) in e.tag.iter().zip(tag.words()) {
            slot.store(w, Ordering::Relaxed);
        }
        e.buf_id.store(buf_id, Ordering::Relaxed);
        let bucket = self.bucket(hash);
        e.next.store(bucket.load(Ordering::Relaxed), Ordering::Relaxed);
        bucket.store(i, Ordering::Release);
        Ok(None)
    }

    /// `BufTableDelete`: unmaps `tag`. The caller holds the partition lock
    /// exclusively. Returns whether it was mapped.
    pub fn delete(&self, tag: &BufferTag, hash: u32) -> bool {
        let bucket = self.bucket(hash);
        let mut prev: Option<u32> = None;
        let mut i = bucket.load(Ordering::Relaxed);
        while i != NIL {
            let next = self.entries[i as usize].next.load(Ordering::Relaxed);
            if self.entry_tag(i) == *tag {
                match prev {
                    None => bucket.store(next, Ordering::Release),
                    Some(p) => self.entries[p as usize].next.store(next, Ordering::Release),
                }
                let mut free = self.free.lock();
                self.entries[i as usize].next.store(free.head, Ordering::Relaxed);
                free.head = i;
                return true;
            }
            prev = Some(i);
            i = next;
        }
        false
    }
}
