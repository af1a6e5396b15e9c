//! Which snapshot a statement reads with (PostgreSQL's
//! `utils/time/snapmgr.c`): the transaction snapshot per isolation level,
//! the active snapshot stack, and the catalog snapshot.
//!
//! - READ COMMITTED (and READ UNCOMMITTED, which PostgreSQL runs the same
//!   way): every statement gets a new snapshot, so it sees what committed
//!   before it started.
//! - REPEATABLE READ and SERIALIZABLE: the transaction's first snapshot
//!   (taken by its first statement that reads, not by BEGIN or SET) is used
//!   by every statement, with the command id moved forward so the
//!   transaction sees its own earlier commands. SERIALIZABLE behaves as
//!   REPEATABLE READ here: there are no predicate locks, so the
//!   serialization failures that PostgreSQL's SSI raises for read/write
//!   dependency cycles are not detected (write-write conflicts still fail
//!   with 40001, as under REPEATABLE READ).
//!
//! The statement snapshot is taken lazily: [`statement_start`] forgets the
//! previous one, and the first [`get_active_snapshot`] of the statement
//! takes it (PostgreSQL takes it when the statement starts; nothing can
//! tell the difference, since the statement has read nothing before). A
//! portal that outlives its statement (a cursor) keeps a copy of the
//! snapshot it started with, or pushes one with [`push_active_snapshot`].
//!
//! The snapshots are per process (thread-locals); the horizon they hold
//! back is published as the PGPROC's `xmin` by `get_snapshot_data` and
//! cleared at the end of the transaction.

use pg_error::PgResult;
use pg_proc::snapshot::Snapshot;
use std::cell::RefCell;

/// `XactIsoLevel` values (`XACT_*`, the stored numbers of the
/// `transaction_isolation` setting).
pub mod isolation {
    /// `XACT_READ_UNCOMMITTED`.
    pub const READ_UNCOMMITTED: i32 = 0;
    /// `XACT_READ_COMMITTED`.
    pub const READ_COMMITTED: i32 = 1;
    /// `XACT_REPEATABLE_READ`.
    pub const REPEATABLE_READ: i32 = 2;
    /// `XACT_SERIALIZABLE`.
    pub const SERIALIZABLE: i32 = 3;
}

#[derive(Default)]
struct SnapState {
    /// REPEATABLE READ / SERIALIZABLE: the transaction's snapshot
    /// (`FirstXactSnapshot`), once taken.
    xact_snapshot: Option<Snapshot>,
    /// The current statement's snapshot, once taken.
    statement_snapshot: Option<Snapshot>,
    /// Snapshots pushed by portals and functions (`ActiveSnapshot`),
    /// innermost last; they win over the statement snapshot.
    active: Vec<Snapshot>,
}

thread_local! {
    static STATE: RefCell<SnapState> = RefCell::new(SnapState::default());
}

/// `XactIsoLevel`: the current transaction's isolation level (an
/// [`isolation`] number), read by the setting's label so that it does not
/// depend on how the setting stores its values.
pub fn xact_iso_level() -> i32 {
    match pg_guc::vars::TRANSACTION_ISOLATION.label() {
        "serializable" => isolation::SERIALIZABLE,
        "repeatable read" => isolation::REPEATABLE_READ,
        "read uncommitted" => isolation::READ_UNCOMMITTED,
        _ => isolation::READ_COMMITTED,
    }
}

/// `IsolationIsSerializable`.
pub fn isolation_is_serializable() -> bool {
    xact_iso_level() == isolation::SERIALIZABLE
}

/// `GetLatestSnapshot`: a fresh snapshot whatever the isolation level (for
/// EvalPlanQual's re-checks and for RI checks), with the current command id.
pub fn get_latest_snapshot() -> PgResult<Snapshot> {
    pg_proc::procarray::get_snapshot_data(crate::xact::get_current_command_id(false))
}

/// `IsolationUsesXactSnapshot`: REPEATABLE READ or SERIALIZABLE.
pub fn isolation_uses_xact_snapshot() -> bool {
    matches!(xact_iso_level(), isolation::SERIALIZABLE | isolation::REPEATABLE_READ)
}

/// `GetTransactionSnapshot`: a snapshot for a new statement. Under READ
/// COMMITTED a new one each time; under REPEATABLE READ and SERIALIZABLE
/// the transaction's first, with the current command id.
pub fn get_transaction_snapshot() -> PgResult<Snapshot> {
    let curcid = crate::xact::get_current_command_id(false);
    if isolation_uses_xact_snapshot() {
        if let Some(mut s) = STATE.with(|st| st.borrow().xact_snapshot.clone()) {
            s.curcid = curcid;
            return Ok(s);
        }
        let s = pg_proc::procarray::get_snapshot_data(curcid)?;
        STATE.with(|st| st.borrow_mut().xact_snapshot = Some(s.clone()));
        return Ok(s);
    }
    pg_proc::procarray::get_snapshot_data(curcid)
}

/// Whether the transaction has taken its first snapshot (`FirstSnapshotSet`
/// under REPEATABLE READ; under READ COMMITTED whether the current
/// statement has).
pub fn first_snapshot_set() -> bool {
    STATE.with(|st| {
        let st = st.borrow();
        st.xact_snapshot.is_some() || st.statement_snapshot.is_some()
    })
}

/// A new statement begins: the previous statement's snapshot is dropped
/// (the next [`get_active_snapshot`] takes a new one).
pub fn statement_start() {
    STATE.with(|st| st.borrow_mut().statement_snapshot = None);
}

/// `GetActiveSnapshot`: what the executor and catalog scans of the current
/// statement read with: the innermost pushed snapshot, else the
/// statement's (taken now if this is its first read).
pub fn get_active_snapshot() -> PgResult<Snapshot> {
    if let Some(s) = STATE.with(|st| {
        let st = st.borrow();
        st.active.last().cloned().or_else(|| st.statement_snapshot.clone())
    }) {
        return Ok(s);
    }
    let s = get_transaction_snapshot()?;
    STATE.with(|st| st.borrow_mut().statement_snapshot = Some(s.clone()));
    Ok(s)
}

/// `PushActiveSnapshot`.
pub fn push_active_snapshot(snapshot: Snapshot) {
    STATE.with(|st| st.borrow_mut().active.push(snapshot));
}

/// `PopActiveSnapshot`.
pub fn pop_active_snapshot() {
    STATE.with(|st| {
        st.borrow_mut().active.pop();
    });
}

/// `ActiveSnapshotSet`: whether a snapshot was pushed.
pub fn active_snapshot_set() -> bool {
    STATE.with(|st| !st.borrow().active.is_empty())
}

/// `UpdateActiveSnapshotCommandId`: the innermost pushed snapshot (or the
/// statement's) sees the commands done so far (a multi-query portal
/// between its queries).
pub fn update_active_snapshot_command_id() {
    let cid = crate::xact::get_current_command_id(false);
    STATE.with(|st| {
        let mut st = st.borrow_mut();
        if let Some(s) = st.active.last_mut() {
            s.curcid = cid;
        } else if let Some(s) = st.statement_snapshot.as_mut() {
            s.curcid = cid;
        }
    });
}

/// `GetCatalogSnapshot`: a fresh MVCC snapshot for a catalog scan, with
/// the current command id, so a command sees the catalog changes of the
/// earlier ones (and of transactions committed since).
pub fn get_catalog_snapshot() -> PgResult<Snapshot> {
    pg_proc::procarray::get_snapshot_data(crate::xact::get_current_command_id(false))
}

/// `AtEOXact_Snapshot`: the transaction's snapshots go with it.
pub fn at_eoxact() {
    STATE.with(|st| *st.borrow_mut() = SnapState::default());
}

/// `AtSubAbort_Snapshot`: snapshots pushed inside an aborted
/// subtransaction go; `depth` is how many were pushed when it started.
pub fn at_subabort(depth: usize) {
    STATE.with(|st| st.borrow_mut().active.truncate(depth));
}

/// How many snapshots are pushed now (for [`at_subabort`]).
pub fn active_depth() -> usize {
    STATE.with(|st| st.borrow().active.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_committed_and_repeatable_read() {
        crate::clog::tests::with_clog(4, |_| {
            pg_proc::procarray::init_proc_array(2).unwrap();
            pg_proc::procarray::init_proc_array_xids(2).unwrap();
            crate::varsup::shmem_init().unwrap();
            pg_proc::procarray::init_process(pg_proc::procarray::BackendType::ClientBackend, 1).unwrap();
            crate::subtrans::startup_subtrans(3).unwrap();

            // READ COMMITTED (the default): a statement keeps its snapshot,
            // the next one sees a commit made in between.
            crate::xact::start_transaction();
            statement_start();
            let s1 = get_active_snapshot().unwrap();
            assert_eq!(get_active_snapshot().unwrap(), s1);
            crate::xact::start_sub_transaction().unwrap();
            let x = crate::xact::get_current_transaction_id().unwrap();
            crate::xact::commit_sub_transaction().unwrap();
            crate::xact::commit_transaction().unwrap();
            crate::xact::finish_commit();
            at_eoxact();
            assert!(s1.xmax <= x);

            pg_guc::set_config_option(
                "transaction_isolation",
                Some("repeatable read"),
                pg_guc::GucSource::Session,
                false,
                true,
            )
            .unwrap();
            assert!(isolation_uses_xact_snapshot());
            assert_eq!(xact_iso_level(), isolation::REPEATABLE_READ);
            crate::xact::start_transaction();
            statement_start();
            let t1 = get_active_snapshot().unwrap();
            assert!(t1.xmax > x, "the committed transaction is older than the new snapshot");
            crate::xact::get_current_command_id(true);
            crate::xact::command_counter_increment().unwrap();
            statement_start();
            let t2 = get_active_snapshot().unwrap();
            assert_eq!((t2.xmin, t2.xmax, t2.curcid), (t1.xmin, t1.xmax, 1), "same snapshot, next command");
            push_active_snapshot(Snapshot::any());
            assert!(!get_active_snapshot().unwrap().is_mvcc());
            pop_active_snapshot();
            crate::xact::commit_transaction().unwrap();
            crate::xact::finish_commit();
            at_eoxact();
            assert!(!first_snapshot_set());
            pg_proc::procarray::proc_exit_release();
        });
    }
}
