//! Transaction-block state as a stack (PostgreSQL's
//! `access/transam/xact.c`: the `TransactionState` stack and its TBLOCK_*
//! states). Until the storage issue there are no transaction ids or
//! snapshots: this tracks what the protocol and the client see (the
//! ReadyForQuery status byte, the 25P02 aborted state, BEGIN/COMMIT
//! warnings), the savepoints, and what each level must undo at its end: its
//! settings (GUC nest levels) and the resources its [`ResourceOwner`]
//! holds.
//!
//! The stack: the top-level transaction is level 1 and owns the
//! `TopTransaction` resource owner; each SAVEPOINT pushes a subtransaction
//! with its own GUC nest level and a child resource owner. PostgreSQL
//! defers most state changes to `CommitTransactionCommand` (TBLOCK_SUBBEGIN,
//! TBLOCK_SUBRELEASE, ...); here a statement's effect on the stack happens
//! when it runs, which the client cannot tell apart because each of these
//! statements is its own command.
//!
//! Errors: an error inside a transaction block aborts the innermost level
//! at once (its settings are undone and its resources released, as
//! `AbortSubTransaction` / `AbortTransaction` do) and leaves it on the
//! stack in the failed state (TBLOCK_SUBABORT / TBLOCK_ABORT) until
//! ROLLBACK, or ROLLBACK TO a savepoint at or outside it.

use pg_error::{PgError, PgResult, Severity, SqlState};
use pg_mcxt::{AllocSetSizes, MemoryContext, StandardContext};
use pg_proc::resowner::{self, ResourceOwner};
use pg_protocol::backend::TransactionStatus;

/// The transaction block state of the top level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockState {
    /// No transaction block: each statement is its own transaction.
    Default,
    /// Inside BEGIN ... COMMIT.
    InProgress,
    /// A statement in the block failed outside every savepoint; only
    /// ROLLBACK (or COMMIT, which rolls back) ends it.
    Failed,
}

/// One savepoint: a subtransaction on the stack (`TransactionStateData`
/// with a name).
struct SubTransaction {
    /// The savepoint's name, as the client wrote it.
    name: String,
    /// The GUC nest level its changes belong to.
    guc_level: u32,
    /// The subtransaction's resource owner (child of the enclosing level's).
    owner: ResourceOwner,
    /// Its `CurTransactionContext` (a child of the enclosing level's).
    context: MemoryContext,
    /// Aborted by an error (TBLOCK_SUBABORT): only ROLLBACK TO or ROLLBACK.
    failed: bool,
}

/// The backend's transaction state.
pub struct Transaction {
    /// Top-level block state.
    pub block: BlockState,
    /// Whether a (single-statement or block) transaction is open now.
    pub open: bool,
    /// The top-level transaction's resource owner while one is open.
    top_owner: Option<ResourceOwner>,
    /// Open savepoints, innermost last.
    subxacts: Vec<SubTransaction>,
    /// A multi-statement Query without BEGIN is running
    /// (TBLOCK_IMPLICIT_INPROGRESS); set and cleared by the caller.
    pub implicit_block: bool,
    /// The last local transaction ID handed out (`nextLocalTransactionId`
    /// less one): each top-level transaction gets the next.
    local_xids: u32,
}

impl Default for Transaction {
    fn default() -> Self {
        Transaction {
            block: BlockState::Default,
            open: false,
            top_owner: None,
            subxacts: Vec::new(),
            implicit_block: false,
            local_xids: 0,
        }
    }
}

thread_local! {
    /// Whether the current transaction has analysed a query (PostgreSQL's
    /// `FirstSnapshotSet`: parse analysis of a query takes the transaction's
    /// first snapshot). The transaction modes can no longer change after it.
    static FIRST_SNAPSHOT_SET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `AtStart_Memory`: `TransactionAbortContext` (32 kB kept for the work
/// of aborting, made once), and a new `TopTransactionContext`, which is
/// also the `CurTransactionContext` until a savepoint.
fn at_start_memory() {
    thread_local! {
        static ABORT_CONTEXT: std::cell::OnceCell<MemoryContext> = const { std::cell::OnceCell::new() };
    }
    ABORT_CONTEXT.with(|c| {
        c.get_or_init(|| {
            let sizes =
                AllocSetSizes { min_context_size: 32 * 1024, init_block_size: 32 * 1024, max_block_size: 32 * 1024 };
            pg_mcxt::top_memory_context().create_child_with("TransactionAbortContext", sizes)
        });
    });
    let top = pg_mcxt::create_top_transaction_context();
    pg_mcxt::set_standard_context(StandardContext::CurTransaction, Some(top));
}

/// `AtCleanup_Memory`: the transaction's contexts (savepoints' included)
/// go with `TopTransactionContext`.
fn at_cleanup_memory() {
    pg_mcxt::set_standard_context(StandardContext::CurTransaction, None);
    if let Some(top) = pg_mcxt::standard_context(StandardContext::TopTransaction) {
        top.delete();
    }
    pg_mcxt::set_standard_context(StandardContext::TopTransaction, None);
}

/// `AtSubStart_Memory`: a savepoint's `CurTransactionContext`, under the
/// enclosing level's.
fn at_sub_start_memory() -> MemoryContext {
    let parent = pg_mcxt::standard_context(StandardContext::CurTransaction)
        .unwrap_or_else(pg_mcxt::create_top_transaction_context);
    let cxt = parent.create_child("CurTransactionContext");
    pg_mcxt::set_standard_context(StandardContext::CurTransaction, Some(cxt.clone()));
    cxt
}

/// Records that the current transaction analysed a query.
pub(crate) fn mark_first_snapshot() {
    FIRST_SNAPSHOT_SET.with(|f| f.set(true));
}

/// Whether the current transaction has analysed a query (`FirstSnapshotSet`).
pub(crate) fn first_snapshot_set() -> bool {
    FIRST_SNAPSHOT_SET.with(|f| f.get())
}

/// Which statement asks for a transaction block (for the 25P01 message).
fn require_block(what: &str) -> PgError {
    PgError::new(SqlState::NO_ACTIVE_SQL_TRANSACTION, format!("{what} can only be used in transaction blocks"))
}

fn no_such_savepoint(name: &str) -> PgError {
    PgError::new(SqlState::S_E_INVALID_SPECIFICATION, format!("savepoint \"{name}\" does not exist"))
}

impl Transaction {
    /// The ReadyForQuery status byte.
    pub fn status(&self) -> TransactionStatus {
        if self.is_failed() {
            return TransactionStatus::Failed;
        }
        match self.block {
            BlockState::Default => TransactionStatus::Idle,
            _ => TransactionStatus::InBlock,
        }
    }

    /// Whether the current level is aborted (TBLOCK_ABORT or TBLOCK_SUBABORT).
    pub fn is_failed(&self) -> bool {
        match self.subxacts.last() {
            Some(s) => s.failed,
            None => self.block == BlockState::Failed,
        }
    }

    /// The nesting level of the current (sub)transaction: 1 for the
    /// top-level transaction, one more per savepoint, 0 with none open
    /// (`GetCurrentTransactionNestLevel`). Portals remember the level that
    /// created them, to be dropped when it aborts.
    pub fn nest_level(&self) -> usize {
        if self.open {
            1 + self.subxacts.len()
        } else {
            0
        }
    }

    /// Whether BEGIN opened a block (explicit, not the implicit block of a
    /// multi-statement Query).
    pub fn in_block(&self) -> bool {
        self.block != BlockState::Default
    }

    /// Whether statements run in a transaction block: BEGIN, or the
    /// implicit block of a multi-statement Query (`IsTransactionBlock`,
    /// which DECLARE CURSOR without HOLD requires).
    pub fn is_transaction_block(&self) -> bool {
        self.block != BlockState::Default || self.implicit_block
    }

    /// The nest level an error aborts now (`AbortCurrentTransaction`): the
    /// innermost level unless it already failed; None when nothing is
    /// open or the level already failed.
    pub fn level_to_abort(&self) -> Option<usize> {
        if !self.open || self.is_failed() {
            return None;
        }
        if self.block == BlockState::Default {
            return Some(1);
        }
        Some(self.nest_level())
    }

    /// The nest level of the innermost savepoint called `name` (2 for the
    /// first savepoint), or 3B001.
    pub fn savepoint_level(&self, name: &str) -> PgResult<usize> {
        Ok(self.find_savepoint(name)? + 2)
    }

    /// The resource owner of nest level `level` (1 = the transaction).
    pub fn owner_at_level(&self, level: usize) -> Option<ResourceOwner> {
        match level {
            0 => None,
            1 => self.top_owner,
            l => self.subxacts.get(l - 2).map(|s| s.owner),
        }
    }

    /// The resource owner of the current (sub)transaction
    /// (`CurTransactionResourceOwner`), if a transaction is open.
    pub fn current_owner(&self) -> Option<ResourceOwner> {
        self.subxacts.last().map(|s| s.owner).or(self.top_owner)
    }

    /// StartTransactionCommand(): opens a transaction if none is open.
    pub fn start_command(&mut self) {
        if !self.open {
            self.open = true;
            // A new local transaction ID (`MyProc->lxid`), for the log's %v.
            self.local_xids = self.local_xids.wrapping_add(1).max(1);
            pg_error::elog::set_local_xid(self.local_xids);
            crate::logstmt::sample_transaction();
            let now = pg_proc::procarray::now_timestamptz();
            pg_types::set_transaction_timestamp(now);
            pg_proc::procarray::report_xact_start(now);
            pg_guc::at_transaction_start();
            // No transaction id yet: one is assigned at the first write.
            pg_wal::xact::start_transaction();
            // AtStart_Cache: catch up with other backends' catalog changes.
            if let Err(e) = pg_catalog::sinval::accept_invalidation_messages() {
                tracing::error!("{}", e.message);
            }
            FIRST_SNAPSHOT_SET.with(|f| f.set(false));
            at_start_memory();
            let owner = ResourceOwner::create(None, "TopTransaction");
            resowner::set_current(Some(owner));
            self.top_owner = Some(owner);
        }
        pg_types::set_statement_timestamp(pg_proc::procarray::now_timestamptz());
        // A new statement: under READ COMMITTED its first read takes a
        // new snapshot.
        pg_wal::snapmgr::statement_start();
    }

    /// CommitTransactionCommand(): outside a block, the statement's
    /// transaction ends here; inside one (explicit or implicit), the next
    /// command sees this one's changes (`CommandCounterIncrement`).
    pub fn finish_command(&mut self) {
        if self.block == BlockState::Default && !self.implicit_block && self.open {
            self.end(true);
        } else if self.open && !self.is_failed() {
            self.command_counter_increment();
        }
    }

    /// `CommandCounterIncrement` between the commands of a transaction
    /// block. Its one error (54000, more than 2^32-2 commands) is left for
    /// the next command to meet, which cannot get a new command id either.
    pub fn command_counter_increment(&mut self) {
        if let Err(e) = pg_wal::xact::command_counter_increment() {
            crate::NOTICES.with(|n| n.borrow_mut().push(e));
        }
    }

    /// CommitTransaction() / AbortTransaction(): closes every level, in
    /// PostgreSQL's order: the commit (or abort) is recorded and the
    /// transaction leaves the proc array (`pg_wal::xact`), then the
    /// settings and the resources (pins, locks) go, then the post-commit
    /// work (pending file deletions) runs.
    fn end(&mut self, commit: bool) {
        let mut commit = commit;
        if commit {
            // Savepoints still open commit into the top level
            // (CommitSubTransaction for each, innermost first).
            for _ in &self.subxacts {
                if let Err(e) = pg_wal::xact::commit_sub_transaction() {
                    tracing::error!("{}", e.message);
                }
            }
            pg_wal::xact::pre_commit();
            if let Err(e) = pg_wal::xact::commit_transaction() {
                // Nothing was recorded: the transaction aborts instead.
                crate::NOTICES.with(|n| n.borrow_mut().push(e));
                commit = false;
            }
        }
        if !commit {
            if let Err(e) = pg_wal::xact::abort_transaction() {
                tracing::error!("{}", e.message);
            }
        }
        // Savepoints still open end with the transaction; their settings
        // and resources go with the top level's (at_eoxact(1) closes every
        // GUC level inside it).
        while let Some(sub) = self.subxacts.pop() {
            release_owner(sub.owner, commit);
        }
        if commit {
            pg_guc::at_transaction_commit();
        } else {
            pg_guc::at_transaction_abort();
        }
        if let Some(owner) = self.top_owner.take() {
            release_owner(owner, commit);
        }
        if !commit {
            // LWLocks are not owned by a resource owner (PostgreSQL's
            // LWLockReleaseAll in AbortTransaction): none may survive an
            // error.
            pg_shmem::lwlock_release_all();
        }
        if commit {
            pg_wal::xact::finish_commit();
        } else {
            pg_wal::xact::finish_abort();
        }
        resowner::set_current(None);
        at_cleanup_memory();
        self.open = false;
        self.block = BlockState::Default;
        pg_proc::procarray::report_xact_start(0);
        pg_error::elog::set_local_xid(0);
    }

    /// AbortCurrentTransaction(): after an error. Inside a block the
    /// innermost level is aborted and stays on the stack as failed;
    /// otherwise the statement's transaction is rolled back.
    pub fn abort_on_error(&mut self) {
        match self.block {
            BlockState::Default => {
                if self.open {
                    self.end(false);
                }
            }
            BlockState::InProgress | BlockState::Failed => {
                pg_shmem::lwlock_release_all();
                if let Some(sub) = self.subxacts.last_mut() {
                    if !sub.failed {
                        // AbortSubTransaction: record its abort, undo its
                        // settings and free what it held; the savepoint
                        // stays defined.
                        sub.failed = true;
                        if let Err(e) = pg_wal::xact::abort_sub_transaction() {
                            tracing::error!("{}", e.message);
                        }
                        pg_guc::at_eoxact(sub.guc_level, false);
                        let _ = resowner::release(sub.owner, false);
                        resowner::set_current(Some(sub.owner));
                    }
                } else {
                    // PostgreSQL keeps the block open (TBLOCK_ABORT) but
                    // undoes the failed transaction's effects at once.
                    self.block = BlockState::Failed;
                    if let Err(e) = pg_wal::xact::abort_transaction() {
                        tracing::error!("{}", e.message);
                    }
                    if let Some(owner) = self.top_owner {
                        let _ = resowner::release(owner, false);
                        resowner::set_current(Some(owner));
                    }
                }
            }
        }
    }

    /// BEGIN / START TRANSACTION. Returns a warning to send, if any.
    pub fn begin(&mut self) -> Option<PgError> {
        match self.block {
            BlockState::Default => {
                self.block = BlockState::InProgress;
                None
            }
            _ => Some(PgError::notice(
                Severity::Warning,
                SqlState::ACTIVE_SQL_TRANSACTION,
                "there is already a transaction in progress",
            )),
        }
    }

    /// COMMIT / END. Returns (command tag, warning).
    pub fn commit(&mut self) -> (&'static str, Option<PgError>) {
        if self.block == BlockState::Default {
            self.end(true);
            return ("COMMIT", Some(no_transaction_warning()));
        }
        if self.is_failed() || self.block == BlockState::Failed {
            // COMMIT of a failed block rolls it back, as PostgreSQL does.
            self.end(false);
            ("ROLLBACK", None)
        } else {
            self.end(true);
            ("COMMIT", None)
        }
    }

    /// ROLLBACK / ABORT. Returns the warning to send, if any.
    pub fn rollback(&mut self) -> Option<PgError> {
        let warn = (self.block == BlockState::Default).then(no_transaction_warning);
        self.end(false);
        warn
    }

    /// SAVEPOINT name (`DefineSavepoint`): pushes a subtransaction. Outside
    /// BEGIN (also in a multi-statement Query's implicit block, as
    /// PostgreSQL's TBLOCK_IMPLICIT_INPROGRESS) it is 25P01.
    pub fn savepoint(&mut self, name: &str) -> PgResult<()> {
        if self.block == BlockState::Default {
            return Err(require_block("SAVEPOINT"));
        }
        self.check_not_failed()?;
        pg_wal::xact::start_sub_transaction()?;
        let parent = self.current_owner();
        let owner = ResourceOwner::create(parent, "SubTransaction");
        resowner::set_current(Some(owner));
        self.subxacts.push(SubTransaction {
            name: name.to_string(),
            guc_level: pg_guc::new_nest_level(),
            owner,
            context: at_sub_start_memory(),
            failed: false,
        });
        Ok(())
    }

    /// The index of the innermost savepoint called `name`.
    fn find_savepoint(&self, name: &str) -> PgResult<usize> {
        self.subxacts.iter().rposition(|s| s.name == name).ok_or_else(|| no_such_savepoint(name))
    }

    /// RELEASE [SAVEPOINT] name (`ReleaseSavepoint`): commits the named
    /// savepoint and every one inside it; their settings and resources
    /// belong to the enclosing level from then on.
    pub fn release_savepoint(&mut self, name: &str) -> PgResult<()> {
        if self.block == BlockState::Default {
            return Err(require_block("RELEASE SAVEPOINT"));
        }
        self.check_not_failed()?;
        let target = self.find_savepoint(name)?;
        pg_guc::at_eoxact(self.subxacts[target].guc_level, true);
        while self.subxacts.len() > target {
            let sub = self.subxacts.pop().expect("target is within the stack");
            pg_wal::xact::commit_sub_transaction()?;
            release_owner(sub.owner, true);
            // AtSubCommit_Memory keeps a committed savepoint's memory for
            // the enclosing level; nothing is allocated there yet, so it
            // goes as PostgreSQL drops an empty one.
            sub.context.delete();
        }
        self.set_cur_transaction_context();
        resowner::set_current(self.current_owner());
        Ok(())
    }

    /// ROLLBACK TO [SAVEPOINT] name (`RollbackToSavepoint`): aborts every
    /// savepoint inside the named one, and the named one itself, which
    /// then starts afresh (it stays defined). Allowed in the aborted state;
    /// the level it returns to is no longer failed.
    pub fn rollback_to_savepoint(&mut self, name: &str) -> PgResult<()> {
        if self.block == BlockState::Default {
            return Err(require_block("ROLLBACK TO SAVEPOINT"));
        }
        let target = self.find_savepoint(name)?;
        pg_guc::at_eoxact(self.subxacts[target].guc_level, false);
        while self.subxacts.len() > target + 1 {
            let sub = self.subxacts.pop().expect("inner savepoints are on the stack");
            if !sub.failed {
                pg_wal::xact::abort_sub_transaction()?;
            }
            pg_wal::xact::cleanup_sub_transaction();
            release_owner(sub.owner, false);
            sub.context.delete();
        }
        pg_shmem::lwlock_release_all();
        // The named savepoint itself is aborted and begins afresh with no
        // transaction id (RollbackToSavepoint: AbortSubTransaction,
        // CleanupSubTransaction, then DefineSavepoint of the same name).
        if !self.subxacts[target].failed {
            pg_wal::xact::abort_sub_transaction()?;
        }
        pg_wal::xact::cleanup_sub_transaction();
        pg_wal::xact::start_sub_transaction()?;
        let sub = self.subxacts.last_mut().expect("the target is on the stack");
        let _ = resowner::release(sub.owner, false);
        sub.failed = false;
        sub.guc_level = pg_guc::new_nest_level();
        // The savepoint starts afresh: its memory goes (CleanupSubTransaction).
        sub.context.reset();
        resowner::set_current(Some(sub.owner));
        self.set_cur_transaction_context();
        Ok(())
    }

    /// Points `CurTransactionContext` at the innermost open level's context.
    fn set_cur_transaction_context(&self) {
        let cur = match self.subxacts.last() {
            Some(sub) => Some(sub.context.clone()),
            None => pg_mcxt::standard_context(StandardContext::TopTransaction),
        };
        pg_mcxt::set_standard_context(StandardContext::CurTransaction, cur);
    }

    /// Refuses everything but transaction-ending commands in a failed block.
    pub fn check_not_failed(&self) -> PgResult<()> {
        if self.is_failed() {
            return Err(PgError::new(
                SqlState::IN_FAILED_SQL_TRANSACTION,
                "current transaction is aborted, commands ignored until end of transaction block",
            ));
        }
        Ok(())
    }
}

/// Releases and deletes a (sub)transaction's resource owner, reporting any
/// leak warnings (commit only) as notices to the client.
fn release_owner(owner: ResourceOwner, commit: bool) {
    let warnings = resowner::release(owner, commit);
    resowner::delete(owner);
    crate::NOTICES.with(|n| n.borrow_mut().extend(warnings));
}

fn no_transaction_warning() -> PgError {
    PgError::notice(Severity::Warning, SqlState::NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress")
}

/// `PreventCommandIfReadOnly`: 25006 when the transaction is read-only
/// (`transaction_read_only`, from `BEGIN READ ONLY`, `SET TRANSACTION READ
/// ONLY` or `default_transaction_read_only`).
pub(crate) fn prevent_command_if_read_only(command: &str) -> PgResult<()> {
    if pg_guc::vars::TRANSACTION_READ_ONLY.get() {
        return Err(PgError::new(
            SqlState::READ_ONLY_SQL_TRANSACTION,
            format!("cannot execute {command} in a read-only transaction"),
        ));
    }
    Ok(())
}

/// `ClassifyUtilityCommandAsReadOnly` for a statement about to run: those
/// that change nothing durable may run in a read-only transaction; queries
/// pass here and are judged on their plan ([`check_plan_read_only`]).
pub(crate) fn check_statement_read_only(stmt: &pg_parser::Stmt) -> PgResult<()> {
    use pg_parser::Stmt;
    if !pg_guc::vars::TRANSACTION_READ_ONLY.get() {
        return Ok(());
    }
    let allowed = match stmt {
        Stmt::Copy(c) => !c.is_from,
        Stmt::Select(_)
        | Stmt::Explain(_)
        | Stmt::Insert(_)
        | Stmt::Update(_)
        | Stmt::Delete(_)
        | Stmt::VariableSet(_)
        | Stmt::VariableShow { .. }
        | Stmt::Transaction(_)
        | Stmt::DeclareCursor(_)
        | Stmt::Fetch(_)
        | Stmt::Discard(_)
        | Stmt::ClosePortal { .. }
        | Stmt::Checkpoint
        | Stmt::Lock(_)
        | Stmt::Prepare(_)
        | Stmt::Execute(_)
        | Stmt::Deallocate { .. }
        | Stmt::Listen { .. }
        | Stmt::Unlisten { .. }
        | Stmt::Notify { .. }
        | Stmt::Load { .. }
        | Stmt::Do(_)
        | Stmt::Call(_)
        | Stmt::ConstraintsSet(_)
        | Stmt::Vacuum(_)
        | Stmt::Cluster(_)
        | Stmt::Reindex(_) => true,
        _ => false,
    };
    if allowed {
        return Ok(());
    }
    let command = if matches!(stmt, Stmt::Copy(_)) { "COPY FROM" } else { stmt.command_tag() };
    prevent_command_if_read_only(command)
}

/// `ExecCheckXactReadOnly` at executor start: in a read-only transaction a
/// plan may not write, or lock rows of, a table other than a temporary one
/// (EXPLAIN without ANALYZE runs nothing and passes).
pub(crate) fn check_plan_read_only(plan: &pg_planner::PlannedStmt) -> PgResult<()> {
    use pg_planner::Plan;
    if !pg_guc::vars::TRANSACTION_READ_ONLY.get() || plan.explain.as_ref().is_some_and(|e| !e.analyze) {
        return Ok(());
    }
    let is_temp = |relid: u32| {
        pg_catalog::relcache::relation_id_get_relation(relid)
            .ok()
            .flatten()
            .is_some_and(|r| r.persistence == pg_catalog::Persistence::Temp)
    };
    let mut node = &plan.plan;
    loop {
        match node {
            Plan::ModifyTable { command, target, .. } => {
                if is_temp(target.relid) {
                    return Ok(());
                }
                let name = match command {
                    pg_analyze::CmdType::Insert => "INSERT",
                    pg_analyze::CmdType::Update => "UPDATE",
                    pg_analyze::CmdType::Delete => "DELETE",
                    pg_analyze::CmdType::Select => "SELECT",
                };
                return prevent_command_if_read_only(name);
            }
            Plan::LockRows { marks, .. } => {
                let Some(first) = marks.iter().find(|m| !is_temp(m.relid)) else { return Ok(()) };
                // CreateCommandName names a locking SELECT by its first
                // clause's strength.
                let name = match marks.first().map_or(first.strength, |m| m.strength) {
                    0 => "SELECT FOR KEY SHARE",
                    1 => "SELECT FOR SHARE",
                    2 => "SELECT FOR NO KEY UPDATE",
                    _ => "SELECT FOR UPDATE",
                };
                return prevent_command_if_read_only(name);
            }
            Plan::Limit { input, .. } => node = input,
            _ => return Ok(()),
        }
    }
}

/// `SET TRANSACTION SNAPSHOT 'id'` (`ImportSnapshot`), with PostgreSQL's
/// checks in its order. No snapshot is ever exported here
/// (`pg_export_snapshot` is not supported), so every identifier is one
/// PostgreSQL would not find either.
pub(crate) fn import_snapshot(id: Option<&pg_parser::Value>) -> PgResult<String> {
    if first_snapshot_set() {
        return Err(PgError::new(
            SqlState::ACTIVE_SQL_TRANSACTION,
            "SET TRANSACTION SNAPSHOT must be called before any query",
        ));
    }
    if !pg_wal::snapmgr::isolation_uses_xact_snapshot() {
        return Err(PgError::new(
            SqlState::FEATURE_NOT_SUPPORTED,
            "a snapshot-importing transaction must have isolation level SERIALIZABLE or REPEATABLE READ",
        ));
    }
    let id = match id {
        Some(pg_parser::Value::String(s)) => s.clone(),
        Some(pg_parser::Value::Integer(i)) => i.to_string(),
        Some(pg_parser::Value::Float(f)) => f.clone(),
        _ => String::new(),
    };
    // A malformed identifier and one with no exported snapshot file get
    // the same answer in PostgreSQL.
    Err(PgError::new(SqlState::INVALID_PARAMETER_VALUE, format!("invalid snapshot identifier: \"{id}\"")))
}
