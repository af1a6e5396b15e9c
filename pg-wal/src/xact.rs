//! The process's transaction state (PostgreSQL's `access/transam/xact.c`:
//! the `TransactionState` stack's ids and command counter, and
//! `RecordTransactionCommit` / `RecordTransactionAbort`).
//!
//! pg-tcop's `xact.rs` drives the transaction block (BEGIN, SAVEPOINT,
//! errors) and calls in here in PostgreSQL's order; this module owns what
//! the storage layers ask while a transaction runs:
//!
//! - the transaction id, assigned lazily at the first write
//!   ([`get_current_transaction_id`]); a subtransaction's id likewise,
//!   parents first, each recorded in pg_subtrans with its parent, and all
//!   published in the PGPROC ([`crate::varsup::get_new_transaction_id`]);
//!   a read-only transaction gets none and writes nothing;
//! - [`transaction_id_is_current_transaction_id`]: whether an id is this
//!   transaction's, or one of its subtransactions' that has not aborted;
//! - the command counter ([`get_current_command_id`],
//!   [`command_counter_increment`]);
//! - the end: the commit (or abort) is recorded in the clog for the whole
//!   tree, then the transaction leaves the proc array, then the callbacks
//!   registered by higher layers run ([`register_xact_callback`]: pending
//!   file deletions from pg-storage, invalidations from pg-catalog).
//!
//! The ids are process-local state (a thread-local, as every per-backend
//! global here), so they need no lock; what others must see goes through
//! the PGPROC, the clog and the WAL.

use crate::block::{RelFileNode, XLogRecPtr};
use crate::clog::{self, XidStatus};
use pg_error::{PgError, PgResult, SqlState};
use pg_proc::xid::{CommandId, TransactionId, FIRST_COMMAND_ID, INVALID_TRANSACTION_ID};
use std::cell::RefCell;

/// What a commit or abort record carries besides the ids (the parts of
/// `xl_xact_parsed_commit` that higher layers supply through
/// [`XactCallback::collect`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct XactRecordContents {
    /// When the transaction committed or aborted (`xact_time`, microseconds
    /// since 2000-01-01).
    pub xact_time: i64,
    /// The committed (or aborted) subtransactions' ids.
    pub subxids: Vec<TransactionId>,
    /// Relation files to remove once the record is durable (pg-storage's
    /// pending deletes: dropped relations at commit, created ones at abort).
    pub dropped_rels: Vec<RelFileNode>,
    /// Catalog invalidation messages (pg-catalog's encoding, opaque here),
    /// replayed by redo so that caches of other processes stay right.
    pub invalidations: Vec<u8>,
}

/// The points at which registered callbacks run (`XactEvent`,
/// `SubXactEvent`), in PostgreSQL's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XactEvent {
    /// Before the commit record: may still fail and turn the commit into
    /// an abort (`XACT_EVENT_PRE_COMMIT`).
    PreCommit,
    /// The commit is recorded and the transaction has left the proc array;
    /// locks are still held (invalidations are sent here).
    Commit,
    /// After the locks are released (pending file deletions happen here).
    PostCommit,
    /// The abort is recorded and the transaction has left the proc array.
    Abort,
    /// After the locks are released.
    PostAbort,
    /// A subtransaction committed into its parent (`SUBXACT_EVENT_COMMIT_SUB`).
    SubCommit,
    /// A subtransaction aborted (`SUBXACT_EVENT_ABORT_SUB`).
    SubAbort,
}

/// Callbacks a higher layer registers before the postmaster forks
/// (`RegisterXactCallback`, plus the record and redo sides that
/// PostgreSQL's xact.c calls by name).
#[derive(Clone, Copy, Debug)]
pub struct XactCallback {
    /// Who registered (for messages).
    pub name: &'static str,
    /// Adds what the commit (`true`) or abort record must carry.
    pub collect: Option<fn(is_commit: bool, contents: &mut XactRecordContents)>,
    /// Runs at each event, with the nest level (1 for the top level).
    pub event: Option<fn(event: XactEvent, nest_level: usize)>,
    /// Redo of a commit (`true`) or abort record: what the record carries
    /// is replayed (files dropped, invalidations sent).
    pub redo: Option<XactRedoFn>,
}

/// A redo callback: commit (`true`) or abort of `xid` with what its record carries.
pub type XactRedoFn = fn(is_commit: bool, xid: TransactionId, contents: &XactRecordContents) -> PgResult<()>;

static CALLBACKS: std::sync::RwLock<Vec<XactCallback>> = std::sync::RwLock::new(Vec::new());

/// `RegisterXactCallback`: registers `cb` (once per name; a second
/// registration under the same name replaces the first).
pub fn register_xact_callback(cb: XactCallback) {
    let mut list = CALLBACKS.write().unwrap_or_else(|e| e.into_inner());
    list.retain(|c| c.name != cb.name);
    list.push(cb);
}

fn callbacks() -> Vec<XactCallback> {
    CALLBACKS.read().unwrap_or_else(|e| e.into_inner()).clone()
}

fn call_event(event: XactEvent, nest_level: usize) {
    for cb in callbacks() {
        if let Some(f) = cb.event {
            f(event, nest_level);
        }
    }
}

fn collect(is_commit: bool, contents: &mut XactRecordContents) {
    for cb in callbacks() {
        if let Some(f) = cb.collect {
            f(is_commit, contents);
        }
    }
}

/// Runs the registered redo callbacks for a replayed commit or abort.
pub fn call_redo_callbacks(is_commit: bool, xid: TransactionId, contents: &XactRecordContents) -> PgResult<()> {
    for cb in callbacks() {
        if let Some(f) = cb.redo {
            f(is_commit, xid, contents)?;
        }
    }
    Ok(())
}

/// One level of the transaction stack (`TransactionStateData`'s id part).
#[derive(Debug, Default)]
struct Level {
    /// This level's id, INVALID until assigned.
    xid: TransactionId,
    /// Ids of committed subtransactions below this level (`childXids`).
    children: Vec<TransactionId>,
}

#[derive(Debug, Default)]
struct State {
    /// The levels, top-level first; empty outside a transaction.
    levels: Vec<Level>,
    /// `currentCommandId`.
    command_id: CommandId,
    /// `currentCommandIdUsed`.
    command_id_used: bool,
    /// The top level has been aborted (its abort recorded); only the
    /// cleanup is left (TBLOCK_ABORT until ROLLBACK).
    aborted: bool,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

/// `StartTransaction`'s id part: a new top-level transaction with no id
/// and command id 0.
pub fn start_transaction() {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.levels.clear();
        s.levels.push(Level::default());
        s.command_id = FIRST_COMMAND_ID;
        s.command_id_used = false;
        s.aborted = false;
    });
}

/// Whether a transaction is open in this process.
pub fn is_transaction_state() -> bool {
    STATE.with(|s| !s.borrow().levels.is_empty())
}

/// `GetCurrentTransactionNestLevel`: 1 for the top level, 0 outside.
pub fn nest_level() -> usize {
    STATE.with(|s| s.borrow().levels.len())
}

/// `StartSubTransaction`: a new level without an id.
pub fn start_sub_transaction() -> PgResult<()> {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        if s.levels.is_empty() {
            return Err(PgError::internal("StartSubTransaction outside a transaction"));
        }
        s.levels.push(Level::default());
        Ok(())
    })
}

/// `GetTopTransactionId`: the top-level id, assigned now if needed.
pub fn get_top_transaction_id() -> PgResult<TransactionId> {
    assign_up_to(1)
}

/// `GetTopTransactionIdIfAny`.
pub fn get_top_transaction_id_if_any() -> TransactionId {
    STATE.with(|s| s.borrow().levels.first().map(|l| l.xid).unwrap_or(INVALID_TRANSACTION_ID))
}

/// `GetCurrentTransactionId`: the current (sub)transaction's id, assigned
/// now (parents first) if it has none: called by whatever is about to
/// write the id into a tuple or a WAL record.
pub fn get_current_transaction_id() -> PgResult<TransactionId> {
    let level = nest_level();
    if level == 0 {
        return Err(PgError::internal("cannot assign a transaction id outside a transaction"));
    }
    assign_up_to(level)
}

/// `GetCurrentTransactionIdIfAny`.
pub fn get_current_transaction_id_if_any() -> TransactionId {
    STATE.with(|s| s.borrow().levels.last().map(|l| l.xid).unwrap_or(INVALID_TRANSACTION_ID))
}

/// `AssignTransactionId` for levels 1..=`level` that have no id yet, the
/// outermost first (a child's id must be newer than its parent's).
fn assign_up_to(level: usize) -> PgResult<TransactionId> {
    if crate::varsup::is_bootstrap_processing_mode() {
        return Ok(pg_proc::xid::BOOTSTRAP_TRANSACTION_ID);
    }
    for l in 1..=level {
        let (have, parent) = STATE.with(|s| {
            let s = s.borrow();
            (s.levels[l - 1].xid, if l > 1 { s.levels[l - 2].xid } else { INVALID_TRANSACTION_ID })
        });
        if have != INVALID_TRANSACTION_ID {
            continue;
        }
        let xid = crate::varsup::get_new_transaction_id(l > 1)?;
        if l > 1 {
            crate::subtrans::sub_trans_set_parent(xid, parent)?;
        }
        STATE.with(|s| s.borrow_mut().levels[l - 1].xid = xid);
    }
    Ok(STATE.with(|s| s.borrow().levels[level - 1].xid))
}

/// `TransactionIdIsCurrentTransactionId`: whether `xid` is this
/// transaction's own: its top-level id, an open subtransaction's, or a
/// committed subtransaction's (ids of aborted subtransactions are not).
pub fn transaction_id_is_current_transaction_id(xid: TransactionId) -> bool {
    if xid == INVALID_TRANSACTION_ID {
        return false;
    }
    if crate::varsup::is_bootstrap_processing_mode() && xid == pg_proc::xid::BOOTSTRAP_TRANSACTION_ID {
        return true;
    }
    STATE.with(|s| s.borrow().levels.iter().any(|l| l.xid == xid || l.children.contains(&xid)))
}

/// Every id of the transaction tree (`xactGetCommittedChildren` plus the
/// top): the top-level id first, then the committed children.
fn tree_ids_at(level: usize) -> (TransactionId, Vec<TransactionId>) {
    STATE.with(|s| {
        let s = s.borrow();
        let l = &s.levels[level - 1];
        (l.xid, l.children.clone())
    })
}

/// `GetCurrentCommandId(used)`: the current command's id; `used` says the
/// caller writes it into a tuple, so the next
/// [`command_counter_increment`] must really advance.
pub fn get_current_command_id(used: bool) -> CommandId {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        if used {
            s.command_id_used = true;
        }
        s.command_id
    })
}

/// `CommandCounterIncrement`: makes the current command's changes visible
/// to the next one. Only advances if the command id was used; 54000 after
/// 2^32 - 2 commands, as PostgreSQL.
pub fn command_counter_increment() -> PgResult<()> {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        if !s.command_id_used {
            return Ok(());
        }
        if s.command_id >= pg_proc::xid::INVALID_COMMAND_ID - 1 {
            return Err(PgError::new(
                SqlState::PROGRAM_LIMIT_EXCEEDED,
                "cannot have more than 2^32-2 commands in a transaction",
            ));
        }
        s.command_id += 1;
        s.command_id_used = false;
        Ok(())
    })
}

/// `CallXactCallbacks(XACT_EVENT_PRE_COMMIT)`: the last moment a commit
/// may still fail.
pub fn pre_commit() {
    call_event(XactEvent::PreCommit, 1);
}

/// `CommitTransaction`'s durable part (`RecordTransactionCommit`, then
/// `ProcArrayEndTransaction`, then the Commit callbacks). A transaction
/// without an id writes nothing. The caller then releases its resources
/// (pins, locks) and calls [`finish_commit`].
pub fn commit_transaction() -> PgResult<()> {
    let (xid, children) = tree_ids_at(1);
    let mut latest = INVALID_TRANSACTION_ID;
    if xid != INVALID_TRANSACTION_ID && !crate::varsup::is_bootstrap_processing_mode() {
        let mut contents = XactRecordContents {
            xact_time: pg_proc::procarray::now_timestamptz(),
            subxids: children.clone(),
            ..XactRecordContents::default()
        };
        collect(true, &mut contents);
        // Nothing may fail between the record and the clog: an error there
        // would leave a committed record with a running transaction.
        let _crit = pg_error::crit::start_crit_section();
        let lsn = write_commit_record(xid, &contents)?;
        flush_commit(lsn)?;
        clog::transaction_id_set_tree_status(xid, &children, XidStatus::Committed, lsn)?;
        latest = children.iter().copied().chain([xid]).max().unwrap_or(xid);
    }
    pg_proc::procarray::proc_array_end_transaction(latest)?;
    call_event(XactEvent::Commit, 1);
    Ok(())
}

/// The end of `CommitTransaction` after the locks are released: the
/// PostCommit callbacks, and the state is cleared.
pub fn finish_commit() {
    call_event(XactEvent::PostCommit, 1);
    clear_state();
}

/// `AbortTransaction`'s id part (`RecordTransactionAbort`, then
/// `ProcArrayEndTransaction`, then the Abort callbacks). Safe to call
/// after an error at any point of the transaction.
pub fn abort_transaction() -> PgResult<()> {
    if nest_level() == 0 || STATE.with(|s| s.borrow().aborted) {
        return Ok(());
    }
    let (xid, children) = tree_ids_at(1);
    // Open subtransactions die with the top level: their ids are part of
    // the aborted tree as well.
    let open_subs: Vec<TransactionId> = STATE.with(|s| {
        let s = s.borrow();
        s.levels[1..].iter().flat_map(|l| l.children.iter().copied().chain([l.xid])).filter(|&x| x != 0).collect()
    });
    let mut all: Vec<TransactionId> = children.into_iter().chain(open_subs).collect();
    all.sort_unstable();
    all.dedup();
    let mut latest = INVALID_TRANSACTION_ID;
    if xid != INVALID_TRANSACTION_ID && !crate::varsup::is_bootstrap_processing_mode() {
        record_abort(xid, &all)?;
        latest = all.iter().copied().chain([xid]).max().unwrap_or(xid);
    }
    // The ids are no longer this transaction's (an aborted tree is
    // nobody's), and a second abort (ROLLBACK after the error) records
    // nothing again.
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.aborted = true;
        for l in &mut s.levels {
            l.xid = INVALID_TRANSACTION_ID;
            l.children.clear();
        }
    });
    pg_proc::procarray::proc_array_end_transaction(latest)?;
    call_event(XactEvent::Abort, 1);
    Ok(())
}

/// The end of `AbortTransaction` / `CleanupTransaction` after the locks are
/// released.
pub fn finish_abort() {
    call_event(XactEvent::PostAbort, 1);
    clear_state();
}

fn clear_state() {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.levels.clear();
        s.command_id = FIRST_COMMAND_ID;
        s.command_id_used = false;
        s.aborted = false;
    });
    pg_proc::procarray::reset_my_xmin();
}

/// `RecordTransactionAbort` for the tree `xid` + `subxids`: the abort
/// record (not flushed: an abort needs no durability, a crash aborts the
/// same way), then the clog.
fn record_abort(xid: TransactionId, subxids: &[TransactionId]) -> PgResult<()> {
    let mut contents = XactRecordContents {
        xact_time: pg_proc::procarray::now_timestamptz(),
        subxids: subxids.to_vec(),
        ..XactRecordContents::default()
    };
    collect(false, &mut contents);
    let _lsn = write_abort_record(xid, &contents)?;
    clog::transaction_id_set_tree_status(xid, subxids, XidStatus::Aborted, 0)
}

/// `CommitSubTransaction`: the innermost subtransaction's ids become its
/// parent's committed children (nothing is written: the top level's commit
/// record carries them).
pub fn commit_sub_transaction() -> PgResult<()> {
    let level = nest_level();
    if level < 2 {
        return Err(PgError::internal("CommitSubTransaction without a subtransaction"));
    }
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        let l = s.levels.pop().expect("level >= 2");
        let parent = s.levels.last_mut().expect("level >= 2");
        if l.xid != INVALID_TRANSACTION_ID {
            parent.children.push(l.xid);
        }
        parent.children.extend(l.children);
    });
    call_event(XactEvent::SubCommit, level);
    Ok(())
}

/// `AbortSubTransaction`: the innermost subtransaction's tree is recorded
/// aborted (abort record, clog) and leaves the proc array's subxid cache;
/// its ids stop being current. The level stays (TBLOCK_SUBABORT) until
/// [`cleanup_sub_transaction`]; a second call does nothing.
pub fn abort_sub_transaction() -> PgResult<()> {
    let level = nest_level();
    if level < 2 {
        return Err(PgError::internal("AbortSubTransaction without a subtransaction"));
    }
    let (xid, children) = tree_ids_at(level);
    if xid != INVALID_TRANSACTION_ID {
        record_abort(xid, &children)?;
        let mut all = children.clone();
        all.push(xid);
        let latest = all.iter().copied().max().unwrap_or(xid);
        pg_proc::procarray::proc_array_remove_subxids(&all, latest)?;
    }
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        let l = &mut s.levels[level - 1];
        l.xid = INVALID_TRANSACTION_ID;
        l.children.clear();
    });
    call_event(XactEvent::SubAbort, level);
    Ok(())
}

/// `CleanupSubTransaction`: pops the innermost (aborted) level.
pub fn cleanup_sub_transaction() {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        if s.levels.len() >= 2 {
            s.levels.pop();
        }
    });
}

/// Writes the commit record (rmgr Transaction, XLOG_XACT_COMMIT) and
/// returns its end position.
fn write_commit_record(_xid: TransactionId, _contents: &XactRecordContents) -> PgResult<XLogRecPtr> {
    // The record is inserted once the WAL insert side is in place; until
    // then the clog alone records the commit.
    Ok(0)
}

/// Writes the abort record (rmgr Transaction, XLOG_XACT_ABORT).
fn write_abort_record(_xid: TransactionId, _contents: &XactRecordContents) -> PgResult<XLogRecPtr> {
    Ok(0)
}

/// Waits until the commit record is durable, unless
/// `synchronous_commit = off` (then the WAL writer flushes it soon).
fn flush_commit(lsn: XLogRecPtr) -> PgResult<()> {
    if lsn == 0 || synchronous_commit_off() {
        return Ok(());
    }
    Ok(())
}

/// Whether `synchronous_commit` is `off` (the asynchronous commit; `local`,
/// `remote_write`, `on` and `remote_apply` all wait for the local flush
/// since there is no replication).
pub fn synchronous_commit_off() -> bool {
    // The enum's stored values are PostgreSQL's SYNCHRONOUS_COMMIT_* ; off is 0.
    pg_guc::vars::SYNCHRONOUS_COMMIT.get() == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole tree in one process: ids are assigned lazily and parents
    /// first, committed children count as current, aborted ones do not, and
    /// the clog and proc array follow.
    #[test]
    fn ids_subtransactions_commit_and_abort() {
        crate::clog::tests::with_clog(4, |_| {
            pg_proc::procarray::init_proc_array(2).unwrap();
            pg_proc::procarray::init_proc_array_xids(2).unwrap();
            crate::varsup::shmem_init().unwrap();
            let slot = pg_proc::procarray::init_process(pg_proc::procarray::BackendType::ClientBackend, 1).unwrap();
            let base = (1u64 << 32) - 1;
            crate::varsup::set_next_full_xid(base).unwrap();
            crate::clog::bootstrap_clog(base).unwrap();
            crate::subtrans::startup_subtrans(base).unwrap();

            // A read-only transaction gets no id and writes nothing.
            start_transaction();
            assert_eq!(get_current_command_id(false), 0);
            command_counter_increment().unwrap();
            assert_eq!(get_current_command_id(true), 0);
            command_counter_increment().unwrap();
            assert_eq!(get_current_command_id(false), 1);
            commit_transaction().unwrap();
            finish_commit();
            assert_eq!(crate::varsup::read_next_full_xid().unwrap(), base);

            // Savepoints: the inner one's id comes after its parent's.
            start_transaction();
            start_sub_transaction().unwrap();
            start_sub_transaction().unwrap();
            let inner = get_current_transaction_id().unwrap();
            let top = get_top_transaction_id_if_any();
            assert_eq!((top, inner), (base, base + 2), "parents first, across 2^32");
            assert_eq!(crate::subtrans::sub_trans_get_topmost_transaction(inner).unwrap(), top);
            assert_eq!(pg_proc::procarray::my_published_xid(), top);
            assert!(pg_proc::procarray::transaction_id_is_in_progress(inner).unwrap());
            commit_sub_transaction().unwrap(); // RELEASE the inner one
            assert!(transaction_id_is_current_transaction_id(inner));
            abort_sub_transaction().unwrap(); // ROLLBACK TO the outer one
            cleanup_sub_transaction();
            assert!(!transaction_id_is_current_transaction_id(inner));
            assert!(!transaction_id_is_current_transaction_id(base + 1));
            assert!(clog::transaction_id_did_abort(inner).unwrap());
            assert!(clog::transaction_id_did_abort(base + 1).unwrap());
            assert!(!pg_proc::procarray::transaction_id_is_in_progress(inner).unwrap());
            start_sub_transaction().unwrap();
            let kept = get_current_transaction_id().unwrap();
            commit_sub_transaction().unwrap();
            commit_transaction().unwrap();
            finish_commit();
            assert!(clog::transaction_id_did_commit(top).unwrap());
            assert!(clog::transaction_id_did_commit(kept).unwrap());
            assert!(!pg_proc::procarray::transaction_id_is_in_progress(top).unwrap());
            assert_eq!(pg_proc::procarray::latest_completed_xid().unwrap(), kept);

            // An aborted top level takes its open subtransactions along.
            start_transaction();
            start_sub_transaction().unwrap();
            let sub = get_current_transaction_id().unwrap();
            abort_transaction().unwrap();
            finish_abort();
            assert!(clog::transaction_id_did_abort(sub).unwrap());
            assert!(clog::transaction_id_did_abort(sub - 1).unwrap());
            assert_eq!(nest_level(), 0);
            let _ = slot;
            pg_proc::procarray::proc_exit_release();
        });
    }
}
