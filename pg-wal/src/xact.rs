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
//!
//! # The order of a commit (`CommitTransaction`, as pg-tcop runs it)
//!
//! 1. open savepoints commit into the top level ([`commit_sub_transaction`]);
//! 2. [`pre_commit`]: the PreCommit callbacks (may still fail);
//! 3. [`commit_transaction`]: if the transaction has an id, in a critical
//!    section: the callbacks' `collect` fill the record, the commit record
//!    is inserted, flushed (or left to the WAL writer with
//!    `synchronous_commit = off`, the LSN then kept with the clog page),
//!    the clog gets the whole tree; then the transaction leaves the proc
//!    array; then the Commit callbacks (invalidations are sent);
//! 4. pg-tcop releases the resource owners (buffer pins, locks);
//! 5. [`finish_commit`]: the PostCommit callbacks, state and snapshots cleared.
//!
//! An abort is the same with [`abort_transaction`] / [`finish_abort`]; its
//! record is not flushed. A savepoint's abort ([`abort_sub_transaction`])
//! writes an abort record for its subtree at once, marks it aborted in the
//! clog and removes it from the PGPROC's subxid cache; ROLLBACK TO then
//! pops the level ([`cleanup_sub_transaction`]) and starts a new one.
//!
//! # For the next session (state of the transam area)
//!
//! Done: 64-bit ids (varsup), clog and pg_subtrans over one SLRU
//! ([`crate::slru`]), this module, snapshots ([`crate::snapmgr`],
//! `pg_proc::snapshot`, the proc array's transaction side in
//! `pg_proc::procarray`), commit/abort and CLOG WAL records with redo,
//! the SQL functions in pg-tcop's `xactfuncs.rs` (ids, statuses,
//! `pg_snapshot`), `--initial-xid`, read-only transactions (pg-tcop's
//! `xact.rs`: `check_statement_read_only`, `check_plan_read_only`).
//! End-to-end: `tests/snapshots.rs`, `tests/xid_wrap.rs` (2^32, restart,
//! kill -9), golden `tests/sql/xids.sql` and `read_only.sql`.
//! Tests: unit tests here and in clog/subtrans/snapmgr (proptests of the
//! clog and of savepoint trees against models), `tests/transam_procs.rs`
//! (forked backends across 2^32).
//!
//! Not done, or simpler than PostgreSQL:
//! - initdb calls [`bootstrap_transam`], the startup process
//!   [`startup_transam`] after redo (an after-redo hook) and the
//!   checkpoint [`checkpoint_transam`] (a checkpoint hook, before the
//!   buffers); both are registered in pg-tcop's `create_shared_memory`
//!   under `---- wal`, and the checkpoint record carries
//!   `varsup::read_next_full_xid()` / `read_next_oid()`;
//! - SERIALIZABLE runs as REPEATABLE READ (no predicate locks / SSI);
//! - the SLRU keeps one LSN per page, not one per group of 32 ids;
//! - snapshots are not registered one by one: a backend's published xmin
//!   is its first snapshot's, kept while a portal is open or the
//!   transaction is REPEATABLE READ, and cleared between statements
//!   otherwise (pg-tcop's `send_ready_for_query`); correct, only more
//!   conservative than PostgreSQL's pairing heap while cursors are open;
//! - read-only checks look at the plan's top ModifyTable / LockRows only:
//!   when the executor gains writable CTEs, `check_plan_read_only` must
//!   look inside them too (PostgreSQL reports those as "SELECT");
//! - the SLRU uses one control lock for all its buffers, held across page
//!   I/O, instead of PostgreSQL's per-buffer locks (correct; slower only
//!   when the clog's working set exceeds its 4..128 buffers);
//! - no XLOG_XACT_ASSIGNMENT records (no hot standby), no prepared
//!   transactions, no commit timestamps; the clog is never truncated
//!   (ids never wrap: `clog::truncate_clog` exists for when VACUUM tracks
//!   the oldest id still in tables).

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
        // Others wait for this (sub)transaction by taking its xid lock
        // (`XactLockTableInsert`); it belongs to the level's resource owner.
        pg_proc::lock::xact_lock_table_insert(xid)?;
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
    let advanced = STATE.with(|s| {
        let mut s = s.borrow_mut();
        if !s.command_id_used {
            return Ok(false);
        }
        if s.command_id >= pg_proc::xid::INVALID_COMMAND_ID - 1 {
            return Err(PgError::new(
                SqlState::PROGRAM_LIMIT_EXCEEDED,
                "cannot have more than 2^32-2 commands in a transaction",
            ));
        }
        s.command_id += 1;
        s.command_id_used = false;
        Ok(true)
    })?;
    if !advanced {
        return Ok(());
    }
    // `AtCCI_LocalCache`: the catalog applies this command's own
    // invalidations, so the next command sees its catalog changes.
    let hook = *CCI_HOOK.read().unwrap_or_else(|e| e.into_inner());
    match hook {
        Some(f) => f(),
        None => Ok(()),
    }
}

/// What `CommandCounterIncrement` runs after advancing (pg-catalog's
/// `inval::command_end`).
static CCI_HOOK: std::sync::RwLock<Option<CommandEndHook>> = std::sync::RwLock::new(None);

/// The signature of the end-of-command hook.
type CommandEndHook = fn() -> PgResult<()>;

/// Registers the catalog's end-of-command work (`AtCCI_LocalCache`), run
/// by every [`command_counter_increment`] that advances the counter.
pub fn set_command_counter_hook(hook: fn() -> PgResult<()>) {
    *CCI_HOOK.write().unwrap_or_else(|e| e.into_inner()) = Some(hook);
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
        let clog_lsn = flush_commit(lsn)?;
        clog::transaction_id_set_tree_status(xid, &children, XidStatus::Committed, clog_lsn)?;
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
    crate::snapmgr::at_eoxact();
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

/// `XLOG_XACT_COMMIT`: the info bits of a commit record (rmgr Transaction).
pub const XLOG_XACT_COMMIT: u8 = 0x00;
/// `XLOG_XACT_ABORT`.
pub const XLOG_XACT_ABORT: u8 = 0x20;
/// The opcode part of a Transaction record's info (`XLOG_XACT_OPMASK`).
pub const XLOG_XACT_OPMASK: u8 = 0x70;

impl XactRecordContents {
    /// The record's main data: `xact_time` (i64), then counted lists of
    /// subxids (u64 each), dropped relations (spc, db, rel: u32 each) and
    /// the invalidation bytes; little-endian (our form of
    /// `xl_xact_commit` with its `xinfo` sections always present).
    pub fn encode(&self) -> Vec<u8> {
        let mut out =
            Vec::with_capacity(20 + self.subxids.len() * 8 + self.dropped_rels.len() * 12 + self.invalidations.len());
        out.extend_from_slice(&self.xact_time.to_le_bytes());
        out.extend_from_slice(&(self.subxids.len() as u32).to_le_bytes());
        for x in &self.subxids {
            out.extend_from_slice(&x.to_le_bytes());
        }
        out.extend_from_slice(&(self.dropped_rels.len() as u32).to_le_bytes());
        for r in &self.dropped_rels {
            for v in [r.spc, r.db, r.rel] {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out.extend_from_slice(&(self.invalidations.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.invalidations);
        out
    }

    /// Reads [`XactRecordContents::encode`]'s form back (`ParseCommitRecord`);
    /// None when the data is cut short.
    pub fn decode(data: &[u8]) -> Option<XactRecordContents> {
        let mut r = Reader { data, pos: 0 };
        let xact_time = i64::from_le_bytes(r.take(8)?.try_into().ok()?);
        let n = r.u32()? as usize;
        let mut subxids = Vec::with_capacity(n.min(data.len() / 8));
        for _ in 0..n {
            subxids.push(u64::from_le_bytes(r.take(8)?.try_into().ok()?));
        }
        let n = r.u32()? as usize;
        let mut dropped_rels = Vec::with_capacity(n.min(data.len() / 12));
        for _ in 0..n {
            dropped_rels.push(RelFileNode { spc: r.u32()?, db: r.u32()?, rel: r.u32()? });
        }
        let n = r.u32()? as usize;
        let invalidations = r.take(n)?.to_vec();
        Some(XactRecordContents { xact_time, subxids, dropped_rels, invalidations })
    }
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.data.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
}

/// Writes the commit record (`XactLogCommitRecord`: rmgr Transaction,
/// XLOG_XACT_COMMIT, xl_xid = the top-level id) and returns its end.
fn write_commit_record(xid: TransactionId, contents: &XactRecordContents) -> PgResult<XLogRecPtr> {
    let data = contents.encode();
    let mut b = crate::insert::XLogRecordBuilder::new();
    b.register_data(&data).set_xid(xid);
    b.insert(crate::rmgr::RmgrId::TRANSACTION, XLOG_XACT_COMMIT)
}

/// Writes the abort record (`XactLogAbortRecord`: XLOG_XACT_ABORT, xl_xid =
/// the aborted (sub)transaction's id, its subtree in the data).
fn write_abort_record(xid: TransactionId, contents: &XactRecordContents) -> PgResult<XLogRecPtr> {
    let data = contents.encode();
    let mut b = crate::insert::XLogRecordBuilder::new();
    b.register_data(&data).set_xid(xid);
    b.insert(crate::rmgr::RmgrId::TRANSACTION, XLOG_XACT_ABORT)
}

/// Makes the commit record durable (`XLogFlush`), unless
/// `synchronous_commit = off`: then the WAL writer flushes it within
/// `wal_writer_delay` (`XLogSetAsyncXactLSN`), and the returned LSN goes
/// with the clog status so that neither the clog page nor a hint bit
/// reaches disk before the record does. Returns the LSN the clog must
/// carry (0 when the record is already flushed).
fn flush_commit(lsn: XLogRecPtr) -> PgResult<XLogRecPtr> {
    if lsn == 0 {
        return Ok(0);
    }
    if synchronous_commit_off() {
        crate::xlog::xlog_set_async_xact_lsn(lsn);
        return Ok(lsn);
    }
    crate::xlog::xlog_flush(lsn)?;
    Ok(0)
}

/// Redo of a Transaction record (`xact_redo`): the commit or abort goes
/// into the clog for the whole tree, nextXid moves past its ids, and the
/// registered callbacks replay the rest (file drops, invalidations).
pub fn xact_redo(record: &crate::record::DecodedRecord) -> PgResult<()> {
    let op = record.header.info & XLOG_XACT_OPMASK;
    let xid = record.header.xid;
    let is_commit = match op {
        XLOG_XACT_COMMIT => true,
        XLOG_XACT_ABORT => false,
        // Other Transaction records (assignment, invalidations) are not
        // written by this server.
        _ => return Ok(()),
    };
    let contents = XactRecordContents::decode(&record.main_data).ok_or_else(|| {
        PgError::new(
            SqlState::DATA_CORRUPTED,
            format!("invalid transaction record at {}", crate::record::fmt_lsn(record.lsn)),
        )
    })?;
    let newest = contents.subxids.iter().copied().chain([xid]).max().unwrap_or(xid);
    crate::varsup::advance_next_full_xid_past(newest)?;
    let status = if is_commit { XidStatus::Committed } else { XidStatus::Aborted };
    clog::transaction_id_set_tree_status(xid, &contents.subxids, status, 0)?;
    call_redo_callbacks(is_commit, xid, &contents)
}

/// Describes a Transaction record (`xact_desc`).
pub fn xact_desc(record: &crate::record::DecodedRecord) -> String {
    let op = record.header.info & XLOG_XACT_OPMASK;
    let name = match op {
        XLOG_XACT_COMMIT => "COMMIT",
        XLOG_XACT_ABORT => "ABORT",
        _ => return format!("UNKNOWN {op:#x}"),
    };
    match XactRecordContents::decode(&record.main_data) {
        Some(c) => format!(
            "{name} {} subxacts {:?} rels {} invalidation bytes {}",
            record.header.xid,
            c.subxids,
            c.dropped_rels.len(),
            c.invalidations.len()
        ),
        None => format!("{name} (invalid)"),
    }
}

/// initdb's `BootStrapCLOG` / `BootStrapSUBTRANS` with nextXid at
/// `next_xid` ([`crate::varsup::initial_xid`]: FirstNormalTransactionId, or
/// `--initial-xid`): the page holding it is made and written, so the
/// clog starts where the ids will.
pub fn bootstrap_transam(next_xid: TransactionId) -> PgResult<()> {
    crate::varsup::set_next_full_xid(next_xid)?;
    clog::bootstrap_clog(next_xid)?;
    crate::subtrans::startup_subtrans(next_xid)
}

/// After recovery has set nextXid (from the checkpoint and the replayed
/// records): `StartupCLOG`/`TrimCLOG` and `StartupSUBTRANS`, and the proc
/// array's `latestCompletedXid = nextXid - 1`.
pub fn startup_transam() -> PgResult<()> {
    let next = crate::varsup::read_next_full_xid()?;
    clog::startup_clog(next)?;
    crate::subtrans::startup_subtrans(next)?;
    pg_proc::procarray::set_latest_completed_xid(next - 1)
}

/// The checkpoint's transam part (`CheckPointCLOG`, `CheckPointSUBTRANS`):
/// dirty clog pages are written (each after the WAL up to its LSN) and
/// fsynced; pg_subtrans older than every running transaction is removed.
pub fn checkpoint_transam() -> PgResult<()> {
    clog::checkpoint_clog()?;
    let oldest = pg_proc::procarray::get_oldest_xmin().unwrap_or(pg_proc::xid::FIRST_NORMAL_TRANSACTION_ID);
    crate::subtrans::checkpoint_subtrans(oldest)
}

/// Registers transam's pieces with the layers around it, before the
/// postmaster forks: the Transaction and CLOG resource managers, the
/// `xl_xid` of WAL records, and the heavyweight lock manager's waits for
/// transactions (in progress? topmost parent?).
pub fn register_transam() {
    use crate::rmgr::{register_rmgr, RmgrDef, RmgrId};
    register_rmgr(RmgrId::TRANSACTION, RmgrDef { name: "Transaction", redo: xact_redo, desc: xact_desc });
    register_rmgr(RmgrId::CLOG, RmgrDef { name: "CLOG", redo: clog::clog_redo, desc: clog::clog_desc });
    crate::insert::set_record_xid_hook(get_current_transaction_id_if_any);
    pg_proc::lock::set_xact_wait_hooks(
        |xid| pg_proc::procarray::transaction_id_is_in_progress(xid).unwrap_or(false),
        pg_proc::snapshot::subtrans_topmost,
    );
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

    /// More subtransactions than a PGPROC caches: the ids past the cache
    /// are still found running, and inside a snapshot, through pg_subtrans.
    #[test]
    fn subxid_cache_overflow_goes_through_subtrans() {
        crate::clog::tests::with_clog(4, |_| {
            pg_proc::procarray::init_proc_array(1).unwrap();
            pg_proc::procarray::init_proc_array_xids(1).unwrap();
            crate::varsup::shmem_init().unwrap();
            pg_proc::procarray::init_process(pg_proc::procarray::BackendType::ClientBackend, 1).unwrap();
            let base = (1u64 << 32) - 40;
            crate::varsup::set_next_full_xid(base).unwrap();
            crate::subtrans::startup_subtrans(base).unwrap();
            start_transaction();
            let top = get_top_transaction_id().unwrap();
            let mut subs = Vec::new();
            for _ in 0..(pg_proc::procarray::PGPROC_MAX_CACHED_SUBXIDS + 10) {
                start_sub_transaction().unwrap();
                subs.push(get_current_transaction_id().unwrap());
            }
            let last = *subs.last().unwrap();
            assert!(last > 1 << 32);
            assert!(pg_proc::procarray::transaction_id_is_in_progress(last).unwrap(), "found via pg_subtrans");
            assert_eq!(crate::subtrans::sub_trans_get_topmost_transaction(last).unwrap(), top);
            // Another backend's snapshot would list only the top id and say
            // the subxids overflowed.
            let snap = pg_proc::snapshot::Snapshot {
                kind: pg_proc::snapshot::SnapshotKind::Mvcc,
                xmin: top,
                xmax: last + 1,
                xip: vec![top],
                subxip: Vec::new(),
                suboverflowed: true,
                curcid: 0,
            };
            assert!(snap.xid_in_snapshot(last));
            while nest_level() > 1 {
                commit_sub_transaction().unwrap();
            }
            commit_transaction().unwrap();
            finish_commit();
            assert!(!pg_proc::procarray::transaction_id_is_in_progress(last).unwrap());
            assert!(clog::transaction_id_did_commit(last).unwrap());
            pg_proc::procarray::proc_exit_release();
        });
    }

    fn decoded(info: u8, xid: u64, data: &[u8]) -> crate::record::DecodedRecord {
        let mut rec = crate::record::assemble_record(1, info, xid, &[], data).expect("fits");
        crate::record::finish_record(&mut rec, 0);
        let len = rec.len() as u64;
        crate::record::decode_record(&rec, 40, 40 + len).expect("valid")
    }

    #[test]
    fn records_round_trip_and_redo() {
        let c = XactRecordContents {
            xact_time: 812_345,
            subxids: vec![1 << 32, (1 << 32) + 7],
            dropped_rels: vec![RelFileNode { spc: 1663, db: 5, rel: 16384 }],
            invalidations: vec![1, 2, 3],
        };
        assert_eq!(XactRecordContents::decode(&c.encode()), Some(c.clone()));
        assert_eq!(XactRecordContents::decode(&c.encode()[..10]), None);
        crate::clog::tests::with_clog(4, |_| {
            pg_proc::procarray::init_proc_array(1).unwrap();
            pg_proc::procarray::init_proc_array_xids(1).unwrap();
            crate::varsup::shmem_init().unwrap();
            let top = (1u64 << 32) - 3;
            xact_redo(&decoded(XLOG_XACT_COMMIT, top, &c.encode())).unwrap();
            assert!(clog::transaction_id_did_commit(top).unwrap());
            assert!(clog::transaction_id_did_commit((1 << 32) + 7).unwrap());
            assert_eq!(crate::varsup::read_next_full_xid().unwrap(), (1 << 32) + 8);
            let abort = XactRecordContents { xact_time: 1, ..XactRecordContents::default() };
            xact_redo(&decoded(XLOG_XACT_ABORT, (1 << 32) + 9, &abort.encode())).unwrap();
            assert!(clog::transaction_id_did_abort((1 << 32) + 9).unwrap());
            assert!(xact_desc(&decoded(XLOG_XACT_COMMIT, top, &c.encode())).starts_with("COMMIT 4294967293"));
            assert!(xact_redo(&decoded(XLOG_XACT_COMMIT, top, &[1, 2])).is_err());
        });
    }

    /// One step of a random transaction: savepoints opened, ids assigned,
    /// savepoints released or rolled back.
    #[derive(Clone, Debug)]
    enum Op {
        Savepoint,
        Assign,
        Release,
        RollbackTo,
    }

    fn op() -> impl proptest::strategy::Strategy<Value = Op> {
        use proptest::prelude::*;
        prop_oneof![Just(Op::Savepoint), Just(Op::Assign), Just(Op::Release), Just(Op::RollbackTo)]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 32, ..Default::default() })]

        /// A random tree of savepoints against a model: which ids are the
        /// transaction's own after each step, and every id's clog status
        /// once the top level commits or aborts.
        #[test]
        fn savepoint_trees_match_a_model(ops in proptest::collection::vec(op(), 1..40), commit in proptest::bool::ANY) {
            crate::clog::tests::with_clog(4, |_| {
                pg_proc::procarray::init_proc_array(1).unwrap();
                pg_proc::procarray::init_proc_array_xids(1).unwrap();
                crate::varsup::shmem_init().unwrap();
                pg_proc::procarray::init_process(pg_proc::procarray::BackendType::ClientBackend, 1).unwrap();
                crate::varsup::set_next_full_xid((1 << 32) - 20).unwrap();
                crate::subtrans::startup_subtrans((1 << 32) - 20).unwrap();
                // The model: per open level, the ids that are its own so far
                // (its id and its committed children's); ids of aborted
                // subtrees.
                let mut levels: Vec<Vec<u64>> = vec![Vec::new()];
                let mut aborted: Vec<u64> = Vec::new();
                start_transaction();
                for op in &ops {
                    match op {
                        Op::Savepoint => {
                            start_sub_transaction().unwrap();
                            levels.push(Vec::new());
                        }
                        Op::Assign => {
                            let had = get_current_transaction_id_if_any();
                            let x = get_current_transaction_id().unwrap();
                            if had == 0 {
                                // Parents first: any level without an id gets one.
                                let first_new = levels.iter().position(|l| l.is_empty()).unwrap_or(levels.len() - 1);
                                let mut next = x - (levels.len() - 1 - first_new) as u64;
                                for l in &mut levels[first_new..] {
                                    if l.is_empty() {
                                        l.push(next);
                                        next += 1;
                                    }
                                }
                            }
                        }
                        Op::Release if levels.len() > 1 => {
                            commit_sub_transaction().unwrap();
                            let done = levels.pop().unwrap();
                            levels.last_mut().unwrap().extend(done);
                        }
                        Op::RollbackTo if levels.len() > 1 => {
                            abort_sub_transaction().unwrap();
                            cleanup_sub_transaction();
                            start_sub_transaction().unwrap();
                            aborted.extend(levels.pop().unwrap());
                            levels.push(Vec::new());
                        }
                        _ => {}
                    }
                    let own: Vec<u64> = levels.iter().flatten().copied().collect();
                    for &x in &own {
                        assert!(transaction_id_is_current_transaction_id(x), "{x} is ours ({ops:?})");
                    }
                    for &x in &aborted {
                        assert!(!transaction_id_is_current_transaction_id(x), "{x} was rolled back ({ops:?})");
                        assert!(clog::transaction_id_did_abort(x).unwrap());
                    }
                }
                let own: Vec<u64> = levels.iter().flatten().copied().collect();
                if commit {
                    // COMMIT first commits the open savepoints into the top
                    // level, as pg-tcop does.
                    while nest_level() > 1 {
                        commit_sub_transaction().unwrap();
                    }
                    commit_transaction().unwrap();
                    finish_commit();
                } else {
                    abort_transaction().unwrap();
                    finish_abort();
                }
                for &x in &own {
                    assert_eq!(clog::transaction_id_did_commit(x).unwrap(), commit, "{x} ({ops:?})");
                }
                for &x in &aborted {
                    assert!(clog::transaction_id_did_abort(x).unwrap());
                }
                assert!(!pg_proc::procarray::transaction_id_is_in_progress(own.iter().chain(&aborted).copied().max().unwrap_or(3)).unwrap());
                pg_proc::procarray::proc_exit_release();
            });
        }
    }
}
