//! The heap's seam to the transaction system: the snapshot type, the
//! commit log, the proc array and the own transaction's state, as the
//! storage contract names them (`pg_proc::snapshot`, `pg_wal::clog`,
//! `pg_proc::procarray`, `pg_wal::xact`). Visibility and heapam ask
//! through here only, so unit tests can put a model of the transaction
//! system in place (`testing`), and a change of those APIs is made once.

use pg_error::PgResult;
use pg_proc::xid::{TransactionId, FIRST_NORMAL_TRANSACTION_ID};
use pg_wal::block::XLogRecPtr;

pub use pending::{Snapshot, SnapshotKind};

/// Stand-ins for the transam area's APIs until they are on main; each has
/// the name and signature the contract gives, so the switch is to delete
/// this module and import the real ones.
mod pending {
    use pg_error::{PgError, PgResult};
    use pg_proc::xid::{CommandId, TransactionId};

    /// `pg_proc::snapshot::SnapshotKind`.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum SnapshotKind {
        /// `SNAPSHOT_MVCC`.
        Mvcc,
        /// `SNAPSHOT_SELF`.
        Self_,
        /// `SNAPSHOT_ANY`.
        Any,
        /// `SNAPSHOT_DIRTY`.
        Dirty,
        /// `SNAPSHOT_TOAST`.
        Toast,
    }

    /// `pg_proc::snapshot::Snapshot`.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Snapshot {
        /// The visibility test.
        pub kind: SnapshotKind,
        /// All ids below this had ended.
        pub xmin: TransactionId,
        /// All ids at or above this had not started.
        pub xmax: TransactionId,
        /// Running top-level ids, sorted.
        pub xip: Vec<TransactionId>,
        /// Their subtransactions, sorted.
        pub subxip: Vec<TransactionId>,
        /// `subxip` is incomplete.
        pub suboverflowed: bool,
        /// Commands before this one are visible.
        pub curcid: CommandId,
    }

    impl Snapshot {
        /// `XidInMVCCSnapshot` (without the pg_subtrans lookup).
        pub fn xid_in_snapshot(&self, xid: TransactionId) -> bool {
            if xid < self.xmin {
                return false;
            }
            if xid >= self.xmax {
                return true;
            }
            self.subxip.binary_search(&xid).is_ok() || self.xip.binary_search(&xid).is_ok()
        }
    }

    fn unavailable() -> PgError {
        PgError::not_supported("transaction status is not available yet")
    }

    pub fn transaction_id_is_current_transaction_id(_xid: TransactionId) -> bool {
        false
    }
    pub fn transaction_id_is_in_progress(_xid: TransactionId) -> PgResult<bool> {
        Err(unavailable())
    }
    pub fn transaction_id_did_commit(_xid: TransactionId) -> PgResult<bool> {
        Err(unavailable())
    }
    pub fn transaction_id_get_commit_lsn(_xid: TransactionId) -> PgResult<u64> {
        Err(unavailable())
    }
}

/// `TransactionIdIsCurrentTransactionId`.
pub(crate) fn is_current(xid: TransactionId) -> bool {
    #[cfg(test)]
    if let Some(r) = testing::with(|m| m.current.contains(&xid)) {
        return r;
    }
    pending::transaction_id_is_current_transaction_id(xid)
}

/// `TransactionIdIsInProgress`.
pub(crate) fn is_in_progress(xid: TransactionId) -> PgResult<bool> {
    #[cfg(test)]
    if let Some(r) = testing::with(|m| m.running.contains(&xid) || m.current.contains(&xid)) {
        return Ok(r);
    }
    pending::transaction_id_is_in_progress(xid)
}

/// `TransactionIdDidCommit`.
pub(crate) fn did_commit(xid: TransactionId) -> PgResult<bool> {
    #[cfg(test)]
    if let Some(r) = testing::with(|m| m.committed.contains(&xid) || xid < FIRST_NORMAL_TRANSACTION_ID && xid != 0) {
        return Ok(r);
    }
    pending::transaction_id_did_commit(xid)
}

/// Whether a hint bit saying `xid` committed may be set on a page whose
/// LSN is `page_lsn` (`SetHintBits`' test): yes unless the commit record
/// is not yet flushed (asynchronous commit) and the page's own LSN would
/// not hold the page back until it is.
pub(crate) fn commit_hint_allowed(xid: TransactionId, page_lsn: XLogRecPtr) -> PgResult<bool> {
    if xid < FIRST_NORMAL_TRANSACTION_ID {
        return Ok(true);
    }
    #[cfg(test)]
    if testing::with(|_| ()).is_some() {
        return Ok(true);
    }
    let commit_lsn = pending::transaction_id_get_commit_lsn(xid)?;
    Ok(commit_lsn == 0 || page_lsn >= commit_lsn || pg_wal::xlog::get_flush_rec_ptr() >= commit_lsn)
}

/// A model of the transaction system for unit tests of visibility and
/// heapam: which ids are the own transaction's, running, committed.
#[cfg(test)]
pub(crate) mod testing {
    use super::TransactionId;
    use std::cell::RefCell;
    use std::collections::HashSet;

    #[derive(Default)]
    pub(crate) struct Model {
        pub current: HashSet<TransactionId>,
        pub running: HashSet<TransactionId>,
        pub committed: HashSet<TransactionId>,
    }

    thread_local! {
        static MODEL: RefCell<Option<Model>> = const { RefCell::new(None) };
    }

    /// Runs `f` on the model if this thread installed one.
    pub(crate) fn with<R>(f: impl FnOnce(&Model) -> R) -> Option<R> {
        MODEL.with(|m| m.borrow().as_ref().map(f))
    }

    /// Installs (or replaces) the model for this thread.
    pub(crate) fn install(m: Model) {
        MODEL.with(|cell| *cell.borrow_mut() = Some(m));
    }
}
