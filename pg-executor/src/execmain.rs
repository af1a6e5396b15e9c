//! The resumable executor (PostgreSQL's `execMain.c`: `QueryDesc`,
//! `ExecutorStart` / `ExecutorRun(count)` / `ExecutorEnd`).
//!
//! A [`QueryDesc`] owns everything one execution of a plan needs: the plan
//! (shared through an `Arc`, so a cached plan can be run by several
//! portals without being copied or borrowed), the bound parameter values,
//! the output settings, the node state tree and the query's memory context
//! (`ExecutorState`, a child of the context the caller names, normally the
//! portal's `PortalContext`). Because it borrows nothing from its caller it
//! can live in a portal across protocol messages:
//!
//! ```text
//! let mut qd = QueryDesc::start(plan, params, settings, check, &portal_cxt); // ExecutorStart
//! let r = qd.run(&mut dest, 3)?;   // ExecutorRun(count = 3): r.rows <= 3
//! if !r.finished { /* PortalSuspended; later: */ qd.run(&mut dest, 0)?; }
//! drop(qd);                        // ExecutorEnd: node states freed, context deleted
//! ```
//!
//! `run` pulls rows from the top node only until `max_rows` were sent, so
//! a plan whose first rows are cheap (a value-per-call `generate_series`)
//! returns them at once however large its whole result would be. Nodes that
//! must read all their input first (Sort, Agg, HashSetOp) do so at their
//! first call, as in PostgreSQL.
//!
//! Errors: a `run` that fails leaves the QueryDesc unusable (further calls
//! return the same kind of internal error instead of rows); the owner drops
//! it, which releases the node states and deletes the memory context. That
//! drop is the cleanup hook an abort (ResourceOwner release) calls.

use crate::nodes::{init_plan, PlanState};
use crate::{describe, ColumnInfo, CommandKind, CommandTag, DestReceiver, ExecContext};
use pg_error::{PgError, PgResult};
use pg_mcxt::MemoryContext;
use pg_planner::PlannedStmt;
use pg_types::datum::Datum;
use pg_types::io::OutputSettings;
use std::sync::Arc;

self_cell::self_cell!(
    /// The node state tree together with the plan it points into
    /// (PostgreSQL's `PlanState` tree references its `Plan` tree).
    struct ExecTree {
        owner: Arc<PlannedStmt>,
        #[covariant]
        dependent: PlanState,
    }
);

/// What one call of [`QueryDesc::run`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunResult {
    /// Rows sent to the destination by this call.
    pub rows: u64,
    /// True when the plan is exhausted (no more rows will come).
    pub finished: bool,
}

/// One execution of a planned statement, resumable across calls
/// (PostgreSQL's `QueryDesc` with its `EState`). See the module doc.
pub struct QueryDesc {
    /// The node states; `None` after an error or [`QueryDesc::end`].
    /// Declared first: it must be dropped before the context is deleted.
    tree: Option<ExecTree>,
    plan: Arc<PlannedStmt>,
    params: Vec<Datum>,
    settings: OutputSettings,
    check_for_interrupts: fn() -> PgResult<()>,
    /// The query's memory context (`es_query_cxt`), owned: deleted on drop.
    context: MemoryContext,
    columns: Vec<ColumnInfo>,
    /// EXPLAIN's output lines not yet sent (built at the first run).
    explain_output: Option<std::vec::IntoIter<String>>,
    /// SubPlans' and InitPlans' state (`es_param_exec_vals`), kept across runs.
    exec: std::rc::Rc<crate::subplan::ExecShared>,
    /// Rows sent so far (`es_processed`).
    processed: u64,
    /// Rows an INSERT, UPDATE or DELETE changed, once it has run to its end.
    modified: Option<u64>,
    finished: bool,
    failed: bool,
}

impl QueryDesc {
    /// `ExecutorStart`: builds the node states for `plan` and a memory
    /// context `ExecutorState` under `parent`. No row is computed yet.
    pub fn start(
        plan: Arc<PlannedStmt>,
        params: Vec<Datum>,
        settings: OutputSettings,
        check_for_interrupts: fn() -> PgResult<()>,
        parent: &MemoryContext,
    ) -> QueryDesc {
        let context = parent.create_child("ExecutorState");
        let columns = describe(&plan);
        let tree =
            if plan.explain.is_some() { None } else { Some(ExecTree::new(plan.clone(), |p| init_plan(&p.plan))) };
        let exec = std::rc::Rc::new(crate::subplan::ExecShared::from_parts(
            &plan,
            check_for_interrupts,
            &settings,
            context.clone(),
            &params,
        ));
        QueryDesc {
            exec,
            tree,
            plan,
            params,
            settings,
            check_for_interrupts,
            context,
            columns,
            explain_output: None,
            processed: 0,
            modified: None,
            finished: false,
            failed: false,
        }
    }

    /// The result columns (for RowDescription).
    pub fn columns(&self) -> &[ColumnInfo] {
        &self.columns
    }

    /// The plan being run.
    pub fn plan(&self) -> &Arc<PlannedStmt> {
        &self.plan
    }

    /// The query's memory context (`ExecutorState`): everything the node
    /// states hold is allocated in or below it.
    pub fn memory_context(&self) -> &MemoryContext {
        &self.context
    }

    /// Rows sent so far, over all calls of [`QueryDesc::run`].
    pub fn processed(&self) -> u64 {
        self.processed
    }

    /// True once the plan has returned its last row.
    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// The command tag for the rows sent so far (`SELECT n`, `EXPLAIN`).
    pub fn command_tag(&self) -> CommandTag {
        CommandTag { command: CommandKind::of(&self.plan), rows: self.modified.unwrap_or(self.processed) }
    }

    /// `ExecutorRun`: sends up to `max_rows` rows (0 = all) to `dest`,
    /// calling its `startup` first and `shutdown` after the last row of this
    /// call, as PostgreSQL's ExecutorRun does for every call. After the plan
    /// is exhausted a call sends nothing and reports `finished`.
    pub fn run(&mut self, dest: &mut dyn DestReceiver, max_rows: u64) -> PgResult<RunResult> {
        if self.failed {
            return Err(PgError::internal("cannot run a query whose execution failed"));
        }
        let result = self.run_inner(dest, max_rows);
        if result.is_err() {
            // Release what the nodes hold now; the owner drops the rest.
            self.failed = true;
            self.tree = None;
            self.exec.release();
        }
        result
    }

    fn run_inner(&mut self, dest: &mut dyn DestReceiver, max_rows: u64) -> PgResult<RunResult> {
        let _current = self.context.switch_to();
        let limit = if max_rows == 0 { u64::MAX } else { max_rows };
        dest.startup(&self.columns)?;
        let mut ctx = ExecContext {
            check_for_interrupts: self.check_for_interrupts,
            settings: &self.settings,
            query_allocator: self.context.clone(),
            params: &self.params,
            exec: Some(self.exec.clone()),
        };
        let mut sent = 0u64;
        if let Some(opts) = &self.plan.explain {
            if self.explain_output.is_none() {
                let lines = crate::explain::explain_output(&self.plan, opts, &mut ctx)?;
                self.explain_output = Some(lines.into_iter());
            }
            let lines = self.explain_output.as_mut().expect("set above");
            while sent < limit {
                let Some(line) = lines.next() else {
                    self.finished = true;
                    break;
                };
                ctx.check_interrupts()?;
                dest.receive(&[Datum::Text(line)])?;
                sent += 1;
            }
        } else if !self.finished {
            let width = self.columns.len();
            let tree = self.tree.as_mut().ok_or_else(|| PgError::internal("query has no executor state"))?;
            let mut exhausted = false;
            let mut modified = None;
            tree.with_dependent_mut(|_, state| -> PgResult<()> {
                // Columns past the visible ones (ORDER BY keys) are never
                // decoded.
                let mut slot = crate::slot::TupleTableSlot::new();
                while sent < limit {
                    if !state.next_slot(&mut ctx, &mut slot)? {
                        exhausted = true;
                        break;
                    }
                    slot.getsomeattrs(width)?;
                    dest.receive(&slot.values()[..width])?;
                    sent += 1;
                }
                if exhausted {
                    modified = state.modify_processed();
                }
                Ok(())
            })?;
            self.finished = exhausted;
            if modified.is_some() {
                self.modified = modified;
            }
        }
        self.processed += sent;
        if self.finished {
            // Nothing more will be read: free the node states' memory now
            // (ExecutorFinish/ExecEndNode), not when the portal is dropped.
            self.tree = None;
            self.exec.release();
        }
        dest.shutdown()?;
        Ok(RunResult { rows: sent, finished: self.finished })
    }

    /// `ExecutorEnd`: frees the node states and deletes the memory context.
    /// Dropping the QueryDesc does the same.
    pub fn end(self) {}
}

impl Drop for QueryDesc {
    fn drop(&mut self) {
        // Node states hold collections allocated in the context: drop them
        // before the context goes away.
        self.tree = None;
        self.explain_output = None;
        self.exec.release();
        if !self.context.is_deleted() {
            self.context.delete();
        }
    }
}
