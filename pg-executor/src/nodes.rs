//! Plan-node execution state (PostgreSQL's `nodeResult.c`,
//! `nodeFunctionscan.c`, `nodeSort.c`, `nodeUnique.c`, `nodeLimit.c`):
//! each node returns its next row on demand (`ExecProcNode`).

use crate::eval::{compare, eval, eval_qual, PerTupleContext};
use crate::slot::TupleTableSlot;
use crate::tuplesort::Tuplesort;
use crate::tuplestore::Tuplestore;
use crate::ExecContext;
use pg_analyze::{Expr, RangeTblEntry, RteSource};
use pg_error::{PgError, PgResult, SqlState};
use pg_planner::{Plan, SortKey};
use pg_types::datum::Datum;
use pg_types::types::oid;
use std::cmp::Ordering;

/// A row: one datum per column.
pub type Row = Vec<Datum>;

/// Executor state of one plan node (`PlanState`).
pub enum PlanState<'p> {
    /// `Result`: one row, once.
    Result {
        /// Output expressions.
        target_list: &'p [Expr],
        /// One-time filter.
        qual: Option<&'p Expr>,
        /// True after the row was returned.
        done: bool,
    },
    /// `FunctionScan`: the function's rows, one per call (value-per-call
    /// functions compute each row only when it is asked for).
    FunctionScan {
        /// The FROM item.
        rte: &'p RangeTblEntry,
        /// Output expressions.
        target_list: &'p [Expr],
        /// WHERE.
        qual: Option<&'p Expr>,
        /// The function's remaining rows (None before the function was called).
        rows: Option<pg_types::SetRows>,
        /// Per-row memory for WHERE and the projection.
        econtext: PerTupleContext,
    },
    /// `SubqueryScan`: the subquery's rows, cut to its visible columns,
    /// filtered and projected.
    SubqueryScan {
        /// The subquery's plan state.
        input: Box<PlanState<'p>>,
        /// Visible columns of the subquery's rows.
        ncols: usize,
        /// Output expressions.
        target_list: &'p [Expr],
        /// WHERE.
        qual: Option<&'p Expr>,
        /// Per-row memory for WHERE and the projection.
        econtext: PerTupleContext,
        /// The subquery's rows, decoded only up to the visible columns.
        scan: TupleTableSlot,
    },
    /// `Sort`: reads all input rows into a [`Tuplesort`] (in memory within
    /// `work_mem`, else in sorted runs on temporary files), then returns
    /// them in order.
    Sort {
        /// Input.
        input: Box<PlanState<'p>>,
        /// Sort keys.
        keys: &'p [SortKey],
        /// The sort (None before the first call).
        sort: Option<Tuplesort<'p>>,
        /// The result slot the sort's rows are handed out in.
        slot: TupleTableSlot,
    },
    /// `Unique`.
    Unique {
        /// Input.
        input: Box<PlanState<'p>>,
        /// Columns compared.
        ncols: usize,
        /// Per compared column: `character(n)`, equal without trailing blanks.
        blank_padded: &'p [bool],
        /// The compared columns of the last row returned (empty before
        /// the first), in a slot reused from row to row.
        last: TupleTableSlot,
        /// The input's rows, read through [`PlanState::next_slot`].
        scan: TupleTableSlot,
    },
    /// `Agg`.
    Agg(Box<crate::agg::AggState<'p>>),
    /// `Append`: each input in turn.
    Append {
        /// Inputs.
        inputs: Vec<PlanState<'p>>,
        /// The input being read.
        current: usize,
        /// Columns kept of each row.
        ncols: usize,
    },
    /// `HashSetOp`.
    SetOp(Box<crate::setop::SetOpState<'p>>),
    /// `NestLoop`.
    NestLoop(Box<crate::nestloop::NestLoopState<'p>>),
    /// `HashJoin`.
    HashJoin(Box<crate::hashjoin::HashJoinState<'p>>),
    /// `Hash`: passes its input's rows to the hash join above, which
    /// keeps the table (see `hashjoin.rs`).
    Hash {
        /// Input.
        input: Box<PlanState<'p>>,
    },
    /// `MergeJoin`.
    MergeJoin(Box<crate::mergejoin::MergeJoinState<'p>>),
    /// `SeqScan`.
    SeqScan(Box<crate::seqscan::SeqScanState<'p>>),
    /// `ModifyTable`.
    ModifyTable(Box<crate::modifytable::ModifyTableState<'p>>),
    /// `LockRows`.
    LockRows(Box<crate::modifytable::LockRowsState<'p>>),
    /// `RecursiveUnion`.
    RecursiveUnion(Box<crate::cte::RecursiveUnionState<'p>>),
    /// `ProjectSet`.
    ProjectSet(Box<crate::project_set::ProjectSetState<'p>>),
    /// EXPLAIN ANALYZE's wrapper around a node (`Instrumentation`).
    Instrument {
        /// The measured node.
        inner: Box<PlanState<'p>>,
        /// Counts and times so far.
        actuals: pg_planner::explain::NodeActuals,
        /// When the node was first called in the current loop.
        started: Option<std::time::Instant>,
        /// Rows returned in the current loop.
        loop_rows: u64,
        /// Startup and total milliseconds of the loops before this one.
        previous: (f64, f64),
    },
    /// `Material`: the input's rows, kept in a tuplestore as they are
    /// read; a rescan reads the store again from the start, reading the
    /// input further only past what is stored.
    Material {
        /// Input.
        input: Box<PlanState<'p>>,
        /// The stored rows (None before the first call).
        store: Option<Tuplestore>,
        /// True once the input is exhausted (everything is stored).
        input_done: bool,
        /// The input reads execution-time parameters: a rescan must run it
        /// again (PostgreSQL's `chgParam`), not only rewind the store.
        reexecute: bool,
    },
    /// A scan under EvalPlanQual (`ExecScanFetch` with a test tuple): its
    /// one test row, if any, filtered and projected as the scan would
    /// (`epq.rs`).
    EpqScan {
        /// The test row (the scan row of the FROM item), None for none.
        row: Option<Row>,
        /// Output expressions.
        target_list: &'p [Expr],
        /// WHERE.
        qual: Option<&'p Expr>,
        /// True after the row was returned.
        done: bool,
    },
    /// `Limit`.
    Limit {
        /// Input.
        input: Box<PlanState<'p>>,
        /// OFFSET expression.
        offset: Option<&'p Expr>,
        /// LIMIT expression.
        count: Option<&'p Expr>,
        /// (rows still to skip, rows still to return) once evaluated.
        bounds: Option<(i64, Option<i64>)>,
        /// The input's rows; skipped ones are never decoded.
        scan: TupleTableSlot,
    },
}

/// Builds the state tree for a plan (`ExecInitNode`).
pub fn init_plan(plan: &Plan) -> PlanState<'_> {
    init_plan_instrumented(plan, false)
}

/// [`init_plan`], with every node wrapped in [`PlanState::Instrument`] when
/// `instrument` is set (EXPLAIN ANALYZE).
pub fn init_plan_instrumented(plan: &Plan, instrument: bool) -> PlanState<'_> {
    init_with(plan, instrument, None)
}

/// The state tree of an EvalPlanQual re-check (`EvalPlanQualStart`): the
/// scans `rows` names return their test rows instead of reading.
pub(crate) fn init_epq_plan<'p>(plan: &'p Plan, rows: &crate::epq::EpqRows<'p>) -> PlanState<'p> {
    init_with(plan, false, Some(rows))
}

fn init_with<'p>(plan: &'p Plan, instrument: bool, epq: Option<&crate::epq::EpqRows<'p>>) -> PlanState<'p> {
    let state = init_node(plan, instrument, epq);
    if instrument {
        PlanState::Instrument {
            inner: Box::new(state),
            actuals: pg_planner::explain::NodeActuals::default(),
            started: None,
            loop_rows: 0,
            previous: (0.0, 0.0),
        }
    } else {
        state
    }
}

fn init_node<'p>(plan: &'p Plan, instrument: bool, epq: Option<&crate::epq::EpqRows<'p>>) -> PlanState<'p> {
    if let Some(row) = epq.and_then(|rows| rows.test_row(plan)) {
        let (target_list, qual) = match plan {
            Plan::SeqScan { target_list, qual, .. }
            | Plan::FunctionScan { target_list, qual, .. }
            | Plan::SubqueryScan { target_list, qual, .. } => (target_list, qual.as_ref()),
            _ => unreachable!("only scans have EvalPlanQual test rows"),
        };
        return PlanState::EpqScan { row, target_list, qual, done: false };
    }
    let init_plan = |p| init_with(p, instrument, epq);
    match plan {
        Plan::Result { target_list, qual } => PlanState::Result { target_list, qual: qual.as_ref(), done: false },
        Plan::FunctionScan { rte, target_list, qual } => PlanState::FunctionScan {
            rte,
            target_list,
            qual: qual.as_ref(),
            rows: None,
            econtext: PerTupleContext::new(),
        },
        Plan::SubqueryScan { subplan, ncols, target_list, qual, .. } => PlanState::SubqueryScan {
            input: Box::new(init_plan(subplan)),
            ncols: *ncols,
            target_list,
            qual: qual.as_ref(),
            econtext: PerTupleContext::new(),
            scan: TupleTableSlot::new(),
        },
        Plan::Sort { input, keys } => {
            PlanState::Sort { input: Box::new(init_plan(input)), keys, sort: None, slot: TupleTableSlot::new() }
        }
        Plan::Unique { input, ncols, blank_padded } => PlanState::Unique {
            input: Box::new(init_plan(input)),
            ncols: *ncols,
            blank_padded,
            last: TupleTableSlot::new(),
            scan: TupleTableSlot::new(),
        },
        Plan::Agg { input, strategy, ngroups, aggs, qual, target_list, group_exprs } => {
            PlanState::Agg(Box::new(crate::agg::AggState::new(
                init_plan(input),
                *strategy,
                (*ngroups, group_exprs),
                aggs,
                qual.as_ref(),
                target_list,
                pg_planner::explain::estimate(input).rows,
            )))
        }
        Plan::Append { inputs, ncols } => {
            PlanState::Append { inputs: inputs.iter().map(init_plan).collect(), current: 0, ncols: *ncols }
        }
        Plan::NestLoop {
            kind,
            outer,
            inner,
            outer_ncols,
            inner_ncols,
            join_qual,
            qual,
            target_list,
            inner_first,
            nest_params,
            reset_params,
            reset_plans,
            ..
        } => PlanState::NestLoop(Box::new(
            crate::nestloop::NestLoopState::new(
                *kind,
                init_plan(outer),
                init_plan(inner),
                *outer_ncols,
                *inner_ncols,
                join_qual.as_ref(),
                qual.as_ref(),
                target_list,
                *inner_first,
            )
            .with_nest_params(nest_params, reset_params, reset_plans),
        )),
        Plan::HashJoin { join, outer, inner, outer_keys, inner_keys, .. } => {
            PlanState::HashJoin(Box::new(crate::hashjoin::HashJoinState::new(
                join,
                init_plan(outer),
                init_plan(inner),
                outer_keys,
                inner_keys,
                (outer, inner),
            )))
        }
        Plan::Hash { input } => PlanState::Hash { input: Box::new(init_plan(input)) },
        Plan::SeqScan { rte, target_list, qual, .. } => {
            PlanState::SeqScan(Box::new(crate::seqscan::SeqScanState::new(rte, target_list, qual.as_ref())))
        }
        Plan::ModifyTable { command, target, input, returning, joined_row, .. } => {
            PlanState::ModifyTable(Box::new(crate::modifytable::ModifyTableState::new(
                *command,
                target,
                init_plan(input),
                (input, *joined_row),
                returning,
            )))
        }
        Plan::LockRows { input, marks, joined_row } => PlanState::LockRows(Box::new(
            crate::modifytable::LockRowsState::new(init_plan(input), (input, *joined_row), marks),
        )),
        Plan::MergeJoin { join, outer, inner, outer_keys, inner_keys, .. } => PlanState::MergeJoin(Box::new(
            crate::mergejoin::MergeJoinState::new(join, init_plan(outer), init_plan(inner), outer_keys, inner_keys),
        )),
        Plan::SetOp { input, op, all, ncols, blank_padded } => {
            PlanState::SetOp(Box::new(crate::setop::SetOpState::new(
                init_plan(input),
                *op,
                *all,
                (*ncols, blank_padded),
                pg_planner::explain::estimate(input).rows,
            )))
        }
        Plan::Material { input } => PlanState::Material {
            input: Box::new(init_plan(input)),
            store: None,
            input_done: false,
            reexecute: pg_planner::explain::uses_exec_params(input),
        },
        // The InitPlans run when their parameters are read (subplan.rs).
        Plan::InitPlans { input, .. } => init_node(input, instrument, epq),
        Plan::RecursiveUnion { non_recursive, recursive, all, wt_id } => PlanState::RecursiveUnion(Box::new(
            crate::cte::RecursiveUnionState::new(init_plan(non_recursive), recursive, *all, *wt_id, instrument),
        )),
        Plan::ProjectSet { input, srfs, target_list, .. } => PlanState::ProjectSet(Box::new(
            crate::project_set::ProjectSetState::new(init_plan(input), srfs, target_list),
        )),
        Plan::Limit { input, offset, count } => PlanState::Limit {
            input: Box::new(init_plan(input)),
            offset: offset.as_ref(),
            count: count.as_ref(),
            bounds: None,
            scan: TupleTableSlot::new(),
        },
    }
}

pub(crate) fn project(target_list: &[Expr], row: &[Datum], ctx: &ExecContext<'_>) -> PgResult<Row> {
    let ecxt = ctx.ecxt();
    let mut out = Vec::with_capacity(target_list.len());
    for e in target_list {
        out.push(eval(e, row, &ecxt)?);
    }
    Ok(out)
}

/// [`project`] of a row the caller owns: a target list that returns the
/// row's leading columns unchanged (`SELECT g FROM generate_series(...) g`)
/// hands the row itself on instead of copying it (PostgreSQL skips
/// projection the same way when the tlist matches the scan tuple).
pub(crate) fn project_owned(target_list: &[Expr], mut row: Row, ctx: &ExecContext<'_>) -> PgResult<Row> {
    if is_identity_projection(target_list, row.len()) {
        row.truncate(target_list.len());
        return Ok(row);
    }
    if target_list.len() > row.capacity() {
        return project(target_list, &row, ctx);
    }
    // Reuse the row's allocation for the projected values.
    let ecxt = ctx.ecxt();
    if let [e] = target_list {
        let v = eval(e, &row, &ecxt)?;
        row.clear();
        row.push(v);
        return Ok(row);
    }
    let mut values: smallvec::SmallVec<[Datum; 4]> = smallvec::SmallVec::with_capacity(target_list.len());
    for e in target_list {
        values.push(eval(e, &row, &ecxt)?);
    }
    row.clear();
    row.extend(values);
    Ok(row)
}

/// [`project`] into a row the caller keeps from row to row: one of the
/// target list's width is overwritten value by value (`Datum::set`).
pub(crate) fn project_into(target_list: &[Expr], row: &[Datum], out: &mut Row, ctx: &ExecContext<'_>) -> PgResult<()> {
    let ecxt = ctx.ecxt();
    if out.len() != target_list.len() {
        Datum::clear_row(out);
        out.resize(target_list.len(), Datum::Null);
    }
    for (slot, e) in out.iter_mut().zip(target_list) {
        slot.set(eval(e, row, &ecxt)?);
    }
    Ok(())
}

/// True when `target_list` only returns the leading columns of a row of
/// `width` columns unchanged: projecting evaluates nothing.
pub(crate) fn is_identity_projection(target_list: &[Expr], width: usize) -> bool {
    target_list.len() <= width
        && target_list.iter().enumerate().all(|(i, e)| matches!(e, Expr::Var { attno, .. } if *attno == i))
}

/// True when projecting `target_list` calls something (a function, an
/// operator, a subquery): only then can a row's evaluation allocate, so
/// only then does a node reset and switch to its per-tuple memory. Column
/// references and constants are copied, never computed; nor is the int4
/// to int8 widening of one (`sum(int4)`'s argument), which the evaluator
/// does inline.
pub(crate) fn projection_computes(target_list: &[Expr]) -> bool {
    fn copied(e: &Expr) -> bool {
        match e {
            Expr::Var { .. } | Expr::Const { .. } => true,
            Expr::Cast { arg, source: oid::INT4, target: oid::INT8, .. } => copied(arg),
            _ => false,
        }
    }
    target_list.iter().any(|e| !copied(e))
}

/// Calls the function behind a FROM item: its rows, to be read one by one.
fn scan_function(rte: &RangeTblEntry, ctx: &ExecContext<'_>) -> PgResult<pg_types::SetRows> {
    let rows: Vec<Row> = match &rte.source {
        RteSource::Function { func, args, strict, .. } => {
            let vals: Vec<Datum> = args.iter().map(|a| eval(a, &[], &ctx.ecxt())).collect::<PgResult<_>>()?;
            if *strict && vals.iter().any(Datum::is_null) {
                return Ok(Box::new(std::iter::empty()));
            }
            return func.call(&vals);
        }
        RteSource::ScalarFunction { func, args, strict, .. } => {
            let vals: Vec<Datum> = args.iter().map(|a| eval(a, &[], &ctx.ecxt())).collect::<PgResult<_>>()?;
            let v = if *strict && vals.iter().any(Datum::is_null) { Datum::Null } else { func(&vals)? };
            vec![vec![v]]
        }
        RteSource::RowsFrom { items, ordinality } => {
            // Every function is called at scan start, as PostgreSQL's
            // FunctionScan does; their rows are then read side by side.
            let mut sources = Vec::with_capacity(items.len());
            for (source, width) in items {
                let one = RangeTblEntry {
                    alias: rte.alias.clone(),
                    relname: None,
                    columns: Vec::new(),
                    source: source.clone(),
                };
                sources.push((scan_function(&one, ctx)?, *width, false));
            }
            let ordinality = *ordinality;
            let mut n: i64 = 0;
            return Ok(Box::new(std::iter::from_fn(move || {
                let mut row = Vec::new();
                let mut any = false;
                for (rows, width, done) in &mut sources {
                    let next = if *done { None } else { rows.next() };
                    match next {
                        Some(Ok(r)) if r.len() == *width => {
                            any = true;
                            row.extend(r);
                        }
                        Some(Ok(r)) => {
                            return Some(Err(PgError::internal(format!(
                                "function in ROWS FROM returned {} columns, expected {width}",
                                r.len()
                            ))))
                        }
                        Some(Err(e)) => return Some(Err(e)),
                        None => {
                            *done = true;
                            row.extend(std::iter::repeat_n(Datum::Null, *width));
                        }
                    }
                }
                if !any {
                    return None;
                }
                n += 1;
                if ordinality {
                    row.push(Datum::Int8(n));
                }
                Some(Ok(row))
            })));
        }
        RteSource::Subquery(_) | RteSource::SetOp(_) | RteSource::Join(_) | RteSource::Relation(_) => {
            return Err(PgError::internal("a subquery, join or table in FROM planned as a function scan"))
        }
        RteSource::ViewRule { .. } => {
            return Err(PgError::internal("a view reference was not expanded by the rewriter"))
        }
        RteSource::Values(rows) => rows
            .iter()
            .map(|r| r.iter().map(|e| eval(e, &[], &ctx.ecxt())).collect::<PgResult<Row>>())
            .collect::<PgResult<_>>()?,
        RteSource::Cte { plan_id, .. } => {
            let shared = ctx.exec.clone().ok_or_else(|| PgError::internal("CTE Scan outside a statement"))?;
            return Ok(crate::cte::cte_scan(shared, *plan_id));
        }
        RteSource::WorkTable { wt_id, .. } => {
            let shared = ctx.exec.as_ref().ok_or_else(|| PgError::internal("WorkTable Scan outside a statement"))?;
            return Ok(crate::cte::worktable_scan(shared, *wt_id));
        }
    };
    Ok(Box::new(rows.into_iter().map(Ok)))
}

/// Checks that a function's row has the FROM item's columns.
fn check_function_row(rte: &RangeTblEntry, row: &[Datum]) -> PgResult<()> {
    if row.len() != rte.columns.len() {
        return Err(PgError::internal(format!(
            "function for \"{}\" returned {} columns, expected {}",
            rte.alias,
            row.len(),
            rte.columns.len()
        )));
    }
    Ok(())
}

/// Orders two rows by the sort keys (`ExecSort`'s comparator). NULLs sort
/// by `nulls_first`; otherwise the type's ordering, reversed for DESC.
pub(crate) fn compare_rows(a: &Row, b: &Row, keys: &[SortKey]) -> PgResult<Ordering> {
    for k in keys {
        let (x, y) = (&a[k.col], &b[k.col]);
        let ord = match (x.is_null(), y.is_null()) {
            (true, true) => Ordering::Equal,
            (true, false) => {
                if k.nulls_first {
                    Ordering::Less
                } else {
                    Ordering::Greater
                }
            }
            (false, true) => {
                if k.nulls_first {
                    Ordering::Greater
                } else {
                    Ordering::Less
                }
            }
            (false, false) => {
                let o = if k.blank_padded { crate::agg::blank_padded_cmp(x, y)? } else { compare(x, y)? };
                if k.descending {
                    o.reverse()
                } else {
                    o
                }
            }
        };
        if ord != Ordering::Equal {
            return Ok(ord);
        }
    }
    Ok(Ordering::Equal)
}

fn eval_bound(e: Option<&Expr>, what: &str, code: SqlState, ctx: &ExecContext<'_>) -> PgResult<Option<i64>> {
    let Some(e) = e else { return Ok(None) };
    match eval(e, &[], &ctx.ecxt())? {
        Datum::Null => Ok(None),
        d => {
            let v = d.as_i64().ok_or_else(|| PgError::internal(format!("{what} is not an integer")))?;
            if v < 0 {
                return Err(PgError::new(code, format!("{what} must not be negative")));
            }
            Ok(Some(v))
        }
    }
}

impl<'p> PlanState<'p> {
    /// The node's inputs, in plan order (`outerPlanState`, Append's subplans).
    pub fn children(&self) -> Vec<&PlanState<'p>> {
        match self {
            PlanState::Append { inputs, .. } => inputs.iter().collect(),
            PlanState::NestLoop(n) => n.inputs().to_vec(),
            PlanState::HashJoin(h) => h.inputs().to_vec(),
            PlanState::MergeJoin(m) => m.inputs().to_vec(),
            PlanState::RecursiveUnion(r) => r.inputs(),
            other => other.child().into_iter().collect(),
        }
    }

    /// Adds what the node knows about its memory and disk use to its
    /// EXPLAIN ANALYZE figures (Sort Method, hash aggregation batches).
    pub fn add_space_stats(&self, a: &mut pg_planner::explain::NodeActuals) {
        match self {
            PlanState::Sort { sort: Some(s), .. } => {
                let st = s.stats();
                a.sort = Some(pg_planner::explain::SortSpace { external: st.external, kb: st.space_kb });
            }
            PlanState::Agg(agg) => a.hash = agg.space_stats(),
            _ => {}
        }
    }

    /// The rows a ModifyTable at the top of this tree changed (the command
    /// tag's count), if it is one.
    pub fn modify_processed(&self) -> Option<u64> {
        match self {
            PlanState::ModifyTable(m) => Some(m.processed()),
            PlanState::Instrument { inner, .. } => inner.modify_processed(),
            _ => None,
        }
    }

    /// The node's (first) input, if it has one (`outerPlanState`).
    pub fn child(&self) -> Option<&PlanState<'p>> {
        match self {
            PlanState::Result { .. }
            | PlanState::FunctionScan { .. }
            | PlanState::SeqScan(_)
            | PlanState::EpqScan { .. } => None,
            PlanState::ModifyTable(m) => Some(m.input()),
            PlanState::LockRows(l) => Some(l.input()),
            PlanState::Append { inputs, .. } => inputs.first(),
            PlanState::SetOp(s) => Some(s.input()),
            PlanState::NestLoop(n) => Some(n.inputs()[0]),
            PlanState::HashJoin(h) => Some(h.inputs()[0]),
            PlanState::MergeJoin(m) => Some(m.inputs()[0]),
            PlanState::Hash { input } => Some(input),
            PlanState::ProjectSet(p) => Some(p.input()),
            PlanState::RecursiveUnion(r) => r.input(),
            PlanState::Sort { input, .. }
            | PlanState::Material { input, .. }
            | PlanState::Unique { input, .. }
            | PlanState::Limit { input, .. }
            | PlanState::SubqueryScan { input, .. } => Some(input),
            PlanState::Instrument { inner, .. } => Some(inner),
            PlanState::Agg(a) => Some(a.input()),
        }
    }

    /// `ExecReScan`: makes the node return its rows again from the
    /// start, recomputing whatever may depend on parameter values (which
    /// expressions read when they run: a rescan after new parameter values
    /// gives the rows for those values). A Material node only rewinds its
    /// store: it is planned where its input does not depend on parameters.
    pub fn rescan(&mut self) {
        match self {
            PlanState::Result { done, .. } | PlanState::EpqScan { done, .. } => *done = false,
            PlanState::FunctionScan { rows, .. } => *rows = None,
            PlanState::SubqueryScan { input, .. } => input.rescan(),
            PlanState::Sort { input, sort, .. } => {
                *sort = None;
                input.rescan();
            }
            PlanState::Unique { input, last, .. } => {
                last.clear();
                input.rescan();
            }
            PlanState::Agg(a) => a.rescan(),
            PlanState::Append { inputs, current, .. } => {
                *current = 0;
                inputs.iter_mut().for_each(PlanState::rescan);
            }
            PlanState::SetOp(s) => s.rescan(),
            PlanState::ProjectSet(p) => p.rescan(),
            PlanState::RecursiveUnion(r) => r.rescan(),
            PlanState::NestLoop(n) => n.rescan(),
            PlanState::HashJoin(h) => h.rescan(),
            PlanState::MergeJoin(m) => m.rescan(),
            PlanState::Hash { input } => input.rescan(),
            PlanState::SeqScan(s) => s.rescan(),
            PlanState::ModifyTable(m) => m.rescan(),
            PlanState::LockRows(l) => l.rescan(),
            PlanState::Instrument { inner, actuals, started, loop_rows, previous } => {
                // The next call starts another loop (`InstrEndLoop`).
                if started.is_some() {
                    actuals.loops += 1;
                    *previous = (actuals.startup_ms, actuals.total_ms);
                    *started = None;
                    *loop_rows = 0;
                }
                inner.rescan();
            }
            PlanState::Material { input, store, input_done, reexecute } => {
                if *reexecute {
                    *store = None;
                    *input_done = false;
                    input.rescan();
                } else if let Some(s) = store {
                    s.rescan(0);
                }
            }
            PlanState::Limit { input, bounds, .. } => {
                *bounds = None;
                input.rescan();
            }
        }
    }

    /// `ExecProcNode` into a slot: fills `slot` with the node's next row,
    /// false at the end. A sort done in memory hands out its rows as minimal tuples,
    /// decoded only as far as the caller reads; Unique, Limit and
    /// EXPLAIN ANALYZE's wrapper pass their input's slot on (Limit's
    /// skipped rows are never decoded). Other nodes store the row they
    /// computed as a virtual tuple, without copying it.
    pub fn next_slot(&mut self, ctx: &mut ExecContext<'_>, slot: &mut TupleTableSlot) -> PgResult<bool> {
        match self {
            PlanState::Sort { input, keys, sort, .. } => sort_next(input, keys, sort, ctx, slot),
            PlanState::Unique { input, ncols, blank_padded, last, .. } => {
                unique_next(input, (*ncols, blank_padded), last, ctx, slot)
            }
            PlanState::Limit { input, offset, count, bounds, .. } => {
                limit_next(input, (*offset, *count), bounds, ctx, slot)
            }
            PlanState::Instrument { inner, actuals, started, loop_rows, previous } => {
                instrumented((actuals, started, loop_rows, previous), |r: &bool| *r, || inner.next_slot(ctx, slot))
            }
            other => match other.next(ctx)? {
                Some(row) => {
                    slot.store_owned_row(row);
                    Ok(true)
                }
                None => {
                    slot.clear();
                    Ok(false)
                }
            },
        }
    }

    /// [`PlanState::next`] into a row the caller keeps from call to call;
    /// false at the end. A SeqScan fills the row in place, so a consumer
    /// reading its input row by row (Agg) allocates nothing per row; the
    /// other nodes' rows replace it.
    pub fn next_into(&mut self, ctx: &mut ExecContext<'_>, row: &mut Row) -> PgResult<bool> {
        match self {
            PlanState::SeqScan(s) => s.next_into(ctx, row),
            PlanState::Instrument { inner, actuals, started, loop_rows, previous } => {
                instrumented((actuals, started, loop_rows, previous), |r: &bool| *r, || inner.next_into(ctx, row))
            }
            other => {
                // The previous row goes before the next is made, as when the
                // consumer owned each row: its memory is reused at once
                // instead of being freed behind the consumer's longer-lived
                // allocations (a hash aggregate's group keys), which kept
                // the backend's RSS high after the query.
                drop(std::mem::take(row));
                match other.next(ctx)? {
                    Some(r) => {
                        *row = r;
                        Ok(true)
                    }
                    None => Ok(false),
                }
            }
        }
    }

    /// Returns the next row, or `None` at the end (`ExecProcNode`). Calls the
    /// interrupt hook for every row produced or filtered out.
    pub fn next(&mut self, ctx: &mut ExecContext<'_>) -> PgResult<Option<Row>> {
        // A Result node (the plan of a scalar subquery) is handled in this
        // small frame: nested subqueries recurse through it.
        match self {
            PlanState::Result { target_list, qual, done } => {
                if *done {
                    return Ok(None);
                }
                *done = true;
                ctx.check_interrupts()?;
                if let Some(q) = qual {
                    if !eval_qual(q, &[], &ctx.ecxt())? {
                        return Ok(None);
                    }
                }
                project(target_list, &[], ctx).map(Some)
            }
            other => other.next_node(ctx),
        }
    }

    #[inline(never)]
    fn next_node(&mut self, ctx: &mut ExecContext<'_>) -> PgResult<Option<Row>> {
        match self {
            PlanState::Result { .. } => self.next(ctx),
            PlanState::EpqScan { row, target_list, qual, done } => {
                if *done {
                    return Ok(None);
                }
                *done = true;
                ctx.check_interrupts()?;
                let Some(row) = row.clone() else { return Ok(None) };
                if let Some(q) = qual {
                    if !eval_qual(q, &row, &ctx.ecxt())? {
                        return Ok(None);
                    }
                }
                project_owned(target_list, row, ctx).map(Some)
            }
            PlanState::FunctionScan { rte, target_list, qual, rows, econtext } => {
                if rows.is_none() {
                    // The node's ExprContext exists from its first call, as
                    // PostgreSQL's does from ExecInitNode: a query reading
                    // pg_backend_memory_contexts sees its own.
                    drop(econtext.reset_for_row(&ctx.query_allocator));
                    *rows = Some(scan_function(rte, ctx)?);
                }
                let rows = rows.as_mut().expect("set above");
                for row in rows.by_ref() {
                    ctx.check_interrupts()?;
                    let row = row?;
                    check_function_row(rte, &row)?;
                    // Per-row memory only when something is computed.
                    let evaluates = qual.is_some() || projection_computes(target_list);
                    let _per_tuple = evaluates.then(|| econtext.reset_for_row(&ctx.query_allocator));
                    if let Some(q) = qual {
                        if !eval_qual(q, &row, &ctx.ecxt())? {
                            continue;
                        }
                    }
                    return project_owned(target_list, row, ctx).map(Some);
                }
                Ok(None)
            }
            PlanState::Sort { input, keys, sort, slot } => {
                if sort_next(input, keys, sort, ctx, slot)? {
                    slot.take_row().map(Some)
                } else {
                    Ok(None)
                }
            }
            PlanState::Material { input, store, input_done, .. } => {
                let store = match store {
                    Some(s) => s,
                    None => store.insert(Tuplestore::new(crate::work_mem_kb(), ctx.query_allocator.clone())),
                };
                // Stored rows first; then read on and store what is read.
                if let Some(row) = store.get_next(0)? {
                    return Ok(Some(row));
                }
                if *input_done {
                    return Ok(None);
                }
                match input.next(ctx)? {
                    Some(row) => {
                        store.put(row.clone())?;
                        store.set_position(0, store.len())?;
                        Ok(Some(row))
                    }
                    None => {
                        *input_done = true;
                        Ok(None)
                    }
                }
            }
            PlanState::Agg(agg) => agg.next(ctx),
            PlanState::SetOp(s) => s.next(ctx),
            PlanState::NestLoop(n) => n.next(ctx),
            PlanState::HashJoin(h) => h.next(ctx),
            PlanState::MergeJoin(m) => m.next(ctx),
            PlanState::Hash { input } => input.next(ctx),
            PlanState::SeqScan(s) => s.next(ctx),
            PlanState::ModifyTable(m) => m.next(ctx),
            PlanState::LockRows(l) => l.next(ctx),
            PlanState::ProjectSet(p) => p.next(ctx),
            PlanState::RecursiveUnion(r) => r.next(ctx),
            PlanState::Append { inputs, current, ncols } => {
                while let Some(input) = inputs.get_mut(*current) {
                    if let Some(mut row) = input.next(ctx)? {
                        row.truncate(*ncols);
                        return Ok(Some(row));
                    }
                    *current += 1;
                }
                Ok(None)
            }
            PlanState::SubqueryScan { input, ncols, target_list, qual, econtext, scan } => {
                while input.next_slot(ctx, scan)? {
                    // Columns past the visible ones (sort keys) stay undecoded.
                    let row = scan.take_row_prefix(*ncols)?;
                    let evaluates = qual.is_some() || projection_computes(target_list);
                    let _per_tuple = evaluates.then(|| econtext.reset_for_row(&ctx.query_allocator));
                    if let Some(q) = qual {
                        if !eval_qual(q, &row, &ctx.ecxt())? {
                            ctx.check_interrupts()?;
                            continue;
                        }
                    }
                    return project_owned(target_list, row, ctx).map(Some);
                }
                Ok(None)
            }
            PlanState::Instrument { inner, actuals, started, loop_rows, previous } => {
                instrumented((actuals, started, loop_rows, previous), Option::is_some, || inner.next(ctx))
            }
            PlanState::Unique { input, ncols, blank_padded, last, scan } => {
                if unique_next(input, (*ncols, blank_padded), last, ctx, scan)? {
                    scan.take_row().map(Some)
                } else {
                    Ok(None)
                }
            }
            PlanState::Limit { input, offset, count, bounds, scan } => {
                if limit_next(input, (*offset, *count), bounds, ctx, scan)? {
                    scan.take_row().map(Some)
                } else {
                    Ok(None)
                }
            }
        }
    }
}

/// Sort's next row into `slot`: reads and sorts the whole input on the
/// first call (`ExecSort`).
fn sort_next<'p>(
    input: &mut PlanState<'p>,
    keys: &'p [SortKey],
    sort: &mut Option<Tuplesort<'p>>,
    ctx: &mut ExecContext<'_>,
    slot: &mut TupleTableSlot,
) -> PgResult<bool> {
    let sort = match sort {
        Some(s) => s,
        None => sort.insert(Tuplesort::new(
            keys,
            crate::work_mem_kb(),
            ctx.query_allocator.clone(),
            ctx.check_for_interrupts,
        )),
    };
    if !sort.is_sorted() {
        while let Some(r) = input.next(ctx)? {
            sort.put(r)?;
        }
        sort.perform_sort(ctx)?;
    }
    if !sort.get_next_slot(slot)? {
        return Ok(false);
    }
    ctx.check_interrupts()?;
    Ok(true)
}

/// Unique's next row into `slot` (`ExecUnique`): decodes only the compared
/// columns of each input row, and keeps only those of the last one.
fn unique_next(
    input: &mut PlanState<'_>,
    (ncols, blank_padded): (usize, &[bool]),
    last: &mut TupleTableSlot,
    ctx: &mut ExecContext<'_>,
    slot: &mut TupleTableSlot,
) -> PgResult<bool> {
    while input.next_slot(ctx, slot)? {
        slot.getsomeattrs(ncols)?;
        let (l, r) = (last.values(), slot.values());
        let dup = !last.is_empty()
            && (0..ncols).all(|i| match (l[i].is_null(), r[i].is_null()) {
                (true, true) => true,
                (false, false) if blank_padded.get(i).copied().unwrap_or(false) => {
                    crate::agg::blank_padded_cmp(&l[i], &r[i]).map(|o| o == Ordering::Equal).unwrap_or(false)
                }
                (false, false) => compare(&l[i], &r[i]).map(|o| o == Ordering::Equal).unwrap_or(false),
                _ => false,
            });
        if !dup {
            last.store_row(&r[..ncols]);
            return Ok(true);
        }
    }
    Ok(false)
}

/// Limit's next row into `slot` (`ExecLimit`): evaluates OFFSET and LIMIT
/// on the first call, then skips and counts.
fn limit_next(
    input: &mut PlanState<'_>,
    (offset, count): (Option<&Expr>, Option<&Expr>),
    bounds: &mut Option<(i64, Option<i64>)>,
    ctx: &mut ExecContext<'_>,
    slot: &mut TupleTableSlot,
) -> PgResult<bool> {
    if bounds.is_none() {
        let off = eval_bound(offset, "OFFSET", SqlState::INVALID_ROW_COUNT_IN_RESULT_OFFSET_CLAUSE, ctx)?;
        let cnt = eval_bound(count, "LIMIT", SqlState::INVALID_ROW_COUNT_IN_LIMIT_CLAUSE, ctx)?;
        *bounds = Some((off.unwrap_or(0), cnt));
    }
    let (skip, remaining) = bounds.as_mut().expect("set above");
    if *remaining == Some(0) {
        slot.clear();
        return Ok(false);
    }
    while *skip > 0 {
        if !input.next_slot(ctx, slot)? {
            return Ok(false);
        }
        *skip -= 1;
    }
    let got = input.next_slot(ctx, slot)?;
    if got {
        if let Some(n) = remaining {
            *n -= 1;
        }
    }
    Ok(got)
}

/// EXPLAIN ANALYZE's counting around one call of the measured node
/// (`InstrStartNode` / `InstrStopNode`).
fn instrumented<R>(
    (actuals, started, loop_rows, previous): (
        &mut pg_planner::explain::NodeActuals,
        &mut Option<std::time::Instant>,
        &mut u64,
        &mut (f64, f64),
    ),
    is_row: impl Fn(&R) -> bool,
    call: impl FnOnce() -> PgResult<R>,
) -> PgResult<R> {
    let start = *started.get_or_insert_with(std::time::Instant::now);
    if actuals.loops == 0 {
        actuals.loops = 1;
    }
    // Buffer counts include the inputs', as PostgreSQL's InstrStopNode.
    let before = pg_storage::instrument::buffer_usage();
    let r = call();
    actuals.buffers.add(&pg_storage::instrument::buffer_usage().since(&before));
    let r = r?;
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    // Times add up over loops; EXPLAIN prints them per loop.
    if *loop_rows == 0 {
        actuals.startup_ms = previous.0 + ms;
    }
    if is_row(&r) {
        *loop_rows += 1;
        actuals.rows += 1;
    }
    actuals.total_ms = previous.1 + ms;
    Ok(r)
}
