//! Tuple visibility (PostgreSQL's `access/heap/heapam_visibility.c`):
//! whether a tuple version is visible to a snapshot, may be updated, or
//! is dead to everyone.
//!
//! Transaction ids are 64-bit: every comparison is a plain integer one.
//! The tests read the tuple's hint bits first and ask the commit log only
//! when they are not set. What they learn comes back as bits to OR into
//! `t_infomask` (`hints`): the caller, who holds the buffer, sets them and
//! marks the buffer dirty as a hint (PostgreSQL's `SetHintBits` writes them
//! itself). A commit hint is withheld while the commit record is not yet
//! flushed (asynchronous commit), unless the page's own LSN already holds
//! the page back until it is.
//!
//! Multixacts (several lockers in one xmax, `pg_proc::multixact`) are
//! lock-only: such an xmax never hides a row, and blocks a change only
//! while one of its members runs. A multixact with an updating member is
//! never made; one found on disk is refused with an error.

use super::combocid::{heap_tuple_header_get_cmax, heap_tuple_header_get_cmin};
use super::transam::{self, Snapshot, SnapshotKind};
use super::tuple::*;
use pg_error::{PgError, PgResult};
use pg_proc::xid::{TransactionId, INVALID_TRANSACTION_ID};
use pg_wal::block::XLogRecPtr;

/// The outcome of an attempt to update, delete or lock a tuple
/// (`TM_Result`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TmResult {
    /// The tuple may be changed.
    Ok,
    /// The tuple is not visible to the command at all.
    Invisible,
    /// The tuple was changed by a later command of the own transaction.
    SelfModified,
    /// The tuple was updated by a committed transaction (`ctid` leads on).
    Updated,
    /// The tuple was deleted by a committed transaction.
    Deleted,
    /// Another transaction is changing or locking it right now.
    BeingModified,
    /// A lock could not be had without waiting (SKIP LOCKED / NOWAIT).
    WouldBlock,
}

/// What a failed change found (`TM_FailureData`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct TmFailureData {
    /// The newer version's address (the tuple's own when deleted).
    pub ctid: ItemPointer,
    /// The updating or deleting transaction.
    pub xmax: TransactionId,
    /// Its command, when it is the own transaction (else invalid).
    pub cmax: pg_proc::xid::CommandId,
    /// Whether the row was moved to another partition (never here).
    pub traversed: bool,
}

/// The state of a tuple for vacuum and pruning (`HTSV_Result`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HtsvResult {
    /// Dead to everyone: may be removed.
    Dead,
    /// Visible to someone (or will be).
    Live,
    /// Deleted, but some snapshot may still see it.
    RecentlyDead,
    /// Its inserter is still running.
    InsertInProgress,
    /// Its deleter is still running.
    DeleteInProgress,
}

fn multixact_unsupported() -> PgError {
    PgError::not_supported("multixacts with an updating member are not supported yet")
}

/// Whether the xmax is a multixact of lockers only.
fn lock_only_multi(infomask: u16) -> bool {
    infomask & HEAP_XMAX_IS_MULTI != 0 && xmax_is_locked_only(infomask)
}

/// Collects hint bits and remembers the page LSN they are checked
/// against.
struct Hints<'a> {
    bits: &'a mut u16,
    page_lsn: XLogRecPtr,
}

impl Hints<'_> {
    /// `SetHintBits`: commit hints only once the commit is durable enough.
    fn set(&mut self, bit: u16, xid: TransactionId) -> PgResult<()> {
        if bit & (HEAP_XMIN_COMMITTED | HEAP_XMAX_COMMITTED) != 0 && !transam::commit_hint_allowed(xid, self.page_lsn)?
        {
            return Ok(());
        }
        *self.bits |= bit;
        Ok(())
    }

    /// An xmin that is neither ours nor running any more: whether it
    /// committed, with the matching hint (XMIN_COMMITTED, or XMIN_INVALID
    /// for an abort or a crash).
    fn xmin_committed(&mut self, xmin: TransactionId) -> PgResult<bool> {
        if transam::did_commit(xmin)? {
            self.set(HEAP_XMIN_COMMITTED, xmin)?;
            Ok(true)
        } else {
            self.set(HEAP_XMIN_INVALID, INVALID_TRANSACTION_ID)?;
            Ok(false)
        }
    }
}

/// The xmax test shared by the tests: `Some` while the xmax is a multixact.
fn check_multi(infomask: u16) -> PgResult<()> {
    if infomask & HEAP_XMAX_IS_MULTI != 0 {
        return Err(multixact_unsupported());
    }
    Ok(())
}

/// Whether a tuple is visible to an MVCC snapshot from its hint bits
/// alone, the common case of a scan over settled rows, tested inline before
/// [`heap_tuple_satisfies_mvcc`]: the inserter is hinted committed (or the
/// tuple is frozen) and, unless frozen, precedes the snapshot's `xmin`, so
/// no running or snapshot-invisible transaction can be it; and the xmax is
/// hinted invalid, so nothing deleted or locked it. Exactly the path
/// [`heap_tuple_satisfies_mvcc`] takes for such a tuple, without its call;
/// `false` means "ask it", never "invisible".
#[inline(always)]
pub fn hinted_visible_mvcc(tup: &[u8], snapshot_xmin: TransactionId) -> bool {
    let mask = tup.infomask();
    mask & HEAP_XMIN_COMMITTED != 0
        && mask & HEAP_XMAX_INVALID != 0
        && (mask & HEAP_XMIN_FROZEN == HEAP_XMIN_FROZEN || tup.xmin() < snapshot_xmin)
}

/// `HeapTupleSatisfiesMVCC`.
pub fn heap_tuple_satisfies_mvcc(
    tup: &[u8],
    snapshot: &Snapshot,
    page_lsn: XLogRecPtr,
    hints: &mut u16,
) -> PgResult<bool> {
    let mut h = Hints { bits: hints, page_lsn };
    let mask = tup.infomask();
    let xmin = tup.xmin();
    if mask & HEAP_XMIN_COMMITTED == 0 {
        if mask & HEAP_XMIN_INVALID != 0 {
            return Ok(false);
        }
        if transam::is_current(xmin) {
            if heap_tuple_header_get_cmin(tup) >= snapshot.curcid {
                return Ok(false); // inserted after the scan started
            }
            if mask & HEAP_XMAX_INVALID != 0 || xmax_is_locked_only(mask) {
                return Ok(true);
            }
            check_multi(mask)?;
            if !transam::is_current(tup.xmax()) {
                // The deleting subtransaction must have aborted.
                h.set(HEAP_XMAX_INVALID, INVALID_TRANSACTION_ID)?;
                return Ok(true);
            }
            return Ok(heap_tuple_header_get_cmax(tup) >= snapshot.curcid);
        }
        if snapshot.xid_in_snapshot(xmin) {
            return Ok(false);
        }
        if !h.xmin_committed(xmin)? {
            return Ok(false);
        }
    } else if mask & HEAP_XMIN_FROZEN != HEAP_XMIN_FROZEN && snapshot.xid_in_snapshot(xmin) {
        // Committed, but not as of this snapshot.
        return Ok(false);
    }
    // The inserter has committed, as far as this snapshot is concerned.
    if mask & HEAP_XMAX_INVALID != 0 || xmax_is_locked_only(mask) {
        return Ok(true);
    }
    check_multi(mask)?;
    let xmax = tup.xmax();
    if mask & HEAP_XMAX_COMMITTED == 0 {
        if transam::is_current(xmax) {
            return Ok(heap_tuple_header_get_cmax(tup) >= snapshot.curcid);
        }
        if snapshot.xid_in_snapshot(xmax) {
            return Ok(true);
        }
        if !transam::did_commit(xmax)? {
            h.set(HEAP_XMAX_INVALID, INVALID_TRANSACTION_ID)?;
            return Ok(true);
        }
        h.set(HEAP_XMAX_COMMITTED, xmax)?;
    } else if snapshot.xid_in_snapshot(xmax) {
        return Ok(true);
    }
    Ok(false)
}

/// `HeapTupleSatisfiesSelf` and, with `dirty`, `HeapTupleSatisfiesDirty`
/// (which also reports a running inserter in `snapshot.xmin` and a running
/// deleter in `snapshot.xmax`).
fn satisfies_self_or_dirty(
    tup: &[u8],
    snapshot: &mut Snapshot,
    dirty: bool,
    page_lsn: XLogRecPtr,
    hints: &mut u16,
) -> PgResult<bool> {
    let mut h = Hints { bits: hints, page_lsn };
    if dirty {
        snapshot.xmin = INVALID_TRANSACTION_ID;
        snapshot.xmax = INVALID_TRANSACTION_ID;
    }
    let mask = tup.infomask();
    let xmin = tup.xmin();
    if mask & HEAP_XMIN_COMMITTED == 0 {
        if mask & HEAP_XMIN_INVALID != 0 {
            return Ok(false);
        }
        if transam::is_current(xmin) {
            if mask & HEAP_XMAX_INVALID != 0 || xmax_is_locked_only(mask) {
                return Ok(true);
            }
            check_multi(mask)?;
            if !transam::is_current(tup.xmax()) {
                h.set(HEAP_XMAX_INVALID, INVALID_TRANSACTION_ID)?;
                return Ok(true);
            }
            return Ok(false);
        }
        if transam::is_in_progress(xmin)? {
            if dirty {
                snapshot.xmin = xmin;
                return Ok(true);
            }
            return Ok(false);
        }
        if !h.xmin_committed(xmin)? {
            return Ok(false);
        }
    }
    if mask & HEAP_XMAX_INVALID != 0 {
        return Ok(true);
    }
    if mask & HEAP_XMAX_COMMITTED != 0 {
        return Ok(xmax_is_locked_only(mask));
    }
    if lock_only_multi(mask) {
        return Ok(true);
    }
    check_multi(mask)?;
    let xmax = tup.xmax();
    if transam::is_current(xmax) {
        return Ok(xmax_is_locked_only(mask));
    }
    if transam::is_in_progress(xmax)? {
        if dirty && !xmax_is_locked_only(mask) {
            snapshot.xmax = xmax;
        }
        return Ok(true);
    }
    if !transam::did_commit(xmax)? || xmax_is_locked_only(mask) {
        h.set(HEAP_XMAX_INVALID, INVALID_TRANSACTION_ID)?;
        return Ok(true);
    }
    h.set(HEAP_XMAX_COMMITTED, xmax)?;
    Ok(false)
}

/// `HeapTupleSatisfiesToast`: a chunk is visible unless its insertion
/// failed; the parent row's visibility decides the rest.
fn satisfies_toast(tup: &[u8]) -> bool {
    let mask = tup.infomask();
    !(mask & HEAP_XMIN_COMMITTED == 0 && (mask & HEAP_XMIN_INVALID != 0 || tup.xmin() == INVALID_TRANSACTION_ID))
}

/// `HeapTupleSatisfiesVisibility`: the test the snapshot's kind names.
/// `hints` receives the infomask bits the caller should set; a dirty
/// snapshot gets the running inserter/deleter in `xmin`/`xmax`.
pub fn heap_tuple_satisfies_visibility(
    tup: &[u8],
    snapshot: &mut Snapshot,
    page_lsn: XLogRecPtr,
    hints: &mut u16,
) -> PgResult<bool> {
    match snapshot.kind {
        SnapshotKind::Mvcc => heap_tuple_satisfies_mvcc(tup, snapshot, page_lsn, hints),
        SnapshotKind::Self_ => satisfies_self_or_dirty(tup, snapshot, false, page_lsn, hints),
        SnapshotKind::Dirty => satisfies_self_or_dirty(tup, snapshot, true, page_lsn, hints),
        SnapshotKind::Any => Ok(true),
        SnapshotKind::Toast => Ok(satisfies_toast(tup)),
    }
}

/// `HeapTupleSatisfiesUpdate`: whether command `curcid` may update,
/// delete or lock the tuple at `tid`.
pub fn heap_tuple_satisfies_update(
    tup: &[u8],
    tid: ItemPointer,
    curcid: pg_proc::xid::CommandId,
    page_lsn: XLogRecPtr,
    hints: &mut u16,
) -> PgResult<TmResult> {
    let mut h = Hints { bits: hints, page_lsn };
    let mask = tup.infomask();
    let xmin = tup.xmin();
    if mask & HEAP_XMIN_COMMITTED == 0 {
        if mask & HEAP_XMIN_INVALID != 0 {
            return Ok(TmResult::Invisible);
        }
        if transam::is_current(xmin) {
            if heap_tuple_header_get_cmin(tup) >= curcid {
                return Ok(TmResult::Invisible);
            }
            if mask & HEAP_XMAX_INVALID != 0 {
                return Ok(TmResult::Ok);
            }
            if xmax_is_locked_only(mask) {
                let locker = tup.xmax();
                if mask & HEAP_XMAX_IS_MULTI != 0 {
                    return Ok(if transam::multixact_is_running(locker) {
                        TmResult::BeingModified
                    } else {
                        TmResult::Ok
                    });
                }
                // A lock of our own, or of a finished locker, blocks nothing.
                if transam::is_current(locker) || !transam::is_in_progress(locker)? {
                    return Ok(TmResult::Ok);
                }
                return Ok(TmResult::BeingModified);
            }
            check_multi(mask)?;
            if !transam::is_current(tup.xmax()) {
                h.set(HEAP_XMAX_INVALID, INVALID_TRANSACTION_ID)?;
                return Ok(TmResult::Ok);
            }
            return Ok(if heap_tuple_header_get_cmax(tup) >= curcid {
                TmResult::SelfModified
            } else {
                TmResult::Invisible
            });
        }
        if transam::is_in_progress(xmin)? {
            return Ok(TmResult::Invisible);
        }
        if !h.xmin_committed(xmin)? {
            return Ok(TmResult::Invisible);
        }
    }
    // The inserter has committed.
    if mask & HEAP_XMAX_INVALID != 0 {
        return Ok(TmResult::Ok);
    }
    let updated_or_deleted = || if tup.ctid() != tid { TmResult::Updated } else { TmResult::Deleted };
    if mask & HEAP_XMAX_COMMITTED != 0 {
        if xmax_is_locked_only(mask) {
            return Ok(TmResult::Ok);
        }
        return Ok(updated_or_deleted());
    }
    if lock_only_multi(mask) {
        if transam::multixact_is_running(tup.xmax()) {
            return Ok(TmResult::BeingModified);
        }
        h.set(HEAP_XMAX_INVALID, INVALID_TRANSACTION_ID)?;
        return Ok(TmResult::Ok);
    }
    check_multi(mask)?;
    let xmax = tup.xmax();
    if transam::is_current(xmax) {
        if xmax_is_locked_only(mask) {
            return Ok(TmResult::BeingModified);
        }
        return Ok(if heap_tuple_header_get_cmax(tup) >= curcid {
            TmResult::SelfModified
        } else {
            TmResult::Invisible
        });
    }
    if transam::is_in_progress(xmax)? {
        return Ok(TmResult::BeingModified);
    }
    if !transam::did_commit(xmax)? || xmax_is_locked_only(mask) {
        h.set(HEAP_XMAX_INVALID, INVALID_TRANSACTION_ID)?;
        return Ok(TmResult::Ok);
    }
    h.set(HEAP_XMAX_COMMITTED, xmax)?;
    Ok(updated_or_deleted())
}

/// `HeapTupleSatisfiesVacuum`: whether the tuple is dead to every
/// transaction whose snapshot's xmin is at least `oldest_xmin`.
pub fn heap_tuple_satisfies_vacuum(
    tup: &[u8],
    oldest_xmin: TransactionId,
    page_lsn: XLogRecPtr,
    hints: &mut u16,
) -> PgResult<HtsvResult> {
    let mut h = Hints { bits: hints, page_lsn };
    let mask = tup.infomask();
    let xmin = tup.xmin();
    if mask & HEAP_XMIN_COMMITTED == 0 {
        if mask & HEAP_XMIN_INVALID != 0 {
            return Ok(HtsvResult::Dead);
        }
        if transam::is_current(xmin) {
            if mask & HEAP_XMAX_INVALID != 0 || xmax_is_locked_only(mask) {
                return Ok(HtsvResult::InsertInProgress);
            }
            check_multi(mask)?;
            if transam::is_current(tup.xmax()) {
                return Ok(HtsvResult::DeleteInProgress);
            }
            return Ok(HtsvResult::InsertInProgress);
        }
        if transam::is_in_progress(xmin)? {
            return Ok(HtsvResult::InsertInProgress);
        }
        if !h.xmin_committed(xmin)? {
            return Ok(HtsvResult::Dead);
        }
    }
    if mask & HEAP_XMAX_INVALID != 0 {
        return Ok(HtsvResult::Live);
    }
    let xmax = tup.xmax();
    if xmax_is_locked_only(mask) {
        let running = if mask & HEAP_XMAX_IS_MULTI != 0 {
            transam::multixact_is_running(xmax)
        } else {
            transam::is_in_progress(xmax)?
        };
        if mask & HEAP_XMAX_COMMITTED == 0 && !running {
            h.set(HEAP_XMAX_INVALID, INVALID_TRANSACTION_ID)?;
        }
        return Ok(HtsvResult::Live);
    }
    check_multi(mask)?;
    if mask & HEAP_XMAX_COMMITTED == 0 {
        if transam::is_in_progress(xmax)? {
            return Ok(HtsvResult::DeleteInProgress);
        }
        if transam::did_commit(xmax)? {
            h.set(HEAP_XMAX_COMMITTED, xmax)?;
        } else {
            h.set(HEAP_XMAX_INVALID, INVALID_TRANSACTION_ID)?;
            return Ok(HtsvResult::Live);
        }
    }
    // The deleter committed; some open snapshot may still see the row.
    if xmax >= oldest_xmin {
        return Ok(HtsvResult::RecentlyDead);
    }
    Ok(HtsvResult::Dead)
}

/// `HeapTupleIsSurelyDead`: dead to everyone by its hint bits alone
/// (no commit-log lookups), as pruning's cheap test.
pub fn heap_tuple_is_surely_dead(tup: &[u8], oldest_xmin: TransactionId) -> bool {
    let mask = tup.infomask();
    if mask & HEAP_XMIN_COMMITTED == 0 {
        return mask & HEAP_XMIN_INVALID != 0;
    }
    if mask & HEAP_XMAX_INVALID != 0 || xmax_is_locked_only(mask) || mask & HEAP_XMAX_IS_MULTI != 0 {
        return false;
    }
    mask & HEAP_XMAX_COMMITTED != 0 && tup.xmax() < oldest_xmin
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::transam::testing::{install, Model};
    use crate::tupdesc::TupleDesc;
    use pg_types::datum::Datum;
    use pg_types::types::oid;

    const ME: TransactionId = 100;
    const RUNNING: TransactionId = 101;
    const COMMITTED: TransactionId = 90;
    const ABORTED: TransactionId = 91;
    const LATE_COMMIT: TransactionId = 102; // committed after our snapshot

    fn model() {
        install(Model {
            current: [ME].into(),
            running: [RUNNING].into(),
            committed: [COMMITTED, LATE_COMMIT].into(),
            ..Model::default()
        });
    }

    fn snap(curcid: u32) -> Snapshot {
        Snapshot {
            kind: SnapshotKind::Mvcc,
            xmin: 95,
            xmax: 102,
            xip: vec![RUNNING],
            subxip: vec![],
            suboverflowed: false,
            curcid,
        }
    }

    fn tuple(xmin: TransactionId, xmax: TransactionId, cid: u32, extra: u16) -> Vec<u8> {
        let d = TupleDesc::from_types(&[("a", oid::INT4)]).expect("desc");
        let mut t = heap_form_tuple(&d, &[Datum::Int4(1)]).expect("form").data;
        t.set_xmin(xmin);
        t.set_xmax(xmax);
        t.set_raw_cid(cid);
        t.set_ctid(ItemPointer::new(0, 1));
        let mut mask = t.infomask() | extra;
        if xmax == 0 {
            mask |= HEAP_XMAX_INVALID;
        }
        t.set_infomask(mask);
        t
    }

    fn mvcc(t: &[u8], curcid: u32) -> (bool, u16) {
        let mut hints = 0;
        let v = heap_tuple_satisfies_mvcc(t, &snap(curcid), 0, &mut hints).expect("mvcc");
        (v, hints)
    }

    #[test]
    fn hint_bit_shortcut_agrees_with_the_full_test() {
        model();
        let snap = snap(0);
        let hinted = |t: &[u8]| hinted_visible_mvcc(t, snap.xmin);
        // Hinted committed before the snapshot's xmin, no deleter: visible
        // by hints alone, and the full test agrees.
        let t = tuple(COMMITTED, 0, 0, HEAP_XMIN_COMMITTED);
        assert!(hinted(&t));
        assert!(mvcc(&t, 0).0);
        // Frozen: visible whatever the xmin.
        assert!(hinted(&tuple(LATE_COMMIT, 0, 0, HEAP_XMIN_FROZEN)));
        // Committed, but at or past the snapshot's xmin (maybe in its xip,
        // or after it): the shortcut declines; the full test decides.
        let late = tuple(LATE_COMMIT, 0, 0, HEAP_XMIN_COMMITTED);
        assert!(!hinted(&late));
        assert!(!mvcc(&late, 0).0);
        // Without the commit hint, or with any xmax: the full test.
        assert!(!hinted(&tuple(COMMITTED, 0, 0, 0)));
        let deleted = tuple(COMMITTED, COMMITTED, 0, HEAP_XMIN_COMMITTED | HEAP_XMAX_COMMITTED);
        assert!(!hinted(&deleted));
        assert!(!mvcc(&deleted, 0).0);
        assert!(!hinted(&tuple(COMMITTED, RUNNING, 0, HEAP_XMIN_COMMITTED)));
        // Aborted inserter hinted invalid: never shortcut to visible.
        assert!(!hinted(&tuple(ABORTED, 0, 0, HEAP_XMIN_INVALID)));
    }

    #[test]
    fn mvcc_follows_postgresql() {
        model();
        // Committed inserter, no deleter: visible, and the commit is hinted.
        assert_eq!(mvcc(&tuple(COMMITTED, 0, 0, 0), 0), (true, HEAP_XMIN_COMMITTED));
        // Aborted inserter: invisible, hinted invalid.
        assert_eq!(mvcc(&tuple(ABORTED, 0, 0, 0), 0), (false, HEAP_XMIN_INVALID));
        // Running inserter, or one that committed after the snapshot: invisible.
        assert!(!mvcc(&tuple(RUNNING, 0, 0, 0), 0).0);
        assert!(!mvcc(&tuple(LATE_COMMIT, 0, 0, 0), 0).0);
        assert!(!mvcc(&tuple(LATE_COMMIT, 0, 0, HEAP_XMIN_COMMITTED), 0).0);
        // Own insert: visible to later commands only.
        assert!(!mvcc(&tuple(ME, 0, 3, 0), 3).0);
        assert!(mvcc(&tuple(ME, 0, 3, 0), 4).0);
        // Deleted by a committed transaction: gone; by a running one or one
        // that committed after the snapshot: still there.
        assert_eq!(mvcc(&tuple(COMMITTED, COMMITTED, 0, HEAP_XMIN_COMMITTED), 0), (false, HEAP_XMAX_COMMITTED));
        assert!(mvcc(&tuple(COMMITTED, RUNNING, 0, HEAP_XMIN_COMMITTED), 0).0);
        assert!(mvcc(&tuple(COMMITTED, LATE_COMMIT, 0, HEAP_XMIN_COMMITTED), 0).0);
        // Deleted by an aborted transaction: visible, hinted.
        assert_eq!(mvcc(&tuple(COMMITTED, ABORTED, 0, HEAP_XMIN_COMMITTED), 0), (true, HEAP_XMAX_INVALID));
        // Deleted by ourselves at command 5: visible to commands up to 5.
        assert!(mvcc(&tuple(COMMITTED, ME, 5, HEAP_XMIN_COMMITTED), 5).0);
        assert!(!mvcc(&tuple(COMMITTED, ME, 5, HEAP_XMIN_COMMITTED), 6).0);
        // Only locked: visible.
        assert!(mvcc(&tuple(COMMITTED, RUNNING, 0, HEAP_XMIN_COMMITTED | HEAP_XMAX_LOCK_ONLY), 0).0);
        // 64-bit ids: nothing wraps.
        install(Model { committed: [1u64 << 33].into(), ..Model::default() });
        let mut s = snap(0);
        s.xmin = (1 << 33) + 1;
        s.xmax = (1 << 33) + 5;
        let mut hints = 0;
        assert!(heap_tuple_satisfies_mvcc(&tuple(1 << 33, 0, 0, 0), &s, 0, &mut hints).expect("mvcc"));
    }

    #[test]
    fn update_reports_tm_results() {
        model();
        let tid = ItemPointer::new(0, 1);
        let upd = |t: &[u8], cid| {
            let mut h = 0;
            heap_tuple_satisfies_update(t, tid, cid, 0, &mut h).expect("update")
        };
        assert_eq!(upd(&tuple(COMMITTED, 0, 0, 0), 0), TmResult::Ok);
        assert_eq!(upd(&tuple(RUNNING, 0, 0, 0), 0), TmResult::Invisible);
        assert_eq!(upd(&tuple(COMMITTED, RUNNING, 0, HEAP_XMIN_COMMITTED), 0), TmResult::BeingModified);
        assert_eq!(upd(&tuple(COMMITTED, COMMITTED, 0, HEAP_XMIN_COMMITTED), 0), TmResult::Deleted);
        let mut moved = tuple(COMMITTED, COMMITTED, 0, HEAP_XMIN_COMMITTED);
        moved.set_ctid(ItemPointer::new(3, 4));
        assert_eq!(upd(&moved, 0), TmResult::Updated);
        assert_eq!(upd(&tuple(COMMITTED, ME, 2, HEAP_XMIN_COMMITTED), 2), TmResult::SelfModified);
        assert_eq!(upd(&tuple(COMMITTED, ME, 2, HEAP_XMIN_COMMITTED), 3), TmResult::Invisible);
        assert_eq!(upd(&tuple(COMMITTED, ABORTED, 0, HEAP_XMIN_COMMITTED), 0), TmResult::Ok);
    }

    #[test]
    fn vacuum_and_dirty() {
        model();
        let vac = |t: &[u8]| {
            let mut h = 0;
            heap_tuple_satisfies_vacuum(t, 95, 0, &mut h).expect("vacuum")
        };
        assert_eq!(vac(&tuple(ABORTED, 0, 0, 0)), HtsvResult::Dead);
        assert_eq!(vac(&tuple(RUNNING, 0, 0, 0)), HtsvResult::InsertInProgress);
        assert_eq!(vac(&tuple(COMMITTED, 0, 0, 0)), HtsvResult::Live);
        assert_eq!(vac(&tuple(COMMITTED, RUNNING, 0, 0)), HtsvResult::DeleteInProgress);
        assert_eq!(vac(&tuple(COMMITTED, COMMITTED, 0, 0)), HtsvResult::Dead);
        assert_eq!(vac(&tuple(COMMITTED, LATE_COMMIT, 0, 0)), HtsvResult::RecentlyDead);
        let mut d = Snapshot { kind: SnapshotKind::Dirty, ..snap(0) };
        let mut h = 0;
        assert!(heap_tuple_satisfies_visibility(&tuple(RUNNING, 0, 0, 0), &mut d, 0, &mut h).expect("dirty"));
        assert_eq!(d.xmin, RUNNING);
        assert!(heap_tuple_satisfies_visibility(&tuple(COMMITTED, RUNNING, 0, 0), &mut d, 0, &mut h).expect("dirty"));
        assert_eq!((d.xmin, d.xmax), (0, RUNNING));
        assert!(heap_tuple_is_surely_dead(&tuple(ABORTED, 0, 0, HEAP_XMIN_INVALID), 95));
        assert!(!heap_tuple_is_surely_dead(&tuple(COMMITTED, 0, 0, HEAP_XMIN_COMMITTED), 95));
    }
}
