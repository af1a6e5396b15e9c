//! The heap's seam to the transaction system: the snapshot type, the
//! commit log, the proc array and the own transaction's state, as the
//! storage contract names them (`pg_proc::snapshot`, `pg_wal::clog`,
//! `pg_proc::procarray`, `pg_wal::xact`, `pg_proc::lock`). Visibility and heapam ask
//! through here only, so unit tests can put a model of the transaction
//! system in place (`testing`), and a change of those APIs is made once.

use pg_error::PgResult;
use pg_proc::xid::{TransactionId, FIRST_NORMAL_TRANSACTION_ID};
use pg_wal::block::XLogRecPtr;

pub use pg_proc::snapshot::{Snapshot, SnapshotKind};

/// `TransactionIdIsCurrentTransactionId`.
pub(crate) fn is_current(xid: TransactionId) -> bool {
    #[cfg(test)]
    if let Some(r) = testing::with(|m| m.current.contains(&xid)) {
        return r;
    }
    pg_wal::xact::transaction_id_is_current_transaction_id(xid)
}

/// `TransactionIdIsInProgress`.
pub(crate) fn is_in_progress(xid: TransactionId) -> PgResult<bool> {
    #[cfg(test)]
    if let Some(r) = testing::with(|m| m.running.contains(&xid) || m.current.contains(&xid)) {
        return Ok(r);
    }
    pg_proc::procarray::transaction_id_is_in_progress(xid)
}

/// `TransactionIdDidCommit`.
pub(crate) fn did_commit(xid: TransactionId) -> PgResult<bool> {
    #[cfg(test)]
    if let Some(r) = testing::with(|m| m.committed.contains(&xid) || xid < FIRST_NORMAL_TRANSACTION_ID && xid != 0) {
        return Ok(r);
    }
    pg_wal::clog::transaction_id_did_commit(xid)
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
    let commit_lsn = pg_wal::clog::transaction_id_get_commit_lsn(xid)?;
    Ok(commit_lsn == 0 || page_lsn >= commit_lsn || pg_wal::xlog::get_flush_rec_ptr() >= commit_lsn)
}

/// `GetCurrentTransactionId`: the current (sub)transaction's id,
/// assigned now if it has none.
pub(crate) fn current_transaction_id() -> PgResult<TransactionId> {
    #[cfg(test)]
    if let Some(x) = testing::with(|m| m.current.iter().copied().max()) {
        return Ok(x.unwrap_or(0));
    }
    pg_wal::xact::get_current_transaction_id()
}

/// `GetCurrentCommandId`.
pub(crate) fn current_command_id(used: bool) -> pg_proc::xid::CommandId {
    #[cfg(test)]
    if let Some(cid) = testing::with(|m| m.command_id.get()) {
        return cid;
    }
    pg_wal::xact::get_current_command_id(used)
}

/// `GetOldestXmin`: no snapshot of any running transaction sees past
/// this; tuples deleted before it are dead to all.
pub(crate) fn oldest_xmin() -> PgResult<TransactionId> {
    #[cfg(test)]
    if let Some(x) = testing::with(|m| m.oldest_xmin) {
        return Ok(x);
    }
    pg_proc::procarray::get_oldest_xmin()
}

/// Finds a relation's name for messages (registered at start by the
/// layer that has the catalog).
pub type RelationNameLookup = fn(pg_types::types::Oid) -> Option<String>;

static RELATION_NAME: std::sync::OnceLock<RelationNameLookup> = std::sync::OnceLock::new();

/// Registers the [`RelationNameLookup`] (once).
pub fn set_relation_name_lookup(f: RelationNameLookup) {
    let _ = RELATION_NAME.set(f);
}

/// Why a row wait happens (`XLTW_Oper`).
pub(crate) use pg_proc::lock::XltwOper;

/// `XactLockTableWait` (with `MultiXactIdWait` for a multixact xmax): sleeps
/// until the row's changer or lockers end (for a multixact, those whose
/// lock conflicts with `wanted`; all with `None`). An error while waiting
/// (deadlock, lock timeout, cancel) carries PostgreSQL's CONTEXT line
/// naming the row.
pub(crate) fn row_wait(
    xmax: TransactionId,
    multi: Option<Option<pg_proc::multixact::MultiXactStatus>>,
    relid: pg_types::types::Oid,
    tid: super::tuple::ItemPointer,
    oper: XltwOper,
) -> PgResult<()> {
    let result = match multi {
        Some(wanted) => pg_proc::multixact::multixact_id_wait(xmax, wanted, is_current),
        None => pg_proc::lock::xact_lock_table_wait(xmax),
    };
    result.map_err(|e| {
        let Some(name) = RELATION_NAME.get().and_then(|f| f(relid)) else { return e };
        let ctx = pg_proc::lock::RowWaitContext { relname: &name, block: tid.block, offset: tid.offset, oper };
        e.with_context(ctx.line())
    })
}

/// `MultiXactIdIsRunning`: whether a member of the multixact still runs
/// (the own transaction included).
pub(crate) fn multixact_is_running(multi: pg_proc::multixact::MultiXactId) -> bool {
    #[cfg(test)]
    if let Some(r) = testing::with(|m| {
        pg_proc::multixact::get_multixact_id_members(multi)
            .iter()
            .any(|x| m.running.contains(&x.xid) || m.current.contains(&x.xid))
    }) {
        return r;
    }
    pg_proc::multixact::multixact_id_is_running(multi)
}

/// `GetMultiXactIdMembers` (empty once every member has ended).
pub(crate) fn multixact_members(multi: pg_proc::multixact::MultiXactId) -> Vec<pg_proc::multixact::MultiXactMember> {
    pg_proc::multixact::get_multixact_id_members(multi)
}

/// `MultiXactIdCreate` of the given lockers.
pub(crate) fn multixact_create(
    members: &[pg_proc::multixact::MultiXactMember],
) -> PgResult<pg_proc::multixact::MultiXactId> {
    pg_proc::multixact::multixact_id_create(members)
}

/// `GetNewObjectId`: a new OID (toast value ids).
pub(crate) fn new_object_id() -> PgResult<pg_types::types::Oid> {
    #[cfg(test)]
    if let Some(oid) = testing::with(|m| {
        m.next_oid.set(m.next_oid.get() + 1);
        m.next_oid.get() + 20_000
    }) {
        return Ok(oid);
    }
    pg_wal::varsup::get_new_object_id()
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
        /// The pruning horizon (0: nothing is old enough).
        pub oldest_xmin: TransactionId,
        /// OIDs handed out so far.
        pub next_oid: std::cell::Cell<u32>,
        /// What `current_command_id` answers.
        pub command_id: std::cell::Cell<u32>,
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
