//! Buffer replacement (PostgreSQL's `storage/buffer/freelist.c`): the
//! clock sweep over all buffers, and buffer access strategies (rings).
//!
//! The clock hand is one shared 64-bit counter advanced with fetch-add, so
//! processes sweep without a lock; its quotient by `NBuffers` counts the
//! completed passes (which the background writer reads). A buffer is taken
//! when it is unpinned with usage count 0; passing an unpinned buffer
//! lowers its usage count by one, so a page used often survives several
//! passes. There is no separate free list: a never-used buffer has usage
//! count 0 and is taken on the first pass.
//!
//! A [`BufferAccessStrategy`] (a *ring*) keeps a large sequential scan,
//! a bulk load or VACUUM from flushing the whole pool: the operation
//! reuses its own few buffers (when no one else has pinned or used them
//! since) instead of taking new victims.
#![forbid(unsafe_code)]

use std::sync::atomic::{AtomicU64, Ordering};

use pg_error::{PgError, PgResult};

use super::desc::{refcount, usage_count, BufferDesc, BUF_USAGECOUNT_ONE};
use super::Pool;

/// The sweep's shared state (`BufferStrategyControl`). Lock-free.
#[repr(C)]
pub(crate) struct StrategyControl {
    /// Ticks of the clock hand so far; `% NBuffers` is the next victim.
    pub next_victim: AtomicU64,
    /// Buffer allocations since the last background writer round
    /// (`numBufferAllocs`).
    pub num_allocs: AtomicU64,
}

/// The kinds of ring (`BufferAccessStrategyType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StrategyKind {
    /// Large sequential scans (256 kB ring).
    BulkRead,
    /// COPY and CREATE TABLE AS loads (16 MB ring).
    BulkWrite,
    /// VACUUM (256 kB ring).
    Vacuum,
}

/// A ring of buffers one operation cycles through (`BufferAccessStrategy`,
/// from `GetAccessStrategy`). Private to the process that made it.
#[derive(Debug)]
pub struct BufferAccessStrategy {
    kind: StrategyKind,
    /// Buffer ids + 1 (0: slot not filled yet).
    ring: Vec<u32>,
    current: usize,
    /// Whether the buffer last handed out came from the ring (only those
    /// may be rejected).
    current_was_in_ring: bool,
}

impl BufferAccessStrategy {
    /// `GetAccessStrategy`: a ring of PostgreSQL's size for `kind`, at most
    /// an eighth of the pool.
    pub fn new(kind: StrategyKind) -> BufferAccessStrategy {
        let bytes = match kind {
            StrategyKind::BulkRead | StrategyKind::Vacuum => 256 * 1024,
            StrategyKind::BulkWrite => 16 * 1024 * 1024,
        };
        let nbuffers = super::pool().map(|p| p.nbuffers).unwrap_or(16);
        let size = (bytes / pg_wal::block::BLCKSZ).min(nbuffers / 8).max(1);
        BufferAccessStrategy { kind, ring: vec![0; size], current: 0, current_was_in_ring: false }
    }

    /// The kind of ring.
    pub fn kind(&self) -> StrategyKind {
        self.kind
    }

    /// How many buffers the ring holds.
    pub fn ring_size(&self) -> usize {
        self.ring.len()
    }

    /// `GetBufferFromRing`: the ring's next buffer if it can be reused now
    /// (unpinned, usage count at most 1: no one else touched it), returned
    /// with its header locked.
    fn get_from_ring(&mut self, pool: &Pool) -> Option<(&'static BufferDesc, u32)> {
        self.current = (self.current + 1) % self.ring.len();
        let b = self.ring[self.current];
        if b == 0 {
            self.current_was_in_ring = false;
            return None;
        }
        let desc = &pool.descs[b as usize - 1];
        let state = desc.lock_hdr();
        if refcount(state) == 0 && usage_count(state) <= 1 {
            self.current_was_in_ring = true;
            return Some((desc, state));
        }
        desc.unlock_hdr(state);
        self.current_was_in_ring = false;
        None
    }

    fn add_to_ring(&mut self, buf_id: usize) {
        self.ring[self.current] = buf_id as u32 + 1;
    }

    /// `StrategyRejectBuffer`: a bulk read that would have to flush WAL to
    /// reuse a dirty ring buffer takes a fresh one instead (and drops this
    /// one from the ring). Returns whether the buffer was rejected.
    pub(crate) fn reject(&mut self, buf_id: usize) -> bool {
        if self.kind != StrategyKind::BulkRead
            || !self.current_was_in_ring
            || self.ring[self.current] != buf_id as u32 + 1
        {
            return false;
        }
        self.ring[self.current] = 0;
        self.current_was_in_ring = false;
        true
    }
}

/// `StrategyGetBuffer`: a victim buffer, unpinned, returned with its header
/// lock held (the caller pins it before unlocking). Tries the ring first.
/// Errors when a whole sweep finds every buffer pinned.
pub(crate) fn strategy_get_buffer(
    pool: &Pool,
    strategy: Option<&mut BufferAccessStrategy>,
) -> PgResult<(&'static BufferDesc, u32)> {
    pool.strategy.num_allocs.fetch_add(1, Ordering::Relaxed);
    let mut strategy = strategy;
    if let Some(s) = strategy.as_deref_mut() {
        if let Some(found) = s.get_from_ring(pool) {
            return Ok(found);
        }
    }
    let n = pool.nbuffers;
    let mut tries = n;
    loop {
        let victim = (pool.strategy.next_victim.fetch_add(1, Ordering::Relaxed) % n as u64) as usize;
        let desc = &pool.descs[victim];
        // Skip pinned buffers without taking the header lock.
        let peek = desc.state.load(Ordering::Relaxed);
        if refcount(peek) == 0 {
            let state = desc.lock_hdr();
            if refcount(state) == 0 {
                if usage_count(state) > 0 {
                    desc.unlock_hdr(state - BUF_USAGECOUNT_ONE);
                    tries = n;
                    continue;
                }
                if let Some(s) = strategy.as_deref_mut() {
                    s.add_to_ring(victim);
                }
                return Ok((desc, state));
            }
            desc.unlock_hdr(state);
        }
        tries -= 1;
        if tries == 0 {
            return Err(PgError::internal("no unpinned buffers available"));
        }
    }
}

/// `StrategySyncStart`: where the clock hand is and how many buffers were
/// allocated since the last call (the background writer's pacing).
pub(crate) fn strategy_sync_start(pool: &Pool) -> (usize, u64, u64) {
    let ticks = pool.strategy.next_victim.load(Ordering::Relaxed);
    let allocs = pool.strategy.num_allocs.swap(0, Ordering::Relaxed);
    ((ticks % pool.nbuffers as u64) as usize, ticks / pool.nbuffers as u64, allocs)
}
