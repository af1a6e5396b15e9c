//! The snapshots the executor reads with (PostgreSQL's
//! `utils/time/snapmgr.c`, the part the executor needs):
//! [`get_transaction_snapshot`] is a new snapshot for each statement under
//! READ COMMITTED and the transaction's first one, kept to its end, under
//! REPEATABLE READ (and SERIALIZABLE, run as REPEATABLE READ);
//! [`get_latest_snapshot`] is always a new one (EvalPlanQual's re-check of
//! a row a concurrent transaction changed). Each carries the current
//! command id, so the statement sees the transaction's earlier commands.
//!
//! The kept snapshot is forgotten at the end of the transaction through a
//! transaction callback registered on first use.

use pg_error::PgResult;
use pg_proc::snapshot::Snapshot;
use std::cell::{Cell, RefCell};

thread_local! {
    /// REPEATABLE READ's transaction snapshot (`FirstXactSnapshot`).
    static XACT_SNAPSHOT: RefCell<Option<Snapshot>> = const { RefCell::new(None) };
    static CALLBACK_REGISTERED: Cell<bool> = const { Cell::new(false) };
}

/// `IsolationUsesXactSnapshot`: REPEATABLE READ or SERIALIZABLE.
pub fn isolation_uses_xact_snapshot() -> bool {
    !matches!(pg_guc::vars::TRANSACTION_ISOLATION.label(), "read committed" | "read uncommitted")
}

fn at_end_of_transaction(event: pg_wal::xact::XactEvent, nest_level: usize) {
    use pg_wal::xact::XactEvent;
    if nest_level <= 1 && matches!(event, XactEvent::Commit | XactEvent::Abort) {
        XACT_SNAPSHOT.with(|s| s.borrow_mut().take());
    }
}

fn register_callback() {
    if !CALLBACK_REGISTERED.with(|c| c.replace(true)) {
        pg_wal::xact::register_xact_callback(pg_wal::xact::XactCallback {
            name: "executor snapshot",
            collect: None,
            event: Some(at_end_of_transaction),
            redo: None,
        });
    }
}

/// `GetTransactionSnapshot`.
pub fn get_transaction_snapshot() -> PgResult<Snapshot> {
    register_callback();
    let curcid = pg_wal::xact::get_current_command_id(false);
    if isolation_uses_xact_snapshot() {
        if let Some(mut s) = XACT_SNAPSHOT.with(|s| s.borrow().clone()) {
            s.curcid = curcid;
            return Ok(s);
        }
        let s = pg_proc::procarray::get_snapshot_data(curcid)?;
        XACT_SNAPSHOT.with(|x| *x.borrow_mut() = Some(s.clone()));
        return Ok(s);
    }
    pg_proc::procarray::get_snapshot_data(curcid)
}

/// `GetLatestSnapshot`.
pub fn get_latest_snapshot() -> PgResult<Snapshot> {
    pg_proc::procarray::get_snapshot_data(pg_wal::xact::get_current_command_id(false))
}
