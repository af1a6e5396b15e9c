//! Snapshots (PostgreSQL's `utils/snapshot.h` and the MVCC test of
//! `utils/time/snapmgr.c`'s `XidInMVCCSnapshot`).
//!
//! A [`Snapshot`] says which transactions' effects a scan sees. An MVCC
//! snapshot is taken by [`crate::procarray::get_snapshot_data`]: every
//! transaction id below `xmin` had ended when it was taken, every id at or
//! above `xmax` had not started, and `xip` lists the top-level ids between
//! them that were still running (`subxip` their subtransactions', unless
//! `suboverflowed`). Whether an ended transaction committed is the commit
//! log's business (`pg_wal::clog`), and whether an id is the snapshot
//! owner's own is `pg_wal::xact`'s: visibility (pg-storage's
//! `heap::visibility`) asks both.
//!
//! The other kinds carry no xid lists: `SnapshotSelf` sees what the current
//! command has done so far, `SnapshotAny` every tuple, and `SnapshotDirty`
//! also in-progress changes (reporting the other transaction's xid back in
//! `xmin`/`xmax`, which is why visibility takes it `&mut`).
//!
//! Transaction ids are 64-bit ([`crate::xid`]): the comparisons are plain
//! integer comparisons, never modulo 2^32.

use crate::xid::{CommandId, TransactionId, FIRST_COMMAND_ID, INVALID_TRANSACTION_ID};
use std::sync::RwLock;

/// What kind of visibility test a snapshot stands for (`SnapshotType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SnapshotKind {
    /// `SNAPSHOT_MVCC`: the committed state as of the snapshot, plus the own
    /// transaction's changes made by earlier commands (`curcid`).
    Mvcc,
    /// `SNAPSHOT_SELF`: committed, plus everything of the own transaction,
    /// the current command included.
    Self_,
    /// `SNAPSHOT_ANY`: every tuple.
    Any,
    /// `SNAPSHOT_DIRTY`: committed and in-progress changes; the visibility
    /// test reports the in-progress transaction in `xmin` / `xmax`.
    Dirty,
    /// `SNAPSHOT_TOAST`: TOAST chunks, visible whenever their parent row is.
    Toast,
}

/// A snapshot (`SnapshotData`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    /// The visibility test.
    pub kind: SnapshotKind,
    /// All ids below this had ended when the snapshot was taken (MVCC).
    /// A dirty snapshot's test stores an in-progress inserter here.
    pub xmin: TransactionId,
    /// All ids at or above this had not been assigned yet (MVCC). A dirty
    /// snapshot's test stores an in-progress deleter here.
    pub xmax: TransactionId,
    /// Top-level ids in `[xmin, xmax)` that were running, sorted; the
    /// owner's own transaction is never listed.
    pub xip: Vec<TransactionId>,
    /// Their subtransactions' ids, sorted (complete unless `suboverflowed`).
    pub subxip: Vec<TransactionId>,
    /// Some running transaction had more subtransactions than its PGPROC
    /// caches: `subxip` is incomplete, and a subtransaction id must be
    /// mapped to its top-level parent (pg_subtrans) before looking in `xip`.
    pub suboverflowed: bool,
    /// The own transaction's changes made by commands before this one are
    /// visible (MVCC).
    pub curcid: CommandId,
}

impl Snapshot {
    /// `SnapshotSelfData`.
    pub fn self_() -> Snapshot {
        Snapshot::non_mvcc(SnapshotKind::Self_)
    }

    /// `SnapshotAnyData`.
    pub fn any() -> Snapshot {
        Snapshot::non_mvcc(SnapshotKind::Any)
    }

    /// `InitDirtySnapshot`: a dirty snapshot with empty outputs.
    pub fn dirty() -> Snapshot {
        Snapshot::non_mvcc(SnapshotKind::Dirty)
    }

    /// `SnapshotToastData`.
    pub fn toast() -> Snapshot {
        Snapshot::non_mvcc(SnapshotKind::Toast)
    }

    fn non_mvcc(kind: SnapshotKind) -> Snapshot {
        Snapshot {
            kind,
            xmin: INVALID_TRANSACTION_ID,
            xmax: INVALID_TRANSACTION_ID,
            xip: Vec::new(),
            subxip: Vec::new(),
            suboverflowed: false,
            curcid: FIRST_COMMAND_ID,
        }
    }

    /// Whether this is an MVCC snapshot (`IsMVCCSnapshot`).
    pub fn is_mvcc(&self) -> bool {
        self.kind == SnapshotKind::Mvcc
    }

    /// `XidInMVCCSnapshot`: whether `xid` must be treated as still running
    /// by this snapshot (its effects are invisible even if it has
    /// committed since). The caller has already checked that `xid` is not
    /// the own transaction's.
    ///
    /// When the subtransaction cache overflowed, the id is first mapped to
    /// its top-level transaction through the pg_subtrans lookup that
    /// `pg_wal` registers ([`set_subtrans_topmost_hook`]).
    pub fn xid_in_snapshot(&self, xid: TransactionId) -> bool {
        if xid < self.xmin {
            return false;
        }
        if xid >= self.xmax {
            return true;
        }
        if !self.suboverflowed {
            return self.subxip.binary_search(&xid).is_ok() || self.xip.binary_search(&xid).is_ok();
        }
        // The subxids are incomplete: find the top-level transaction. An
        // id whose parent is gone from pg_subtrans (older than every
        // running transaction) maps to itself.
        let top = subtrans_topmost(xid);
        if top < self.xmin {
            return false;
        }
        self.xip.binary_search(&top).is_ok()
    }
}

/// The pg_subtrans lookup: the top-level transaction of a (sub)transaction
/// id (`SubTransGetTopmostTransaction`). pg_subtrans lives in pg-wal, a
/// layer above; it registers the lookup here at start.
static SUBTRANS_TOPMOST: RwLock<Option<TopmostLookup>> = RwLock::new(None);

/// The signature of the pg_subtrans lookup.
type TopmostLookup = fn(TransactionId) -> TransactionId;

/// Registers the pg_subtrans lookup (called once by `pg_wal::subtrans`
/// at start, before the postmaster forks).
pub fn set_subtrans_topmost_hook(hook: fn(TransactionId) -> TransactionId) {
    *SUBTRANS_TOPMOST.write().unwrap_or_else(|e| e.into_inner()) = Some(hook);
}

/// `SubTransGetTopmostTransaction(xid)` through the registered lookup;
/// `xid` itself when none is registered.
pub fn subtrans_topmost(xid: TransactionId) -> TransactionId {
    match *SUBTRANS_TOPMOST.read().unwrap_or_else(|e| e.into_inner()) {
        Some(f) => f(xid),
        None => xid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mvcc(xmin: u64, xmax: u64, xip: &[u64], subxip: &[u64]) -> Snapshot {
        Snapshot {
            kind: SnapshotKind::Mvcc,
            xmin,
            xmax,
            xip: xip.to_vec(),
            subxip: subxip.to_vec(),
            suboverflowed: false,
            curcid: 0,
        }
    }

    #[test]
    fn xid_in_snapshot_bounds_and_lists() {
        let s = mvcc(100, 110, &[100, 105], &[107]);
        for (xid, expect) in
            [(3, false), (99, false), (100, true), (101, false), (105, true), (107, true), (109, false), (110, true)]
        {
            assert_eq!(s.xid_in_snapshot(xid), expect, "{xid}");
        }
        // 64-bit ids past 2^32 compare as plain integers.
        let big = 1u64 << 32;
        let s = mvcc(big - 2, big + 3, &[big + 1], &[]);
        assert!(!s.xid_in_snapshot(big - 3));
        assert!(s.xid_in_snapshot(big + 1));
        assert!(!s.xid_in_snapshot(big));
        assert!(s.xid_in_snapshot(big + 3));
    }

    #[test]
    fn other_kinds_have_no_lists() {
        assert_eq!(Snapshot::any().kind, SnapshotKind::Any);
        assert!(!Snapshot::dirty().is_mvcc());
        assert!(Snapshot::self_().xip.is_empty());
    }
}
