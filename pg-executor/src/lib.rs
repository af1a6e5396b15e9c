//! pg-executor: plan tree → rows (PostgreSQL's `src/backend/executor`:
//! `execMain.c`, `execProcnode.c`, `execExprInterp.c`, the `node*.c` files,
//! and `tcop/dest.c`'s `DestReceiver`).
//!
//! # The life of a SELECT, in the executor
//!
//! The executor receives a finished `pg_planner::PlannedStmt`: pg-tcop has
//! parsed, analyzed and planned the statement (`pg_tcop::exec`, as
//! PostgreSQL's `exec_simple_query` and `exec_parse_message` do), and
//! EXPLAIN's options are already in the plan. The executor never sees SQL
//! text or a raw parse tree and never calls the analyzer or the planner.
//!
//! [`execute`] builds the node states (`ExecInitNode`), calls
//! [`DestReceiver::startup`] with the column descriptions, pulls rows from
//! the top node one at a time (Volcano style) and hands each to
//! [`DestReceiver::receive`], then calls [`DestReceiver::shutdown`] and
//! returns the row count for the `SELECT n` command tag. For EXPLAIN it
//! runs the plan with instrumentation (ANALYZE) and sends the plan text.
//!
//! A portal that must keep a query open across protocol messages (Execute
//! with a row limit, cursors) uses the resumable form instead:
//! [`QueryDesc::start`] (`ExecutorStart`) takes an `Arc<PlannedStmt>`, the
//! parameter values and a parent memory context and owns all of them;
//! [`QueryDesc::run`]`(dest, max_rows)` (`ExecutorRun` with a count) pulls
//! only as many rows as asked and says whether the plan is exhausted;
//! dropping it is `ExecutorEnd` (see [`execmain`]). Set-returning functions
//! in FROM are value-per-call (`pg_types::SrfImpl`), so
//! `generate_series(1, 2000000000)` yields its first rows at once.
//!
//! The caller's [`ExecContext::check_for_interrupts`] runs for every row
//! produced or filtered, which is where statement cancel and termination
//! take effect. Runtime errors (division by zero, overflow) come back as
//! `PgError` values from the functions and operators.
//!
//! Memory: [`ExecContext::query_allocator`] is the per-query memory
//! context ([`QueryAllocator`] = `pg_mcxt::MemoryContext`; tcop passes the
//! portal's `PortalContext`, under which [`execute`] makes the query's
//! `ExecutorState` and deletes it at the end). Sort's row array, Agg's group array and hash
//! table (`hashbrown` over the context) and Agg's result rows are allocated
//! there, and so are NestLoop's buffered inner rows (and their match
//! flags) and HashSetOp's table of distinct rows. They belong to the node
//! states, which [`execute`] drops before it returns (also on error), so
//! the caller may reset or delete the context afterwards; pg-mcxt panics
//! on a reset with collection memory live, and `tests/memory.rs` checks
//! that none is. Scans and aggregates also have a per-tuple memory context
//! ([`eval::PerTupleContext`], shown as `ExprContext` under
//! `ExecutorState`), reset before each row they evaluate over and current
//! while its expressions run (`ResetExprContext`); a row's `Datum`s themselves are
//! ordinary values dropped with the row. [`eval::ExprContext`] carries the
//! settings and parameters.
//!
//! Slots: a [`slot::TupleTableSlot`] holds one row for a node, as values
//! it owns (virtual) or as a stored MinimalTuple decoded lazily, only up to
//! the last column read (`slot_getattr`, `slot_getsomeattrs`). Sorts and
//! tuplestores hand their rows out in slots, and
//! [`nodes::PlanState::next_slot`] (`ExecProcNode` into a slot) passes a
//! row sorted in memory up undecoded, so the top of the plan never decodes ORDER BY
//! keys it does not send (see the README).
//!
//! Parameters: [`execute_with_params`] runs a plan made once by tcop with
//! bound values, as often as needed.
//!
//! Dependencies: pg-error, pg-mcxt, pg-types, pg-catalog, pg-analyze (the
//! expression and range-table node types only), pg-planner (the plan
//! tree), allocator-api2, hashbrown. Not pg-parser: the tests that start
//! from SQL text run the pipeline themselves (`tests/pipeline`).
//! Tables (`seqscan.rs`, `modifytable.rs`, `table.rs`): SeqScan reads a
//! table through heapam's `HeapScanDesc` with the statement's snapshot
//! (`pg_wal::snapmgr::get_active_snapshot`, kept in [`subplan::ExecShared`]);
//! ModifyTable inserts, updates and deletes through heapam with the
//! current command id, checks NOT NULL and CHECK constraints, and handles
//! concurrent updates as PostgreSQL's READ COMMITTED (EvalPlanQual) and
//! REPEATABLE READ (40001) do; LockRows locks FOR UPDATE/SHARE rows. The
//! command tag counts the rows changed (`INSERT 0 n`, `UPDATE n`,
//! `DELETE n`); without RETURNING no RowDescription is sent.
//!
//! Invariants: no threads; no I/O but heapam's (pg-storage) and temporary
//! files; every row sent has exactly the columns announced at startup.
#![forbid(unsafe_code)]

mod agg;
mod cte;
mod epq;
pub mod eval;
pub mod execmain;
pub mod explain;
mod hashjoin;
mod join;
mod mergejoin;
mod modifytable;
mod nestloop;
pub mod nodes;
mod project_set;
mod seqscan;
mod setop;
pub mod slot;
pub mod subplan;
mod table;
pub mod tuple;
pub mod tuplesort;
pub mod tuplestore;

use pg_error::PgResult;
use pg_planner::PlannedStmt;
use pg_types::datum::Datum;
use pg_types::io::OutputSettings;
use pg_types::types::{lookup_type, Oid};

pub use execmain::{QueryDesc, RunResult};

/// The `work_mem` setting in kilobytes, read when a node starts (as
/// PostgreSQL's nodes read the global): the memory a sort or hash table may
/// use before it spills to temporary files.
pub fn work_mem_kb() -> usize {
    pg_guc::vars::WORK_MEM.get().max(64) as usize
}

/// The allocator of the per-query memory context (see the crate doc): a
/// handle of the portal's `PortalContext` (`pg_mcxt::create_portal_context`)
/// or, in tests, of any context.
pub type QueryAllocator = pg_mcxt::MemoryContext;

/// A column description for `RowDescription`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnInfo {
    /// Column name.
    pub name: String,
    /// Type OID.
    pub type_oid: Oid,
    /// `typlen` (-1 varlena, -2 cstring).
    pub typlen: i16,
    /// Typmod (-1 for none).
    pub typmod: i32,
}

/// Where result rows go (PostgreSQL's `DestReceiver`): tcop implements it
/// to send RowDescription / DataRow messages; tests collect rows.
pub trait DestReceiver {
    /// Called once before any row, with the output columns.
    fn startup(&mut self, columns: &[ColumnInfo]) -> PgResult<()>;
    /// Called for each row.
    fn receive(&mut self, row: &[Datum]) -> PgResult<()>;
    /// Called once after the last row (not after an error).
    fn shutdown(&mut self) -> PgResult<()>;
}

/// What execution needs from the caller (`EState` plus the hooks).
pub struct ExecContext<'a> {
    /// Called for every row produced or filtered: returns the cancel or
    /// terminate error when an interrupt is pending.
    pub check_for_interrupts: fn() -> PgResult<()>,
    /// Output and I/O settings (DateStyle, TimeZone, extra_float_digits...).
    pub settings: &'a OutputSettings,
    /// The per-query memory context, where Sort and Agg keep their rows
    /// and hash tables ([`execute`] runs with a child `ExecutorState` of
    /// the caller's context here). Every collection in it is dropped
    /// before [`execute`] returns, so the caller may reset or delete it then.
    pub query_allocator: QueryAllocator,
    /// Values of `$1..$n` for this execution (empty without parameters).
    pub params: &'a [Datum],
    /// SubPlans and execution-time parameters of the running statement
    /// ([`execute`] sets it).
    pub(crate) exec: Option<std::rc::Rc<subplan::ExecShared>>,
}

impl<'a> ExecContext<'a> {
    /// A context without parameters.
    pub fn new(
        check_for_interrupts: fn() -> PgResult<()>,
        settings: &'a OutputSettings,
        query_allocator: QueryAllocator,
    ) -> ExecContext<'a> {
        ExecContext { check_for_interrupts, settings, query_allocator, params: &[], exec: None }
    }

    /// [`ExecContext::check_for_interrupts`] for a per-row loop. When the
    /// hook is the server's own (`pg_proc::interrupts::check_for_interrupts`,
    /// whose first step is the same test) and nothing is pending, this is
    /// two inlined loads instead of a call through the pointer. Any other
    /// hook (tests count rows with theirs) is always called. A hook whose
    /// address merely fails to compare equal takes the call: never wrong.
    #[inline(always)]
    pub fn check_interrupts(&self) -> PgResult<()> {
        let server_hook: fn() -> PgResult<()> = pg_proc::interrupts::check_for_interrupts;
        if std::ptr::fn_addr_eq(self.check_for_interrupts, server_hook) && !pg_proc::interrupts::interrupts_pending() {
            return Ok(());
        }
        (self.check_for_interrupts)()
    }

    /// The expression context for evaluating over a row.
    pub fn ecxt(&self) -> eval::ExprContext<'_> {
        eval::ExprContext { settings: self.settings, params: self.params, exec: self.exec.as_ref() }
    }
}

/// Which statement completed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommandKind {
    /// SELECT: the tag is `SELECT n`.
    Select,
    /// EXPLAIN: the tag is `EXPLAIN`.
    Explain,
    /// INSERT: the tag is `INSERT 0 n`.
    Insert,
    /// UPDATE: the tag is `UPDATE n`.
    Update,
    /// DELETE: the tag is `DELETE n`.
    Delete,
}

impl CommandKind {
    /// The command of a planned statement (EXPLAIN's is `EXPLAIN`).
    pub fn of(planned: &PlannedStmt) -> CommandKind {
        if planned.explain.is_some() {
            return CommandKind::Explain;
        }
        match planned.command {
            pg_analyze::CmdType::Select => CommandKind::Select,
            pg_analyze::CmdType::Insert => CommandKind::Insert,
            pg_analyze::CmdType::Update => CommandKind::Update,
            pg_analyze::CmdType::Delete => CommandKind::Delete,
        }
    }
}

/// The command completion of a SELECT or EXPLAIN.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommandTag {
    /// The statement.
    pub command: CommandKind,
    /// Rows sent.
    pub rows: u64,
}

impl std::fmt::Display for CommandTag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.command {
            CommandKind::Select => write!(f, "SELECT {}", self.rows),
            CommandKind::Explain => f.write_str("EXPLAIN"),
            // The 0 is the OID PostgreSQL once reported for a one-row insert.
            CommandKind::Insert => write!(f, "INSERT 0 {}", self.rows),
            CommandKind::Update => write!(f, "UPDATE {}", self.rows),
            CommandKind::Delete => write!(f, "DELETE {}", self.rows),
        }
    }
}

/// Executes a planned statement with bound parameter values (`$1` is
/// `params[0]`), each already of the type parse analysis reported for it
/// (`pg_analyze::analyze_with_params`, called by tcop; NULL as
/// `Datum::Null`). The plan is not changed, so a prepared statement can
/// run again with other values.
pub fn execute_with_params(
    planned: &PlannedStmt,
    params: &[Datum],
    ctx: &mut ExecContext<'_>,
    dest: &mut dyn DestReceiver,
) -> PgResult<CommandTag> {
    let mut with_params = ExecContext {
        check_for_interrupts: ctx.check_for_interrupts,
        settings: ctx.settings,
        query_allocator: ctx.query_allocator.clone(),
        params,
        exec: None,
    };
    execute(planned, &mut with_params, dest)
}

/// The column descriptions of a planned statement (for Describe).
pub fn describe(planned: &PlannedStmt) -> Vec<ColumnInfo> {
    planned
        .columns
        .iter()
        .map(|c| ColumnInfo {
            name: c.name.clone(),
            type_oid: c.type_oid,
            typlen: lookup_type(c.type_oid).map(|t| t.len).unwrap_or(-1),
            typmod: c.typmod,
        })
        .collect()
}

/// Executes a planned statement (`ExecutorStart` / `ExecutorRun` /
/// `ExecutorFinish`), sending the visible columns of each row to `dest`.
pub fn execute(planned: &PlannedStmt, ctx: &mut ExecContext<'_>, dest: &mut dyn DestReceiver) -> PgResult<CommandTag> {
    // The query's own context `ExecutorState` under the caller's, as
    // `ExecutorStart` makes it (and `QueryDesc::start`): the node states'
    // memory and their per-tuple `ExprContext`s live there.
    let executor_state = ctx.query_allocator.create_child("ExecutorState");
    let caller_context = std::mem::replace(&mut ctx.query_allocator, executor_state.clone());
    let shared = std::rc::Rc::new(subplan::ExecShared::new(planned, ctx));
    let saved = ctx.exec.replace(shared.clone());
    let result = execute_top(planned, ctx, dest);
    ctx.exec = saved;
    // Kept subplan states and WITH query stores may hold the shared state
    // themselves (a CTE Scan's reader): drop them before the query's
    // memory context goes (`ExecutorEnd`).
    shared.release();
    drop(shared);
    ctx.query_allocator = caller_context;
    executor_state.delete();
    result
}

fn execute_top(planned: &PlannedStmt, ctx: &mut ExecContext<'_>, dest: &mut dyn DestReceiver) -> PgResult<CommandTag> {
    if let Some(opts) = &planned.explain {
        let rows = explain::run_explain(planned, opts, ctx, dest)?;
        return Ok(CommandTag { command: CommandKind::Explain, rows });
    }
    let columns = describe(planned);
    let width = columns.len();
    let command = CommandKind::of(planned);
    let mut state = nodes::init_plan(&planned.plan);
    // INSERT, UPDATE and DELETE without RETURNING send no rows, and no
    // RowDescription either.
    let sends_rows = command == CommandKind::Select || width > 0;
    if sends_rows {
        dest.startup(&columns)?;
    }
    let mut rows = 0u64;
    // Columns past the visible ones (ORDER BY keys) are never decoded.
    let mut slot = slot::TupleTableSlot::new();
    while state.next_slot(ctx, &mut slot)? {
        slot.getsomeattrs(width)?;
        dest.receive(&slot.values()[..width])?;
        rows += 1;
    }
    if sends_rows {
        dest.shutdown()?;
    }
    let rows = state.modify_processed().unwrap_or(rows);
    Ok(CommandTag { command, rows })
}
