//! SubPlans and InitPlans at run time (PostgreSQL's `nodeSubplan.c`:
//! `ExecSubPlan`, `ExecScanSubPlan`, `ExecSetParamPlan`, and the
//! `PARAM_EXEC` slots of `EState.es_param_exec_vals`).
//!
//! [`ExecShared`] is the statement-wide part of the executor state that
//! expressions reach through [`crate::eval::ExprContext::exec`]: the plans
//! of every SubPlan and InitPlan, and one slot per execution-time
//! parameter. A slot holds a value, or nothing yet:
//! - an InitPlan's output is computed the first time it is read and then
//!   kept (`ExecSetParamPlan`), so an uncorrelated subquery runs at most
//!   once per execution of the plan level it belongs to;
//! - a SubPlan sets its parameters from the current row before each run
//!   (`parParam`), and clears the outputs of the InitPlans nested in it,
//!   which may depend on them.
//!
//! A SubPlan's node states are made at its first run and kept; each later
//! run rescans them (`ExecReScan`) after the new parameter values are set,
//! and every node recomputes what may depend on them (a Materialize re-runs
//! an input that reads parameters). An uncorrelated ANY/ALL reads its rows
//! once and keeps them (a hash table for `= ANY`), until an enclosing
//! SubPlan or LATERAL loop runs again with new parameters. Kept states and
//! stores may point back at [`ExecShared`] (a CTE Scan's reader), so the
//! owner calls `ExecShared::release` before it frees the query's memory.
//! Each row the subquery produces goes through the interrupt check of the
//! node that produced it.

use crate::agg::GroupKey;
use crate::eval::Evaluator;
use crate::nodes::{init_plan, Row};
use crate::tuplestore::Tuplestore;
use crate::{ExecContext, QueryAllocator};
use pg_analyze::{SubLinkKind, SubPlan};
use pg_error::{PgError, PgResult, SqlState};
use pg_planner::{ParamSource, Plan, PlannedStmt};
use pg_types::datum::Datum;
use pg_types::io::OutputSettings;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

/// Statement-wide executor state for subqueries (part of PostgreSQL's `EState`).
pub struct ExecShared {
    pub(crate) subplans: Arc<Vec<Plan>>,
    sources: Arc<Vec<ParamSource>>,
    /// `es_param_exec_vals`: `None` until set or computed.
    values: RefCell<Vec<Option<Datum>>>,
    /// Rows of uncorrelated ANY/ALL subqueries, by plan number.
    /// in a tuplestore (charged to the query's memory context, spilling
    /// past `work_mem`); taken out of the map while it is read.
    kept_rows: RefCell<HashMap<usize, Tuplestore>>,
    /// Hash tables of hashed SubPlans (`= ANY` over an uncorrelated
    /// subquery), by plan number.
    hashed: RefCell<HashMap<usize, Rc<HashedRows>>>,
    /// Materialized WITH queries' rows so far, by plan number.
    pub(crate) ctes: RefCell<HashMap<usize, crate::cte::CteStore>>,
    /// The working tables of the recursive queries running.
    pub(crate) worktables: RefCell<HashMap<usize, Vec<Row>>>,
    /// The node states of SubPlans and InitPlans between their runs, by
    /// plan number (rescanned for the next run).
    states: RefCell<HashMap<usize, crate::cte::CteProducer>>,
    /// EXPLAIN ANALYZE: subplans run with every node instrumented and
    /// their figures are summed in `subplan_actuals`.
    pub(crate) instrument: std::cell::Cell<bool>,
    subplan_actuals: RefCell<pg_planner::explain::SubplanActuals>,
    check_for_interrupts: fn() -> PgResult<()>,
    settings: OutputSettings,
    pub(crate) query_allocator: QueryAllocator,
    extern_params: Vec<Datum>,
    /// The statement's snapshot (`es_snapshot`), taken when the first scan
    /// of a table asks for it.
    pub(crate) snapshot: RefCell<Option<pg_proc::snapshot::Snapshot>>,
}

impl ExecShared {
    /// The statement's snapshot: the active snapshot when the first table
    /// scan starts (`es_snapshot`), kept for the rest of the execution so
    /// that a portal read later sees what it saw first.
    pub(crate) fn statement_snapshot(&self) -> PgResult<pg_proc::snapshot::Snapshot> {
        if let Some(s) = &*self.snapshot.borrow() {
            return Ok(s.clone());
        }
        let s = pg_wal::snapmgr::get_active_snapshot()?;
        *self.snapshot.borrow_mut() = Some(s.clone());
        Ok(s)
    }

    /// The state for one execution of `planned` under `ctx`.
    pub fn new(planned: &PlannedStmt, ctx: &ExecContext<'_>) -> ExecShared {
        ExecShared::from_parts(planned, ctx.check_for_interrupts, ctx.settings, ctx.query_allocator.clone(), ctx.params)
    }

    /// The state for one execution of `planned`, from the pieces of an
    /// [`ExecContext`] (for a `QueryDesc`, which keeps it across runs).
    pub fn from_parts(
        planned: &PlannedStmt,
        check_for_interrupts: fn() -> PgResult<()>,
        settings: &OutputSettings,
        query_allocator: QueryAllocator,
        params: &[Datum],
    ) -> ExecShared {
        ExecShared {
            subplans: planned.subplans.clone(),
            sources: planned.params.clone(),
            values: RefCell::new(vec![None; planned.params.len()]),
            kept_rows: RefCell::new(HashMap::new()),
            hashed: RefCell::new(HashMap::new()),
            states: RefCell::new(HashMap::new()),
            instrument: std::cell::Cell::new(false),
            subplan_actuals: RefCell::new(HashMap::new()),
            ctes: RefCell::new(HashMap::new()),
            worktables: RefCell::new(HashMap::new()),
            check_for_interrupts,
            snapshot: RefCell::new(None),
            settings: settings.clone(),
            query_allocator,
            extern_params: params.to_vec(),
        }
    }
}

impl ExecShared {
    /// Drops every kept row (WITH query stores live in the query's memory
    /// context, which the owner may delete next: `ExecutorEnd`).
    pub(crate) fn release(&self) {
        self.states.borrow_mut().clear();
        self.ctes.borrow_mut().clear();
        self.worktables.borrow_mut().clear();
        self.kept_rows.borrow_mut().clear();
        self.hashed.borrow_mut().clear();
    }

    /// Forgets the stored rows of these plans (WITH queries, kept and
    /// hashed subquery rows): they are computed again when next read.
    pub(crate) fn forget_rows(&self, plans: &[usize]) {
        if plans.is_empty() {
            return;
        }
        let (mut ctes, mut kept, mut hashed) =
            (self.ctes.borrow_mut(), self.kept_rows.borrow_mut(), self.hashed.borrow_mut());
        for id in plans {
            ctes.remove(id);
            kept.remove(id);
            hashed.remove(id);
        }
    }

    /// Adds one run's figures of plan `plan_id` (its state, instrumented).
    pub(crate) fn record_actuals(&self, plan_id: usize, state: &crate::nodes::PlanState<'_>) {
        let mut run = Vec::new();
        crate::explain::collect_actuals(state, &mut run);
        let mut all = self.subplan_actuals.borrow_mut();
        let total = all.entry(plan_id).or_default();
        if total.len() < run.len() {
            total.resize(run.len(), Default::default());
        }
        for (t, r) in total.iter_mut().zip(run) {
            t.rows += r.rows;
            t.loops += r.loops;
            t.startup_ms += r.startup_ms;
            t.total_ms += r.total_ms;
            t.sort = r.sort.or(t.sort);
            t.hash = r.hash.or(t.hash);
        }
    }

    /// The subplans' figures so far (EXPLAIN ANALYZE), leaving none.
    pub(crate) fn take_subplan_actuals(&self) -> pg_planner::explain::SubplanActuals {
        // WITH queries still reading record what they did so far.
        for (id, store) in self.ctes.borrow_mut().iter_mut() {
            if let Some(p) = crate::cte::store_producer(store) {
                p.with_dependent(|_, state| self.record_actuals(*id, state));
            }
        }
        std::mem::take(&mut *self.subplan_actuals.borrow_mut())
    }

    /// An execution context over this state (for plans run from expressions).
    pub(crate) fn exec_context(self: &Rc<Self>) -> ExecContext<'_> {
        ExecContext {
            check_for_interrupts: self.check_for_interrupts,
            settings: &self.settings,
            query_allocator: self.query_allocator.clone(),
            params: &self.extern_params,
            exec: Some(self.clone()),
        }
    }
}

/// Runs plan `plan_id` from fresh state, handing each row to `f` until it
/// returns false.
fn run_plan(shared: &Rc<ExecShared>, plan_id: usize, mut f: impl FnMut(Row) -> PgResult<bool>) -> PgResult<()> {
    let subplans = shared.subplans.clone();
    let index = plan_id.wrapping_sub(1);
    let plan = subplans.get(index).ok_or_else(|| PgError::internal(format!("SubPlan {plan_id} does not exist")))?;
    let mut ctx = shared.exec_context();
    let instrument = shared.instrument.get();
    if !instrument {
        // ExecReScan with the new parameter values: the plan's state is
        // kept between runs (taken out of the map while it runs).
        let kept = shared.states.borrow_mut().remove(&plan_id);
        let mut state = match kept {
            Some(mut s) => {
                s.with_dependent_mut(|_, st| st.rescan());
                s
            }
            None => crate::cte::CteProducer::new(subplans.clone(), |p| init_plan(&p[index])),
        };
        let result = state.with_dependent_mut(|_, st| -> PgResult<()> {
            while let Some(row) = st.next(&mut ctx)? {
                if !f(row)? {
                    break;
                }
            }
            Ok(())
        });
        if result.is_ok() {
            shared.states.borrow_mut().insert(plan_id, state);
        }
        return result;
    }
    let mut state = crate::nodes::init_plan_instrumented(plan, true);
    let result = (|| {
        while let Some(row) = state.next(&mut ctx)? {
            if !f(row)? {
                break;
            }
        }
        Ok(())
    })();
    shared.record_actuals(plan_id, &state);
    result
}

fn too_many_rows() -> PgError {
    PgError::new(SqlState::CARDINALITY_VIOLATION, "more than one row returned by a subquery used as an expression")
}

/// The value of PARAM_EXEC `id` (`ExecEvalParamExec`): set by a SubPlan,
/// or computed now by its InitPlan.
pub(crate) fn param_value(shared: &Rc<ExecShared>, id: usize) -> PgResult<Datum> {
    // try_clone: an ARRAY() InitPlan's value can be gigabytes.
    if let Some(v) = shared.values.borrow().get(id).and_then(Option::as_ref) {
        return v.try_clone();
    }
    let Some(ParamSource::InitPlan { plan_id, kind }) = shared.sources.get(id).cloned() else {
        return Err(PgError::internal(format!("no value found for parameter {id}")));
    };
    // ExecSetParamPlan: run the InitPlan once and keep its result.
    let value = match kind {
        SubLinkKind::Exists => {
            let mut found = false;
            run_plan(shared, plan_id, |_| {
                found = true;
                Ok(false)
            })?;
            Datum::Bool(found)
        }
        SubLinkKind::Array => {
            let mut items = Vec::new();
            run_plan(shared, plan_id, |mut row| {
                accum_array_result(&mut items, row.swap_remove(0))?;
                Ok(true)
            })?;
            Datum::Array(items.into())
        }
        SubLinkKind::ArrayOfArrays => {
            let mut items = Vec::new();
            run_plan(shared, plan_id, |mut row| {
                accum_array_result(&mut items, row.swap_remove(0))?;
                Ok(true)
            })?;
            Datum::Array(pg_types::array::accumulate_arrays(items)?)
        }
        _ => {
            let mut value = None;
            run_plan(shared, plan_id, |mut row| {
                if value.is_some() {
                    return Err(too_many_rows());
                }
                value = Some(row.swap_remove(0));
                Ok(true)
            })?;
            value.unwrap_or(Datum::Null)
        }
    };
    shared.values.borrow_mut()[id] = Some(value.try_clone()?);
    Ok(value)
}

/// The distinct non-NULL values of an uncorrelated subquery's column, for
/// `x = ANY (subquery)` (PostgreSQL's hashed SubPlan, `buildSubPlanHash`).
struct HashedRows {
    values: hashbrown::HashSet<GroupKey>,
    /// The subquery returned a NULL.
    has_null: bool,
    /// The subquery returned no row at all.
    empty: bool,
}

/// `x = ANY (subquery)` by hash lookup (`ExecHashSubPlan`): true when an
/// equal value exists; otherwise NULL if `x` is NULL or the subquery
/// returned a NULL (and any row at all), else false.
fn exec_hashed_subplan(
    ev: &mut Evaluator<'_>,
    shared: &Rc<ExecShared>,
    sp: &SubPlan,
    left: &pg_analyze::Expr,
) -> PgResult<Datum> {
    let have = shared.hashed.borrow().get(&sp.plan_id).cloned();
    let table = match have {
        Some(t) => t,
        None => {
            let mut table = HashedRows { values: hashbrown::HashSet::new(), has_null: false, empty: true };
            run_plan(shared, sp.plan_id, |mut row| {
                table.empty = false;
                let v = row.swap_remove(0);
                if v.is_null() {
                    table.has_null = true;
                } else {
                    table.values.insert(GroupKey(vec![v]));
                }
                Ok(true)
            })?;
            let table = Rc::new(table);
            shared.hashed.borrow_mut().insert(sp.plan_id, table.clone());
            table
        }
    };
    if table.empty {
        return Ok(Datum::Bool(false));
    }
    let x = ev.eval(left)?;
    if x.is_null() {
        return Ok(Datum::Null);
    }
    if table.values.contains(&GroupKey(vec![x])) {
        return Ok(Datum::Bool(true));
    }
    Ok(if table.has_null { Datum::Null } else { Datum::Bool(false) })
}

/// The left operand of a hashed SubPlan's `x = $n`, when both sides have
/// the same type (so that the type's hashing and equality apply).
fn hashable_left(sp: &SubPlan) -> Option<&pg_analyze::Expr> {
    match &sp.testexpr {
        Some(pg_analyze::Expr::Op { name, args, .. }) if name == "=" && args.len() == 2 => match &args[1] {
            pg_analyze::Expr::ExecParam { id, type_oid, .. }
                if sp.param_ids == [*id] && args[0].type_oid() == *type_oid && !mentions_param(&args[0], *id) =>
            {
                Some(&args[0])
            }
            _ => None,
        },
        _ => None,
    }
}

fn mentions_param(e: &pg_analyze::Expr, id: usize) -> bool {
    let mut found = false;
    e.walk(&mut |x| found |= matches!(x, pg_analyze::Expr::ExecParam { id: i, .. } if *i == id));
    found
}

/// Sets execution-time parameters (a nested loop's LATERAL parameters)
/// and forgets the InitPlan outputs in `reset` that may depend on them.
pub(crate) fn set_params(
    ctx: &ExecContext<'_>,
    values: &[(usize, Datum)],
    reset: &[usize],
    reset_plans: &[usize],
) -> PgResult<()> {
    let shared = ctx.exec.as_ref().ok_or_else(|| PgError::internal("parameters set outside a statement"))?;
    let mut slots = shared.values.borrow_mut();
    for (id, v) in values {
        *slots.get_mut(*id).ok_or_else(|| PgError::internal(format!("parameter {id} does not exist")))? =
            Some(v.clone());
    }
    for id in reset {
        if let Some(slot) = slots.get_mut(*id) {
            *slot = None;
        }
    }
    drop(slots);
    shared.forget_rows(reset_plans);
    Ok(())
}

/// Evaluates a SubPlan over the evaluator's current row (`ExecSubPlan`).
pub(crate) fn exec_subplan(ev: &mut Evaluator<'_>, shared: &Rc<ExecShared>, sp: &SubPlan) -> PgResult<Datum> {
    // Parameters from the current row, computed before any is changed.
    let args = sp.args.iter().map(|a| ev.eval(a)).collect::<PgResult<Vec<_>>>()?;
    {
        let mut values = shared.values.borrow_mut();
        for (p, v) in sp.par_params.iter().zip(args) {
            values[*p] = Some(v);
        }
        for p in &sp.reset_params {
            values[*p] = None;
        }
    }
    shared.forget_rows(&sp.reset_plans);
    if sp.hashed && sp.par_params.is_empty() {
        if let Some(left) = hashable_left(sp) {
            return exec_hashed_subplan(ev, shared, sp, left);
        }
    }
    let mut kept = if sp.par_params.is_empty() && matches!(sp.kind, SubLinkKind::Any | SubLinkKind::All) {
        let have = shared.kept_rows.borrow_mut().remove(&sp.plan_id);
        Some(match have {
            Some(mut store) => {
                store.rescan(0);
                store
            }
            None => {
                let mut store = Tuplestore::new(crate::work_mem_kb(), shared.query_allocator.clone());
                run_plan(shared, sp.plan_id, |r| {
                    store.put(r)?;
                    Ok(true)
                })?;
                store
            }
        })
    } else {
        None
    };
    // Feeds each subquery row to `f` (from the kept rows or a fresh run).
    let mut each_row = |f: RowSink<'_>| -> PgResult<()> {
        match &mut kept {
            Some(store) => {
                while let Some(r) = store.get_next(0)? {
                    (shared.check_for_interrupts)()?;
                    if !f(r)? {
                        break;
                    }
                }
                Ok(())
            }
            None => run_plan(shared, sp.plan_id, f),
        }
    };
    let result = combine_rows(ev, sp, shared, &mut each_row);
    if let Some(store) = kept {
        shared.kept_rows.borrow_mut().insert(sp.plan_id, store);
    }
    result
}

/// A consumer of subquery rows: returns false to stop reading.
type RowSink<'a> = &'a mut dyn FnMut(Row) -> PgResult<bool>;

/// Combines the subquery's rows as the SubPlan's kind says.
fn combine_rows(
    ev: &mut Evaluator<'_>,
    sp: &SubPlan,
    shared: &Rc<ExecShared>,
    each_row: &mut dyn FnMut(RowSink<'_>) -> PgResult<()>,
) -> PgResult<Datum> {
    match sp.kind {
        SubLinkKind::Exists => {
            let mut found = false;
            each_row(&mut |_| {
                found = true;
                Ok(false)
            })?;
            Ok(Datum::Bool(found))
        }
        SubLinkKind::Expr => {
            let mut value = None;
            each_row(&mut |mut row| {
                if value.is_some() {
                    return Err(too_many_rows());
                }
                value = Some(row.swap_remove(0));
                Ok(true)
            })?;
            Ok(value.unwrap_or(Datum::Null))
        }
        SubLinkKind::Array => {
            let mut items = Vec::new();
            each_row(&mut |mut row| {
                accum_array_result(&mut items, row.swap_remove(0))?;
                Ok(true)
            })?;
            Ok(Datum::Array(items.into()))
        }
        SubLinkKind::ArrayOfArrays => {
            let mut items = Vec::new();
            each_row(&mut |mut row| {
                accum_array_result(&mut items, row.swap_remove(0))?;
                Ok(true)
            })?;
            Ok(Datum::Array(pg_types::array::accumulate_arrays(items)?))
        }
        SubLinkKind::Any | SubLinkKind::All => {
            // SQL's three-valued ANY/ALL: a deciding comparison wins;
            // otherwise any NULL comparison makes the result NULL.
            let any = sp.kind == SubLinkKind::Any;
            let test = sp.testexpr.as_ref().ok_or_else(|| PgError::internal("ANY/ALL SubPlan without a comparison"))?;
            let mut decided = false;
            let mut saw_null = false;
            each_row(&mut |row| {
                {
                    let mut values = shared.values.borrow_mut();
                    for (p, v) in sp.param_ids.iter().zip(row) {
                        values[*p] = Some(v);
                    }
                }
                match ev.eval(test)? {
                    Datum::Bool(b) if b == any => {
                        decided = true;
                        Ok(false)
                    }
                    Datum::Bool(_) => Ok(true),
                    _ => {
                        saw_null = true;
                        Ok(true)
                    }
                }
            })?;
            Ok(if decided {
                Datum::Bool(any)
            } else if saw_null {
                Datum::Null
            } else {
                Datum::Bool(!any)
            })
        }
    }
}

/// `accumArrayResult`: adds one element to an ARRAY(subquery) result.
/// PostgreSQL keeps the elements in an array of Datums that doubles from 64
/// entries, so the doubling past 2^26 entries asks palloc for 1 GB and
/// fails with "invalid memory alloc request size 1073741824"; the same
/// limit and message apply here. Growth is fallible (53200).
fn accum_array_result(items: &mut Vec<Datum>, d: Datum) -> PgResult<()> {
    const MAX_ACCUMULATED: usize = 1 << 26;
    if items.len() >= MAX_ACCUMULATED {
        pg_mcxt::limits::check_alloc_size(2 * MAX_ACCUMULATED * std::mem::size_of::<u64>())?;
    }
    pg_mcxt::limits::try_reserve(items, 1)?;
    items.push(d);
    Ok(())
}
