//! Local buffers for temporary relations (PostgreSQL's
//! `storage/buffer/localbuf.c`).
//!
//! A temporary relation is seen by one backend only, so its pages need no
//! shared memory, no locks and no WAL: up to `temp_buffers` pages in this
//! process's memory, found through a private hash table, replaced by a
//! private clock sweep, written to the relation's `t<backend>_<rel>` files
//! when evicted (never fsynced: a crash drops temporary relations anyway).
//!
//! Buffer numbers are negative (`-1` is local buffer 0), so a
//! [`super::PinnedBuffer`] names either kind. The content "locks" here are
//! only a per-buffer state that keeps this process from handing out two
//! conflicting page references at once: asking for an exclusive lock on a
//! local buffer that this process already has locked is a bug in the caller
//! (it would deadlock on a shared buffer) and panics.
#![allow(unsafe_code)]

use std::cell::RefCell;
use std::collections::HashMap;

use pg_error::{PgError, PgResult, SqlState};
use pg_guc::vars;
use pg_wal::block::{BlockNumber, ForkNumber, RelFileNode, BLCKSZ};

use super::{verify_or_zero, BufferTag, PinnedBuffer, ReadBufferMode, BM_MAX_USAGE_COUNT};
use crate::instrument;
use crate::page::Page;
use crate::smgr::{smgr_open, SmgrRelation};

struct LocalBuf {
    tag: Option<BufferTag>,
    backend: Option<i32>,
    /// The page, allocated once and never freed or moved (local buffers
    /// last as long as the process, as in PostgreSQL): guards hold raw
    /// pointers to it, so no Rust reference to it is kept here.
    page: *mut [u8; BLCKSZ],
    refcount: u32,
    usage: u32,
    dirty: bool,
    valid: bool,
    /// 0 unlocked, n > 0 shared by n guards, -1 exclusive.
    locked: i32,
}

#[derive(Default)]
struct LocalPool {
    bufs: Vec<LocalBuf>,
    map: HashMap<BufferTag, usize>,
    next_victim: usize,
}

thread_local! {
    /// This process's local buffers (`LocalBufferDescriptors`).
    static LOCAL: RefCell<LocalPool> = RefCell::new(LocalPool::default());
}

fn with<R>(f: impl FnOnce(&mut LocalPool) -> R) -> R {
    LOCAL.with(|l| f(&mut l.borrow_mut()))
}

fn buffer_of(idx: usize) -> i32 {
    -(idx as i32) - 1
}

pub(super) fn tag(idx: usize) -> BufferTag {
    with(|p| p.bufs[idx].tag.expect("a pinned local buffer has a tag"))
}

pub(super) fn page_ptr(idx: usize) -> *mut u8 {
    with(|p| p.bufs[idx].page.cast::<u8>())
}

pub(super) fn refcount(idx: usize) -> u32 {
    with(|p| p.bufs[idx].refcount)
}

pub(super) fn pin_again(idx: usize) {
    with(|p| p.bufs[idx].refcount += 1);
}

pub(super) fn unpin(idx: usize) {
    with(|p| {
        let b = &mut p.bufs[idx];
        debug_assert!(b.refcount > 0, "unpin of an unpinned local buffer");
        b.refcount -= 1;
    });
}

pub(super) fn mark_dirty(idx: usize) {
    with(|p| {
        let b = &mut p.bufs[idx];
        if !b.dirty {
            b.dirty = true;
            instrument::count(|u| u.local_blks_dirtied += 1);
        }
    });
}

/// A local buffer's content "lock": released when dropped.
pub(crate) struct LocalLock {
    idx: usize,
    exclusive: bool,
}

impl Drop for LocalLock {
    fn drop(&mut self) {
        with(|p| {
            let b = &mut p.bufs[self.idx];
            if self.exclusive {
                b.locked = 0;
            } else {
                b.locked -= 1;
            }
        });
    }
}

pub(super) fn lock(idx: usize, exclusive: bool) -> LocalLock {
    try_lock(idx, exclusive)
        .unwrap_or_else(|| panic!("local buffer {} is already locked by this process", buffer_of(idx)))
}

fn try_lock(idx: usize, exclusive: bool) -> Option<LocalLock> {
    with(|p| {
        let b = &mut p.bufs[idx];
        if exclusive {
            if b.locked != 0 {
                return None;
            }
            b.locked = -1;
        } else {
            if b.locked < 0 {
                return None;
            }
            b.locked += 1;
        }
        Some(LocalLock { idx, exclusive })
    })
}

pub(super) fn try_lock_exclusive(idx: usize) -> Option<LocalLock> {
    try_lock(idx, true)
}

/// How many local pins this process holds.
pub(super) fn pins_held() -> usize {
    with(|p| p.bufs.iter().map(|b| b.refcount as usize).sum())
}

/// Writes a dirty local buffer to its file.
fn write_local(b: &mut LocalBuf) -> PgResult<()> {
    let tag = b.tag.expect("a dirty local buffer has a tag");
    if b.locked < 0 {
        return Err(PgError::internal(format!(
            "local buffer for block {} is locked exclusively during its write",
            tag.blkno
        )));
    }
    // SAFETY: the page was allocated by `local_alloc` and is never freed; it
    // is not locked exclusively (checked above), so no `&mut Page` exists,
    // and this process is the only one that can see it.
    let page = unsafe { &*b.page };
    smgr_open(tag.rnode, b.backend).write(tag.fork, tag.blkno, page, true)?;
    b.dirty = false;
    instrument::count(|u| u.local_blks_written += 1);
    Ok(())
}

/// `LocalBufferAlloc`: the index of a buffer for `tag`, pinned, and whether
/// it holds valid contents.
fn local_alloc(smgr: SmgrRelation, tag: BufferTag) -> PgResult<(usize, bool)> {
    with(|p| {
        if let Some(&idx) = p.map.get(&tag) {
            let b = &mut p.bufs[idx];
            b.refcount += 1;
            if b.usage < BM_MAX_USAGE_COUNT {
                b.usage += 1;
            }
            return Ok((idx, b.valid));
        }
        let limit = (vars::TEMP_BUFFERS.get().max(100)) as usize;
        let idx = if p.bufs.len() < limit {
            p.bufs.push(LocalBuf {
                tag: None,
                backend: None,
                page: Box::into_raw(Box::new([0; BLCKSZ])),
                refcount: 0,
                usage: 0,
                dirty: false,
                valid: false,
                locked: 0,
            });
            p.bufs.len() - 1
        } else {
            // The clock sweep over this process's buffers.
            let n = p.bufs.len();
            let mut tries = n;
            loop {
                let i = p.next_victim;
                p.next_victim = (p.next_victim + 1) % n;
                let b = &mut p.bufs[i];
                if b.refcount == 0 {
                    if b.usage > 0 {
                        b.usage -= 1;
                        tries = n;
                    } else {
                        break i;
                    }
                } else {
                    tries -= 1;
                    if tries == 0 {
                        return Err(PgError::new(SqlState::INSUFFICIENT_RESOURCES, "no empty local buffer available"));
                    }
                }
            }
        };
        let b = &mut p.bufs[idx];
        if b.dirty {
            write_local(b)?;
        }
        if let Some(old) = b.tag.take() {
            p.map.remove(&old);
        }
        let b = &mut p.bufs[idx];
        b.tag = Some(tag);
        b.backend = smgr.backend;
        b.valid = false;
        b.refcount = 1;
        b.usage = 1;
        p.map.insert(tag, idx);
        Ok((idx, false))
    })
}

/// `ReadBuffer` of a temporary relation's block (`zero`: do not read, the
/// caller initialises it).
pub(super) fn read_buffer(
    smgr: SmgrRelation,
    fork: ForkNumber,
    blkno: BlockNumber,
    mode: ReadBufferMode,
    zero: bool,
) -> PgResult<PinnedBuffer> {
    let tag = BufferTag { rnode: smgr.rnode, fork, blkno };
    let (idx, valid) = local_alloc(smgr, tag)?;
    let pin = PinnedBuffer::new(buffer_of(idx));
    if valid && !zero {
        instrument::count(|u| u.local_blks_hit += 1);
        return Ok(pin);
    }
    with(|p| -> PgResult<()> {
        let b = &mut p.bufs[idx];
        if b.locked != 0 {
            return Err(PgError::internal(format!("local buffer for block {blkno} is locked while it is read")));
        }
        // SAFETY: the page was allocated by `local_alloc` and is never freed;
        // no guard holds it (not locked, checked above), and only this
        // process can see it.
        let page = unsafe { &mut *b.page };
        if zero {
            page.fill(0);
        } else {
            smgr.read(fork, blkno, page, false)?;
            instrument::count(|u| u.local_blks_read += 1);
            verify_or_zero(Page::from_bytes_mut(page), &tag, smgr.backend, mode)?;
        }
        b.valid = true;
        Ok(())
    })?;
    Ok(pin)
}

/// Extends a temporary relation by block `blkno` (its current length).
pub(super) fn extend(smgr: SmgrRelation, fork: ForkNumber, blkno: BlockNumber) -> PgResult<PinnedBuffer> {
    let zeros = Box::new([0u8; BLCKSZ]);
    smgr.extend(fork, blkno, &zeros, true)?;
    read_buffer(smgr, fork, blkno, ReadBufferMode::Normal, true)
}

/// `DropRelFileNodeLocalBuffers`: forgets the relation's buffers (one fork
/// from `first_del_block` on, or every fork).
pub(super) fn drop_relation_buffers(rnode: &RelFileNode, fork: Option<ForkNumber>, first_del_block: BlockNumber) {
    with(|p| {
        let LocalPool { bufs, map, .. } = p;
        for b in bufs.iter_mut() {
            let Some(t) = b.tag else { continue };
            if t.rnode == *rnode && fork.is_none_or(|f| f == t.fork && t.blkno >= first_del_block) {
                map.remove(&t);
                b.tag = None;
                b.valid = false;
                b.dirty = false;
                b.usage = 0;
            }
        }
    });
}

/// Writes the relation's dirty local buffers.
pub(super) fn flush_relation_buffers(smgr: SmgrRelation) -> PgResult<()> {
    with(|p| {
        for b in p.bufs.iter_mut() {
            if b.dirty && b.tag.is_some_and(|t| t.rnode == smgr.rnode) {
                write_local(b)?;
            }
        }
        Ok(())
    })
}

/// How many local buffers this process has allocated so far.
pub fn local_buffer_count() -> usize {
    with(|p| p.bufs.len())
}
