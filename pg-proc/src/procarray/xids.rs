//! The proc array's transaction side (PostgreSQL's `storage/ipc/procarray.c`:
//! `GetSnapshotData`, `TransactionIdIsInProgress`, `ProcArrayEndTransaction`,
//! `XidCacheRemoveRunningXids`, `GetOldestXmin`).
//!
//! Each PGPROC slot publishes its backend's top-level transaction id
//! (`PgProc::xid`, 0 = none), the oldest id its snapshots may still need
//! (`PgProc::xmin`), and, in the parallel array below, the ids of its
//! subtransactions (up to [`PGPROC_MAX_CACHED_SUBXIDS`], then `overflowed`).
//!
//! Why a snapshot is consistent (the argument of PostgreSQL's
//! procarray.c): an id is published in its PGPROC while `XidGenLock` is
//! held, before `nextXid` moves past it (`pg_wal::varsup`), so any id below
//! a later id's is already visible in the array. A transaction leaves the
//! array, and `latest_completed_xid` advances, only under `ProcArrayLock`
//! held exclusively; [`get_snapshot_data`] holds it shared and takes
//! `xmax = latest_completed_xid + 1`. Every id below `xmax` has therefore
//! either ended (and committed or aborted in the clog *before* leaving the
//! array) or is listed in `xip`.
//!
//! Concurrency: `xid` is set by its owner without `ProcArrayLock` (under
//! `XidGenLock`) and cleared only under `ProcArrayLock` exclusive; the
//! subxid cache likewise (an entry is written before the count that covers
//! it, with Release). `xmin` is set by the owner under the shared lock
//! while taking a snapshot, as PostgreSQL does.

use super::{slots, with_globals, PgProc};
use crate::snapshot::{subtrans_topmost, Snapshot, SnapshotKind};
use crate::xid::{CommandId, TransactionId, INVALID_TRANSACTION_ID};
use pg_error::{PgError, PgResult};
use pg_shmem::LWLock;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};

/// Subtransaction ids a PGPROC caches before it reports `overflowed`
/// (`PGPROC_MAX_CACHED_SUBXIDS`).
pub const PGPROC_MAX_CACHED_SUBXIDS: usize = 64;

/// The shared header of the transaction side of the proc array.
#[repr(C)]
struct ProcXidHeader {
    /// `ProcArrayLock`.
    proc_array_lock: LWLock,
    // Protected by ProcArrayLock (written with it held exclusively).
    /// The newest transaction id that has ended (`latestCompletedXid`).
    latest_completed_xid: AtomicU64,
    /// Number of slots in the array that follows.
    num_slots: AtomicU32,
}

// SAFETY: repr(C) of an LWLock and atomics; valid when zeroed.
unsafe impl pg_shmem::ShmemSafe for ProcXidHeader {}

/// One slot's subtransaction cache (`XidCache` and `subxidStatus`), indexed
/// like the PGPROC array.
#[repr(C)]
struct SubxidCache {
    /// Entries of `xids` in use.
    count: AtomicU32,
    /// More subtransactions than fit were assigned.
    overflowed: AtomicBool,
    xids: [AtomicU64; PGPROC_MAX_CACHED_SUBXIDS],
}

// SAFETY: repr(C) of atomics and an array of atomics; valid when zeroed.
unsafe impl pg_shmem::ShmemSafe for SubxidCache {}

#[derive(Clone, Copy)]
struct XidGlobals {
    header: *const ProcXidHeader,
    caches: *const SubxidCache,
    num_slots: usize,
}

thread_local! {
    static XID_GLOBALS: std::cell::Cell<Option<XidGlobals>> = const { std::cell::Cell::new(None) };
}

fn globals() -> Option<XidGlobals> {
    XID_GLOBALS.with(|g| g.get())
}

fn xid_header() -> PgResult<&'static ProcXidHeader> {
    let g = globals().ok_or_else(|| PgError::internal("proc array transaction state is not initialised"))?;
    // SAFETY: header points into the mapped segment, which stays mapped for
    // the life of the process (until the unsafe destroy of the segment).
    Ok(unsafe { &*g.header })
}

fn caches() -> &'static [SubxidCache] {
    match globals() {
        // SAFETY: caches points at num_slots zero-initialised SubxidCache
        // values inside the mapped segment.
        Some(g) => unsafe { std::slice::from_raw_parts(g.caches, g.num_slots) },
        None => &[],
    }
}

fn my_slot() -> Option<usize> {
    with_globals(|g| g.my_slot).flatten()
}

/// Shared memory for the transaction side of `n` proc slots.
pub fn proc_array_xids_shmem_size(n: usize) -> PgResult<usize> {
    pg_shmem::add_size(
        std::mem::size_of::<ProcXidHeader>().next_multiple_of(64),
        pg_shmem::mul_size(n, std::mem::size_of::<SubxidCache>())?,
    )
}

/// Creates (or attaches to) the transaction side of the proc array; `n`
/// is the number of PGPROC slots ([`super::init_proc_array`]'s).
pub fn init_proc_array_xids(n: usize) -> PgResult<()> {
    let size = proc_array_xids_shmem_size(n)?;
    let tranche = pg_shmem::lwlock_register_tranche("ProcArray");
    let (ptr, found) = pg_shmem::shmem_init_struct_with("Proc Array Xids", size, |p| {
        // SAFETY: the fresh allocation is zeroed and at least the header's
        // size; nobody else can see it until this closure returns.
        let h = unsafe { &*(p.as_ptr() as *const ProcXidHeader) };
        h.proc_array_lock.init(tranche);
        h.num_slots.store(n as u32, Ordering::SeqCst);
    })?;
    let header = ptr.as_ptr() as *const ProcXidHeader;
    // SAFETY: the caches start at the 64-byte aligned offset after the
    // header, inside the `size` bytes allocated above.
    let caches =
        unsafe { ptr.as_ptr().add(std::mem::size_of::<ProcXidHeader>().next_multiple_of(64)) } as *const SubxidCache;
    let _ = found;
    XID_GLOBALS.with(|c| c.set(Some(XidGlobals { header, caches, num_slots: n })));
    Ok(())
}

/// Sets `latestCompletedXid` (start-up: `nextXid - 1`, from pg-wal's
/// varsup once it knows nextXid).
pub fn set_latest_completed_xid(xid: TransactionId) -> PgResult<()> {
    let h = xid_header()?;
    let _lock = h.proc_array_lock.acquire_exclusive();
    h.latest_completed_xid.store(xid, Ordering::SeqCst);
    Ok(())
}

/// The newest transaction id that has ended (`latestCompletedXid`).
pub fn latest_completed_xid() -> PgResult<TransactionId> {
    Ok(xid_header()?.latest_completed_xid.load(Ordering::Acquire))
}

fn advance_latest_completed(h: &ProcXidHeader, xid: TransactionId) {
    if xid > h.latest_completed_xid.load(Ordering::Relaxed) {
        h.latest_completed_xid.store(xid, Ordering::SeqCst);
    }
}

/// Publishes a newly assigned transaction id in this process's PGPROC:
/// the top-level id, or one more subtransaction id in the cache. The
/// caller (`pg_wal::varsup::get_new_transaction_id`) holds `XidGenLock`,
/// which is what makes snapshots consistent (see the module doc). A
/// process without a PGPROC slot (initdb's single process) publishes
/// nothing: nobody else could look.
pub fn publish_xid(xid: TransactionId, is_subxact: bool) {
    let Some(i) = my_slot() else { return };
    if !is_subxact {
        if let Some(p) = slots().get(i) {
            p.xid.store(xid, Ordering::SeqCst);
        }
        return;
    }
    let Some(c) = caches().get(i) else { return };
    let n = c.count.load(Ordering::Relaxed) as usize;
    if n < PGPROC_MAX_CACHED_SUBXIDS {
        c.xids[n].store(xid, Ordering::Relaxed);
        c.count.store(n as u32 + 1, Ordering::Release);
    } else {
        c.overflowed.store(true, Ordering::Release);
    }
}

/// `ProcArrayEndTransaction`: the transaction (whose newest id, subxids
/// included, is `latest_xid`; INVALID when it had no id) leaves the proc
/// array. The caller has already recorded its fate in the clog, so a
/// snapshot that no longer lists it finds the outcome there.
pub fn proc_array_end_transaction(latest_xid: TransactionId) -> PgResult<()> {
    let Some(i) = my_slot() else {
        // No PGPROC (initdb): only the shared horizon moves.
        if latest_xid != INVALID_TRANSACTION_ID {
            let h = xid_header()?;
            let _lock = h.proc_array_lock.acquire_exclusive();
            advance_latest_completed(h, latest_xid);
        }
        return Ok(());
    };
    let p = &slots()[i];
    if latest_xid == INVALID_TRANSACTION_ID {
        // No xid: nobody can be waiting for us in a snapshot; the xmin is
        // ours alone to clear (PostgreSQL does this without the lock too).
        p.xmin.store(INVALID_TRANSACTION_ID, Ordering::SeqCst);
        return Ok(());
    }
    let h = xid_header()?;
    let _lock = h.proc_array_lock.acquire_exclusive();
    clear_slot(p, &caches()[i]);
    advance_latest_completed(h, latest_xid);
    Ok(())
}

/// Clears slot `i`'s transaction fields when a process claims it.
pub(super) fn reset_slot(i: usize) {
    if let (Some(p), Some(c)) = (slots().get(i), caches().get(i)) {
        clear_slot(p, c);
    } else if let Some(p) = slots().get(i) {
        p.xid.store(INVALID_TRANSACTION_ID, Ordering::SeqCst);
        p.xmin.store(INVALID_TRANSACTION_ID, Ordering::SeqCst);
    }
}

fn clear_slot(p: &PgProc, c: &SubxidCache) {
    p.xid.store(INVALID_TRANSACTION_ID, Ordering::SeqCst);
    p.xmin.store(INVALID_TRANSACTION_ID, Ordering::SeqCst);
    c.count.store(0, Ordering::SeqCst);
    c.overflowed.store(false, Ordering::SeqCst);
}

/// `XidCacheRemoveRunningXids`: a rolled-back subtransaction tree (`xids`,
/// whose newest is `latest_xid`) leaves this process's subxid cache. Its
/// aborts are already in the clog.
pub fn proc_array_remove_subxids(xids: &[TransactionId], latest_xid: TransactionId) -> PgResult<()> {
    let h = xid_header()?;
    let _lock = h.proc_array_lock.acquire_exclusive();
    if let Some(c) = my_slot().and_then(|i| caches().get(i)) {
        let mut n = c.count.load(Ordering::Relaxed) as usize;
        for &x in xids {
            if let Some(j) = (0..n).rev().find(|&j| c.xids[j].load(Ordering::Relaxed) == x) {
                // Move the last entry into the hole; order does not matter.
                c.xids[j].store(c.xids[n - 1].load(Ordering::Relaxed), Ordering::Relaxed);
                n -= 1;
            }
        }
        c.count.store(n as u32, Ordering::Release);
    }
    advance_latest_completed(h, latest_xid);
    Ok(())
}

/// `GetSnapshotData`: an MVCC snapshot of the transactions running now.
/// The first snapshot of a transaction also sets this process's `xmin`
/// (what `pg_stat_activity.backend_xmin` shows and what the oldest-xmin
/// horizon respects); [`reset_my_xmin`] clears it when no snapshot is left.
pub fn get_snapshot_data(curcid: CommandId) -> PgResult<Snapshot> {
    let h = xid_header()?;
    let me = my_slot();
    let _lock = h.proc_array_lock.acquire_shared();
    let xmax = h.latest_completed_xid.load(Ordering::Acquire) + 1;
    let mut xmin = xmax;
    let mut xip = Vec::new();
    let mut subxip = Vec::new();
    let mut suboverflowed = false;
    let caches = caches();
    for (i, p) in slots().iter().enumerate() {
        if Some(i) == me || !p.in_use.load(Ordering::Acquire) {
            continue;
        }
        let xid = p.xid.load(Ordering::Acquire);
        if xid == INVALID_TRANSACTION_ID || xid >= xmax {
            // No id yet, or assigned after our xmax: invisible anyway.
            continue;
        }
        xmin = xmin.min(xid);
        xip.push(xid);
        if let Some(c) = caches.get(i) {
            if c.overflowed.load(Ordering::Acquire) {
                suboverflowed = true;
            } else {
                let n = c.count.load(Ordering::Acquire) as usize;
                subxip.extend(c.xids[..n].iter().map(|x| x.load(Ordering::Relaxed)).filter(|&x| x < xmax));
            }
        }
    }
    if let Some(p) = me.and_then(|i| slots().get(i)) {
        if p.xmin.load(Ordering::Relaxed) == INVALID_TRANSACTION_ID {
            p.xmin.store(xmin, Ordering::SeqCst);
        }
    }
    drop(_lock);
    xip.sort_unstable();
    subxip.sort_unstable();
    Ok(Snapshot { kind: SnapshotKind::Mvcc, xmin, xmax, xip, subxip, suboverflowed, curcid })
}

/// `SnapshotResetXmin` when no snapshot of this process is registered or
/// active: its `xmin` no longer holds back the horizon.
pub fn reset_my_xmin() {
    if let Some(p) = my_slot().and_then(|i| slots().get(i)) {
        p.xmin.store(INVALID_TRANSACTION_ID, Ordering::SeqCst);
    }
}

/// This process's published `xmin` (INVALID when it holds no snapshot).
pub fn my_xmin() -> TransactionId {
    my_slot().and_then(|i| slots().get(i)).map(|p| p.xmin.load(Ordering::Acquire)).unwrap_or(INVALID_TRANSACTION_ID)
}

/// `TransactionIdIsInProgress`: whether a (sub)transaction with id `xid`
/// is still running in some process (the caller's own included). When a
/// process's subxid cache overflowed, the id is mapped to its top-level
/// transaction through pg_subtrans and that one is looked for.
///
/// As in PostgreSQL, the answer for an id that is no longer listed is
/// "not in progress": ask the clog whether it committed, in that order
/// (a transaction sets its clog status before it leaves the array).
pub fn transaction_id_is_in_progress(xid: TransactionId) -> PgResult<bool> {
    if xid < crate::xid::FIRST_NORMAL_TRANSACTION_ID {
        return Ok(false);
    }
    let h = xid_header()?;
    let _lock = h.proc_array_lock.acquire_shared();
    let (listed, any_overflow) = xid_is_listed(xid);
    if listed {
        return Ok(true);
    }
    if !any_overflow {
        return Ok(false);
    }
    let top = subtrans_topmost(xid);
    Ok(top != xid && xid_is_listed(top).0)
}

/// Whether `xid` is some slot's top-level id or cached subxid; also
/// whether any slot's cache overflowed.
fn xid_is_listed(xid: TransactionId) -> (bool, bool) {
    let caches = caches();
    let mut overflow = false;
    for (i, p) in slots().iter().enumerate() {
        if !p.in_use.load(Ordering::Acquire) {
            continue;
        }
        let top = p.xid.load(Ordering::Acquire);
        if top == INVALID_TRANSACTION_ID {
            continue;
        }
        if top == xid {
            return (true, overflow);
        }
        if let Some(c) = caches.get(i) {
            let n = c.count.load(Ordering::Acquire) as usize;
            if c.xids[..n].iter().any(|x| x.load(Ordering::Relaxed) == xid) {
                return (true, overflow);
            }
            overflow |= c.overflowed.load(Ordering::Acquire);
        }
    }
    (false, overflow)
}

/// `GetOldestXmin`: the oldest transaction id any running transaction or
/// snapshot may still need; rows deleted by transactions that committed
/// before it are dead to everyone.
pub fn get_oldest_xmin() -> PgResult<TransactionId> {
    let h = xid_header()?;
    let _lock = h.proc_array_lock.acquire_shared();
    let mut oldest = h.latest_completed_xid.load(Ordering::Acquire) + 1;
    for p in slots() {
        if !p.in_use.load(Ordering::Acquire) {
            continue;
        }
        for v in [p.xid.load(Ordering::Acquire), p.xmin.load(Ordering::Acquire)] {
            if v != INVALID_TRANSACTION_ID {
                oldest = oldest.min(v);
            }
        }
    }
    Ok(oldest)
}

/// This process's published top-level transaction id (INVALID for none).
pub fn my_published_xid() -> TransactionId {
    my_slot().and_then(|i| slots().get(i)).map(|p| p.xid.load(Ordering::Acquire)).unwrap_or(INVALID_TRANSACTION_ID)
}

#[cfg(test)]
mod tests {
    use super::super::{init_proc_array, init_process, proc_exit_release, BackendType};
    use super::*;

    /// Drives the transaction side in one process: its own slot plus a
    /// second slot written directly, as another backend would.
    #[test]
    fn snapshots_and_in_progress() {
        let _serial = crate::SHMEM_TEST_LOCK.lock().unwrap_or_else(|e| e.into_inner());
        let seg = pg_shmem::ShmemSegment::create(1 << 20).unwrap();
        pg_shmem::lwlock_waiters_init(4).unwrap();
        pg_shmem::set_my_lwlock_waiter_slot(0).unwrap();
        init_proc_array(3).unwrap();
        init_proc_array_xids(3).unwrap();
        set_latest_completed_xid(99).unwrap();
        let mine = init_process(BackendType::ClientBackend, 1).unwrap();
        let other = (mine + 1) % 3;
        // The other backend: top-level 100 with subxids 101 and 103.
        let op = &slots()[other];
        op.in_use.store(true, Ordering::SeqCst);
        op.xid.store(100, Ordering::SeqCst);
        caches()[other].xids[0].store(101, Ordering::SeqCst);
        caches()[other].xids[1].store(103, Ordering::SeqCst);
        caches()[other].count.store(2, Ordering::SeqCst);
        // Ours: 102, ended later.
        publish_xid(102, false);
        publish_xid(104, true);
        set_latest_completed_xid(104).unwrap();

        let s = get_snapshot_data(3).unwrap();
        assert_eq!((s.xmin, s.xmax, s.curcid), (100, 105, 3));
        assert_eq!(s.xip, vec![100], "the own transaction is never listed");
        assert_eq!(s.subxip, vec![101, 103]);
        assert_eq!(my_xmin(), 100);
        for (xid, expect) in [(100, true), (101, true), (102, true), (104, true), (99, false), (105, false)] {
            assert_eq!(transaction_id_is_in_progress(xid).unwrap(), expect, "{xid}");
        }
        assert_eq!(get_oldest_xmin().unwrap(), 100);

        proc_array_remove_subxids(&[104], 104).unwrap();
        assert!(!transaction_id_is_in_progress(104).unwrap());
        proc_array_end_transaction(104).unwrap();
        assert_eq!((my_published_xid(), my_xmin()), (0, 0));
        assert!(!transaction_id_is_in_progress(102).unwrap());

        // Overflow: the other slot's cache is incomplete.
        caches()[other].overflowed.store(true, Ordering::SeqCst);
        let s = get_snapshot_data(0).unwrap();
        assert!(s.suboverflowed);
        op.xid.store(0, Ordering::SeqCst);
        op.in_use.store(false, Ordering::SeqCst);
        proc_exit_release();
        // SAFETY: nothing refers into the segment any more.
        unsafe { seg.destroy() };
    }
}
