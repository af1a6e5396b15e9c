//! The `ModifyTable` node (PostgreSQL's `nodeModifyTable.c`:
//! `ExecInsert`, `ExecUpdate`, `ExecDelete`, `ExecConstraints`) and the
//! `LockRows` node (`nodeLockRows.c`), with the EvalPlanQual re-check
//! both need (`execMain.c`'s `EvalPlanQual`).
//!
//! **ModifyTable** reads its input's rows and, inside the current
//! transaction with the statement's command id, inserts each new row,
//! or updates / deletes the row whose address ends the input row. Before
//! a row is written its NOT NULL columns (23502 `null value in column "a"
//! of relation "t" violates not-null constraint`) and CHECK constraints
//! (23514, failing only on false) are checked, both with DETAIL `Failing
//! row contains (...)`. It returns the RETURNING rows (over the new row,
//! or the deleted one) and counts the rows for the command tag.
//!
//! **Concurrent changes.** heapam waits for a transaction that is changing
//! the same row (`xact_lock_table_wait`). If that transaction committed an
//! update or delete, REPEATABLE READ fails with 40001 `could not serialize
//! access due to concurrent update`. READ COMMITTED re-checks the newest
//! version (EvalPlanQual, `epq.rs`): it locks the end of the update chain,
//! fetches it, and re-runs the input plan for it, the other FROM items
//! (FROM / USING) giving the rows they had joined: the row is then changed
//! as it is now, or skipped when it no longer qualifies or was deleted.
//!
//! **LockRows** locks each returned row of the tables FOR UPDATE/SHARE
//! names, with the same waits; SKIP LOCKED drops a row locked by someone
//! else, NOWAIT fails with 55P03 `could not obtain lock on row in relation
//! "t"`. When some of a row's tables had a newer version, those are locked
//! and the input plan re-run once with the newest versions of those and
//! the locked (or joined) rows of the others, as `nodeLockRows.c` does.

use crate::epq::EpqPlan;
use crate::eval::{eval, PerTupleContext};
use crate::nodes::{PlanState, Row};
use crate::table::{datum_tid, open_table, Table};
use crate::ExecContext;
use pg_analyze::{CmdType, Expr, ModifyTarget, RelationRef, RowMark};
use pg_error::{PgError, PgResult, SqlState};
use pg_planner::Plan;
use pg_proc::snapshot::Snapshot;
use pg_storage::heap::heapam::{
    heap_delete, heap_fetch, heap_insert, heap_lock_tuple, heap_update, BulkInsertState, LockTupleMode, LockWaitPolicy,
};
use pg_storage::heap::tuple::ItemPointer;
use pg_storage::heap::visibility::TmResult;
use pg_types::datum::Datum;

/// 40001, as PostgreSQL's REPEATABLE READ reports a row changed since its snapshot.
fn serialization_failure(what: &str) -> PgError {
    PgError::new(SqlState::T_R_SERIALIZATION_FAILURE, format!("could not serialize access due to {what}"))
}

/// Locks the newest version of a row a committed transaction updated
/// (`table_tuple_lock` with `TUPLE_LOCK_FLAG_FIND_LAST_VERSION`), waiting
/// for a transaction changing it now: its address and its scan row as
/// `relation`'s scan reads it, or None when it was deleted.
fn lock_newest(
    table: &Table,
    relation: &RelationRef,
    mut tid: ItemPointer,
    cid: pg_proc::xid::CommandId,
    mode: LockTupleMode,
    ctx: &ExecContext<'_>,
) -> PgResult<Option<(ItemPointer, Row)>> {
    loop {
        ctx.check_interrupts()?;
        let (res, fd) = heap_lock_tuple(&table.storage, tid, cid, mode, LockWaitPolicy::Block)?;
        match res {
            TmResult::Ok | TmResult::SelfModified => {}
            TmResult::Updated if fd.ctid != tid => {
                tid = fd.ctid;
                continue;
            }
            TmResult::Updated | TmResult::Deleted | TmResult::Invisible => return Ok(None),
            TmResult::BeingModified | TmResult::WouldBlock => {
                return Err(PgError::internal("row lock returned without waiting"))
            }
        }
        let Some(tup) = heap_fetch(&table.storage, &mut Snapshot::any(), tid)? else { return Ok(None) };
        let needed = table.rel.tupdesc.attrs.len();
        let row = table.scan_row(&tup.data, tid, &relation.attnums, needed, relation.ctid)?;
        return Ok(Some((tid, row)));
    }
}

/// The EvalPlanQual re-check of a node's input, with the leaf of the
/// table whose `ctid` is output column `ctid_entry` (None when the input
/// cannot be re-run).
fn epq_for(input: (&Plan, Option<usize>), ctid_entry: usize) -> Option<(EpqPlan<'_>, usize)> {
    let epq = EpqPlan::new(input.0, input.1)?;
    let leaf = epq.leaf_of_entry(ctid_entry)?;
    epq.leaf_relation(leaf)?;
    Some((epq, leaf))
}

/// Execution state of a `ModifyTable` node (`ModifyTableState`).
pub struct ModifyTableState<'p> {
    command: CmdType,
    target: &'p ModifyTarget,
    input: PlanState<'p>,
    returning: &'p [Expr],
    /// The re-check of the input, and the target table's leaf in it.
    epq: Option<(EpqPlan<'p>, usize)>,
    /// Where the input rows' copy of the joined row starts (FROM / USING).
    joined_row: Option<usize>,
    table: Option<Table>,
    cid: pg_proc::xid::CommandId,
    /// Rows inserted, updated or deleted (the command tag's count).
    processed: u64,
    econtext: PerTupleContext,
    /// INSERT: the block the last row went to stays pinned while this node
    /// runs (released whenever `next` returns).
    bistate: BulkInsertState,
    /// INSERT: the input rows are already the table's physical rows.
    physical_order: bool,
    /// INSERT: the previous row's tuple bytes, reused for the next tuple.
    tuple_buf: Vec<u8>,
}

impl<'p> ModifyTableState<'p> {
    pub(crate) fn new(
        command: CmdType,
        target: &'p ModifyTarget,
        input: PlanState<'p>,
        input_plan: (&'p Plan, Option<usize>),
        returning: &'p [Expr],
    ) -> ModifyTableState<'p> {
        // The junk `ctid` follows the new row (UPDATE) or is alone (DELETE).
        let ctid_entry = if command == CmdType::Update { target.columns.len() } else { 0 };
        ModifyTableState {
            command,
            target,
            input,
            returning,
            epq: if command == CmdType::Insert { None } else { epq_for(input_plan, ctid_entry) },
            joined_row: input_plan.1,
            table: None,
            cid: 0,
            processed: 0,
            econtext: PerTupleContext::new(),
            bistate: BulkInsertState::new(),
            physical_order: false,
            tuple_buf: Vec::new(),
        }
    }

    /// The input.
    pub(crate) fn input(&self) -> &PlanState<'p> {
        &self.input
    }

    /// Rows changed so far.
    pub(crate) fn processed(&self) -> u64 {
        self.processed
    }

    /// A rescan is never asked of a ModifyTable (it is the top of its plan).
    pub(crate) fn rescan(&mut self) {
        self.input.rescan();
    }

    /// `ExecConstraints`: NOT NULL, then the CHECK constraints, over the new row.
    fn check_constraints(&self, values: &[Datum], ctx: &ExecContext<'_>) -> PgResult<()> {
        for (c, v) in self.target.columns.iter().zip(values) {
            if c.not_null && v.is_null() {
                return Err(PgError::new(
                    SqlState::NOT_NULL_VIOLATION,
                    format!(
                        "null value in column \"{}\" of relation \"{}\" violates not-null constraint",
                        c.name, self.target.name
                    ),
                )
                .with_detail(self.failing_row(values, ctx)));
            }
        }
        if self.target.checks.is_empty() {
            return Ok(());
        }
        let _per_tuple = self.econtext.reset_for_row(&ctx.query_allocator);
        for (name, check) in &self.target.checks {
            // Only false fails a CHECK; NULL passes.
            if eval(check, values, &ctx.ecxt())? == Datum::Bool(false) {
                return Err(PgError::new(
                    SqlState::CHECK_VIOLATION,
                    format!("new row for relation \"{}\" violates check constraint \"{name}\"", self.target.name),
                )
                .with_detail(self.failing_row(values, ctx)));
            }
        }
        Ok(())
    }

    /// `ExecBuildSlotValueDescription`: `Failing row contains (1, null).`
    fn failing_row(&self, values: &[Datum], ctx: &ExecContext<'_>) -> String {
        let shown: Vec<String> = self
            .target
            .columns
            .iter()
            .zip(values)
            .map(
                |(c, v)| {
                    if v.is_null() {
                        "null".to_string()
                    } else {
                        pg_types::io::output(c.type_oid, v, ctx.settings)
                    }
                },
            )
            .collect();
        format!("Failing row contains ({}).", shown.join(", "))
    }

    fn open(&mut self) -> PgResult<()> {
        if self.table.is_none() {
            // RowExclusiveLock, as the analyzer took it (`rellockmode`).
            let table = open_table(self.target.relid, 3)?;
            self.physical_order = table.is_physical_order(self.target.columns.iter().map(|c| c.attnum));
            self.table = Some(table);
            // The command writes: its id is used (`es_output_cid`).
            self.cid = pg_wal::xact::get_current_command_id(true);
        }
        Ok(())
    }

    pub(crate) fn next(&mut self, ctx: &mut ExecContext<'_>) -> PgResult<Option<Row>> {
        let r = self.next_row(ctx);
        // No pin is held while the caller has control: a portal that stops
        // here may be dropped after its transaction's ResourceOwner is gone.
        self.bistate.release();
        r
    }

    fn next_row(&mut self, ctx: &mut ExecContext<'_>) -> PgResult<Option<Row>> {
        self.open()?;
        let ncols = self.target.columns.len();
        while let Some(row) = self.input.next(ctx)? {
            ctx.check_interrupts()?;
            let written = match self.command {
                CmdType::Insert => self.insert(row, ncols, ctx)?,
                CmdType::Update => self.update(row, ncols, ctx)?,
                CmdType::Delete => self.delete(row, ctx)?,
                CmdType::Select => return Err(PgError::internal("ModifyTable for a SELECT")),
            };
            let Some(values) = written else { continue };
            self.processed += 1;
            if !self.returning.is_empty() {
                let _per_tuple = self.econtext.reset_for_row(&ctx.query_allocator);
                let ecxt = ctx.ecxt();
                return self.returning.iter().map(|e| eval(e, &values, &ecxt)).collect::<PgResult<Row>>().map(Some);
            }
        }
        Ok(None)
    }

    /// `ExecInsert`.
    fn insert(&mut self, mut row: Row, ncols: usize, ctx: &ExecContext<'_>) -> PgResult<Option<Row>> {
        row.truncate(ncols);
        self.check_constraints(&row, ctx)?;
        let table = self.table.as_ref().expect("opened");
        let reuse = std::mem::take(&mut self.tuple_buf);
        let mut tup = if self.physical_order {
            table.form_reusing(&row, reuse)?
        } else {
            let physical = table.physical_row(self.target.columns.iter().map(|c| c.attnum), &row);
            table.form_reusing(&physical, reuse)?
        };
        heap_insert(&table.storage, &mut tup, self.cid, Some(&mut self.bistate))?;
        self.tuple_buf = tup.data;
        Ok(Some(row))
    }

    /// `ExecUpdate`: the new values, then the old row's address (and the
    /// joined row's copy EvalPlanQual may need). Returns the row RETURNING
    /// reads.
    fn update(&mut self, mut row: Row, ncols: usize, ctx: &mut ExecContext<'_>) -> PgResult<Option<Row>> {
        let mut tid = datum_tid(row.get(ncols).unwrap_or(&Datum::Null))?;
        loop {
            let values = &row[..ncols];
            self.check_constraints(values, ctx)?;
            let table = self.table.as_ref().expect("opened");
            let physical = table.physical_row(self.target.columns.iter().map(|c| c.attnum), values);
            let old = table.fetch_for_toast(tid)?;
            let mut tup = table.form(&physical)?;
            let (res, fd, _hot) = heap_update(&table.storage, tid, &mut tup, self.cid, None, true)?;
            match self.after_conflict(res, fd, tid, &row, ctx)? {
                Conflict::Done => {
                    self.table.as_ref().expect("opened").toast_delete(old.as_deref())?;
                    return Ok(Some(match self.joined_row {
                        // The joined row, with the new values in place of
                        // the target's old ones.
                        Some(j) if !self.returning.is_empty() => {
                            let mut joined = row.get(j..).unwrap_or_default().to_vec();
                            if joined.len() < ncols {
                                return Err(PgError::internal("the joined row is shorter than the new row"));
                            }
                            joined[..ncols].clone_from_slice(&row[..ncols]);
                            joined
                        }
                        _ => {
                            row.truncate(ncols);
                            row
                        }
                    }));
                }
                Conflict::Skip => return Ok(None),
                Conflict::Retry(new_tid, new_row) => {
                    tid = new_tid;
                    row = new_row;
                }
            }
        }
    }

    /// `ExecDelete`: returns the deleted row's values for RETURNING.
    fn delete(&mut self, mut row: Row, ctx: &mut ExecContext<'_>) -> PgResult<Option<Row>> {
        let mut tid = datum_tid(row.first().unwrap_or(&Datum::Null))?;
        let old = loop {
            let table = self.table.as_ref().expect("opened");
            let old = table.fetch_for_toast(tid)?;
            let (res, fd) = heap_delete(&table.storage, tid, self.cid, None, true)?;
            match self.after_conflict(res, fd, tid, &row, ctx)? {
                Conflict::Done => break old,
                Conflict::Skip => return Ok(None),
                Conflict::Retry(new_tid, new_row) => {
                    tid = new_tid;
                    row = new_row;
                }
            }
        };
        let table = self.table.as_ref().expect("opened");
        // RETURNING reads the row as it was deleted, before its
        // out-of-line values go.
        let returned = if self.returning.is_empty() {
            Vec::new()
        } else if let Some(j) = self.joined_row {
            row.get(j..).unwrap_or_default().to_vec()
        } else {
            let Some(tup) = heap_fetch(&table.storage, &mut Snapshot::any(), tid)? else {
                return Err(PgError::internal("a deleted row could not be fetched for RETURNING"));
            };
            let attnums: Vec<i16> = self.target.columns.iter().map(|c| c.attnum).collect();
            table.scan_row(&tup.data, tid, &attnums, self.target.natts, false)?
        };
        table.toast_delete(old.as_deref())?;
        Ok(Some(returned))
    }

    /// What to do after heapam refused a change (`TM_Result` handling in
    /// `ExecUpdate` / `ExecDelete`).
    fn after_conflict(
        &self,
        res: TmResult,
        fd: pg_storage::heap::visibility::TmFailureData,
        tid: ItemPointer,
        input_row: &[Datum],
        ctx: &mut ExecContext<'_>,
    ) -> PgResult<Conflict> {
        match res {
            TmResult::Ok => Ok(Conflict::Done),
            // Changed by this very command (a join matched the row twice):
            // the first change stands. By a later command of this
            // transaction (a function the statement called): an error.
            TmResult::SelfModified if fd.cmax != self.cid && fd.cmax != pg_proc::xid::INVALID_COMMAND_ID => {
                Err(PgError::new(
                    SqlState::TRIGGERED_DATA_CHANGE_VIOLATION,
                    format!(
                        "tuple to be {} was already modified by an operation triggered by the current command",
                        if self.command == CmdType::Delete { "deleted" } else { "updated" }
                    ),
                ))
            }
            TmResult::SelfModified | TmResult::Invisible => Ok(Conflict::Skip),
            TmResult::Updated | TmResult::Deleted => {
                if pg_wal::snapmgr::isolation_uses_xact_snapshot() {
                    return Err(serialization_failure(if res == TmResult::Deleted {
                        "concurrent delete"
                    } else {
                        "concurrent update"
                    }));
                }
                if res == TmResult::Deleted || fd.ctid == tid {
                    return Ok(Conflict::Skip);
                }
                let Some((epq, leaf)) = &self.epq else {
                    return Err(serialization_failure("concurrent update"));
                };
                let table = self.table.as_ref().expect("opened");
                let relation = epq.leaf_relation(*leaf).expect("the target leaf is a table scan");
                let Some((new_tid, test_row)) =
                    lock_newest(table, relation, fd.ctid, self.cid, LockTupleMode::Exclusive, ctx)?
                else {
                    return Ok(Conflict::Skip);
                };
                Ok(match epq.recheck(input_row, &[(*leaf, test_row)], ctx)? {
                    Some(new_row) => Conflict::Retry(new_tid, new_row),
                    None => Conflict::Skip,
                })
            }
            TmResult::BeingModified | TmResult::WouldBlock => {
                Err(PgError::internal("a row change returned without waiting"))
            }
        }
    }
}

/// The outcome of a refused change.
enum Conflict {
    /// The change was made.
    Done,
    /// The row is gone or no longer qualifies: nothing to do.
    Skip,
    /// Try again on the newest version, with the input row re-computed
    /// for it.
    Retry(ItemPointer, Row),
}

/// Execution state of a `LockRows` node (`LockRowsState`).
pub struct LockRowsState<'p> {
    input: PlanState<'p>,
    marks: &'p [RowMark],
    /// Each mark's table and its leaf in the re-check.
    tables: Vec<(Table, Option<usize>)>,
    input_plan: (&'p Plan, Option<usize>),
    /// The re-check of the input (`lr_epqstate`).
    epq: Option<EpqPlan<'p>>,
    cid: pg_proc::xid::CommandId,
}

impl<'p> LockRowsState<'p> {
    pub(crate) fn new(
        input: PlanState<'p>,
        input_plan: (&'p Plan, Option<usize>),
        marks: &'p [RowMark],
    ) -> LockRowsState<'p> {
        LockRowsState { input, marks, tables: Vec::new(), input_plan, epq: None, cid: 0 }
    }

    /// The input.
    pub(crate) fn input(&self) -> &PlanState<'p> {
        &self.input
    }

    /// `ExecReScanLockRows`.
    pub(crate) fn rescan(&mut self) {
        self.input.rescan();
    }

    pub(crate) fn next(&mut self, ctx: &mut ExecContext<'_>) -> PgResult<Option<Row>> {
        if self.tables.len() != self.marks.len() {
            self.epq = EpqPlan::new(self.input_plan.0, self.input_plan.1);
            for m in self.marks {
                let leaf = self.epq.as_ref().and_then(|e| e.leaf_of_entry(m.ctid_entry));
                // RowShareLock for FOR UPDATE/SHARE.
                self.tables.push((open_table(m.relid, 2)?, leaf));
            }
            self.cid = pg_wal::xact::get_current_command_id(true);
        }
        'rows: while let Some(mut row) = self.input.next(ctx)? {
            ctx.check_interrupts()?;
            // The newest versions of the rows that changed, by leaf.
            let mut newer: Vec<(usize, Row)> = Vec::new();
            for (m, (table, leaf)) in self.marks.iter().zip(&self.tables) {
                let tid = datum_tid(row.get(m.ctid_entry).unwrap_or(&Datum::Null))?;
                let mode = match m.strength {
                    0 => LockTupleMode::KeyShare,
                    1 => LockTupleMode::Share,
                    2 => LockTupleMode::NoKeyExclusive,
                    _ => LockTupleMode::Exclusive,
                };
                let policy = match m.wait_policy {
                    1 => LockWaitPolicy::Skip,
                    2 => LockWaitPolicy::Error,
                    _ => LockWaitPolicy::Block,
                };
                let (res, fd) = heap_lock_tuple(&table.storage, tid, self.cid, mode, policy)?;
                match res {
                    TmResult::Ok | TmResult::SelfModified => {}
                    TmResult::WouldBlock if policy == LockWaitPolicy::Skip => continue 'rows,
                    TmResult::WouldBlock | TmResult::BeingModified => {
                        return Err(PgError::new(
                            SqlState::LOCK_NOT_AVAILABLE,
                            format!("could not obtain lock on row in relation \"{}\"", table.rel.name),
                        ))
                    }
                    TmResult::Invisible => continue 'rows,
                    TmResult::Updated | TmResult::Deleted => {
                        if pg_wal::snapmgr::isolation_uses_xact_snapshot() {
                            return Err(serialization_failure("concurrent update"));
                        }
                        if res == TmResult::Deleted || fd.ctid == tid {
                            continue 'rows;
                        }
                        let (Some(epq), Some(leaf)) = (&self.epq, *leaf) else {
                            return Err(serialization_failure("concurrent update"));
                        };
                        let relation = epq.leaf_relation(leaf).expect("a locked leaf is a table scan");
                        match lock_newest(table, relation, fd.ctid, self.cid, mode, ctx)? {
                            Some((_, newest)) => newer.push((leaf, newest)),
                            None => continue 'rows,
                        }
                    }
                }
            }
            if !newer.is_empty() {
                let epq = self.epq.as_ref().expect("checked when the newer version was locked");
                // The row as it is now replaces the one the snapshot saw
                // (same columns, in the same order).
                match epq.recheck(&row, &newer, ctx)? {
                    Some(new_row) => row = new_row,
                    None => continue 'rows,
                }
            }
            return Ok(Some(row));
        }
        Ok(None)
    }
}
