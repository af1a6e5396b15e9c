//! EXPLAIN's text format for a plan tree (PostgreSQL's `commands/explain.c`,
//! with expressions printed as `utils/adt/ruleutils.c` deparses them) and
//! the cost estimates it shows (`optimizer/path/costsize.c`, simplified).
//!
//! The costs use PostgreSQL's default cost constants and its formulas for
//! these node types, but with its default selectivities and row counts
//! instead of statistics: a function scan returns its `pg_proc.prorows`
//! rows, which the analyzer copied into the range-table entry from the
//! catalog (`generate_series` over integer constants knows its
//! count, as PostgreSQL's support function does), an inequality
//! keeps a third of the rows, an equality 0.5 %, anything else half.
//!
//! [`parse_options`] reads EXPLAIN's option list (`ExplainQuery`'s DefElem
//! loop) into [`ExplainOptions`] at planning time, so the executor receives
//! them inside the `PlannedStmt` and never sees the raw statement.

use crate::{AggStrategy, Plan, SortKey};
use pg_analyze::{AggKind, Aggref, BoolOpKind, Expr, JoinType, RangeTblEntry, RteSource};
use pg_error::{PgError, PgResult, SqlState};
use pg_parser::ast::Value;
use pg_types::datum::Datum;
use pg_types::types::{format_type, lookup_type, oid, Oid};

/// `cpu_tuple_cost`.
const CPU_TUPLE_COST: f64 = 0.01;
/// `cpu_operator_cost`.
const CPU_OPERATOR_COST: f64 = 0.0025;

/// EXPLAIN's options (`ExplainState`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ExplainOptions {
    /// ANALYZE: run the plan and show actual row counts.
    pub analyze: bool,
    /// COSTS (default on).
    pub costs: bool,
    /// TIMING (default on with ANALYZE).
    pub timing: bool,
    /// SUMMARY: planning and execution time (default on with ANALYZE).
    pub summary: bool,
    /// BUFFERS: each node's buffer usage (with ANALYZE).
    pub buffers: bool,
    /// Milliseconds parse analysis and planning took (measured by the
    /// caller; printed as `Planning Time` with SUMMARY).
    pub planning_ms: f64,
}

impl Default for ExplainOptions {
    fn default() -> Self {
        ExplainOptions { analyze: false, costs: true, timing: true, summary: false, buffers: false, planning_ms: 0.0 }
    }
}

/// What EXPLAIN ANALYZE measured for one node (`Instrumentation`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct NodeActuals {
    /// Rows the node returned.
    pub rows: u64,
    /// Times it was started (rescans and reruns of a subplan count).
    pub loops: u64,
    /// Milliseconds until the first row.
    pub startup_ms: f64,
    /// Milliseconds until the last row.
    pub total_ms: f64,
    /// A Sort's method and space (`Sort Method: ...`).
    pub sort: Option<SortSpace>,
    /// A HashAggregate's batches and space (`Batches: ...`).
    pub hash: Option<HashSpace>,
    /// A Hash node's table (`Buckets: ...  Batches: ...`).
    pub hash_table: Option<HashTableSpace>,
    /// Buffers the node and its inputs used (`Instrumentation.bufusage`).
    pub buffers: pg_storage::instrument::BufferUsage,
}

/// EXPLAIN's `Buffers:` line (`show_buffer_usage`, text format): the
/// non-zero counts by kind; `None` when all are zero.
pub fn buffers_line(u: &pg_storage::instrument::BufferUsage) -> Option<String> {
    let part = |name: &str, counts: &[(&str, u64)]| -> Option<String> {
        let shown: Vec<String> = counts.iter().filter(|(_, n)| *n > 0).map(|(k, n)| format!(" {k}={n}")).collect();
        (!shown.is_empty()).then(|| format!(" {name}{}", shown.concat()))
    };
    let parts: Vec<String> = [
        part(
            "shared",
            &[
                ("hit", u.shared_blks_hit),
                ("read", u.shared_blks_read),
                ("dirtied", u.shared_blks_dirtied),
                ("written", u.shared_blks_written),
            ],
        ),
        part(
            "local",
            &[
                ("hit", u.local_blks_hit),
                ("read", u.local_blks_read),
                ("dirtied", u.local_blks_dirtied),
                ("written", u.local_blks_written),
            ],
        ),
        part("temp", &[("read", u.temp_blks_read), ("written", u.temp_blks_written)]),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| format!("Buffers:{}", parts.join(",")))
}

/// How a hash join's table ran (`show_hash_info`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HashTableSpace {
    /// Buckets at the end.
    pub nbuckets: usize,
    /// Buckets planned at the start.
    pub nbuckets_original: usize,
    /// Batches at the end.
    pub nbatch: usize,
    /// Batches planned at the start.
    pub nbatch_original: usize,
    /// Peak memory of the table in kilobytes (rounded up).
    pub memory_kb: u64,
}

/// How a Sort ran (`tuplesort_get_stats`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SortSpace {
    /// External merge (on disk) rather than quicksort (in memory).
    pub external: bool,
    /// Kilobytes of disk (external) or memory (quicksort).
    pub kb: u64,
}

/// How a hash aggregation ran (`show_hashagg_info`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HashSpace {
    /// Batches: 1 plus the spilled partitions processed.
    pub batches: u64,
    /// Peak memory in kilobytes.
    pub memory_kb: u64,
    /// Kilobytes written to temporary files.
    pub disk_kb: u64,
}

/// A node's estimate (`Plan.startup_cost`, `total_cost`, `plan_rows`, `plan_width`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    /// Cost before the first row.
    pub startup: f64,
    /// Cost of all rows.
    pub total: f64,
    /// Rows.
    pub rows: f64,
    /// Average row width in bytes.
    pub width: i32,
}

/// The plan as EXPLAIN (COSTS OFF) prints it, one line per output row.
pub fn explain_text(plan: &Plan) -> Vec<String> {
    explain_lines(plan, &ExplainOptions { costs: false, ..Default::default() }, None)
}

/// The plan in EXPLAIN's text format. `actuals` are EXPLAIN ANALYZE's
/// measurements, one per node in pre-order (parent before child).
pub fn explain_lines(plan: &Plan, opts: &ExplainOptions, actuals: Option<&[NodeActuals]>) -> Vec<String> {
    explain_stmt_lines(plan, &[], opts, actuals, &SubplanActuals::new())
}

/// [`explain_lines`] for a plan whose expressions refer to SubPlans and
/// InitPlans in `subplans` (`PlannedStmt::subplans`): each is printed under
/// the node that uses it, as PostgreSQL's `ExplainSubPlans` does.
/// `subplan_actuals` are EXPLAIN ANALYZE's figures of each subplan's nodes
/// (by plan number, pre-order, summed over its runs); a subplan without
/// any never ran.
pub fn explain_stmt_lines(
    plan: &Plan,
    subplans: &[Plan],
    opts: &ExplainOptions,
    actuals: Option<&[NodeActuals]>,
    subplan_actuals: &SubplanActuals,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut next_actual = 0;
    // PostgreSQL qualifies column names when the statement's range table
    // has more than one entry; every subquery level adds at least one (an
    // RTE_RESULT when it has no FROM).
    let qualify = count_rtes(plan) > 1 || !subplans.is_empty();
    let mut w =
        Walker { opts, actuals, next_actual: &mut next_actual, qualify, subplans, subplan_actuals, out: &mut out };
    w.walk(plan, 0, true, &[]);
    PARAM_NAMES.with(|p| p.borrow_mut().clear());
    out
}

thread_local! {
    /// While a SubPlan's tree is printed: how its parameters print (the
    /// outer column each one was set from, as PostgreSQL's ruleutils finds
    /// a PARAM_EXEC's referent in the ancestor plan).
    static PARAM_NAMES: std::cell::RefCell<std::collections::HashMap<usize, String>> = Default::default();
}

/// EXPLAIN ANALYZE's figures of subplans' nodes, by plan number.
pub type SubplanActuals = std::collections::HashMap<usize, Vec<NodeActuals>>;

struct Walker<'a, 'o> {
    opts: &'a ExplainOptions,
    actuals: Option<&'a [NodeActuals]>,
    next_actual: &'o mut usize,
    qualify: bool,
    subplans: &'a [Plan],
    subplan_actuals: &'a SubplanActuals,
    out: &'o mut Vec<String>,
}

/// The SubPlans in `exprs`, in the order their expressions are initialised.
fn subplans_in<'e>(exprs: impl IntoIterator<Item = &'e Expr>) -> Vec<pg_analyze::SubPlan> {
    let mut found = Vec::new();
    for e in exprs {
        e.walk(&mut |x| {
            if let Expr::SubPlan(sp) = x {
                found.push((**sp).clone());
            }
        });
    }
    found
}

/// Whether `plan` or any node below it reads an execution-time parameter
/// (`Expr::ExecParam`: set by a SubPlan, a LATERAL nested loop or an
/// InitPlan), so that its rows may differ from one rescan to the next
/// (the executor's `chgParam` test, made once for the whole subtree).
pub fn uses_exec_params(plan: &Plan) -> bool {
    let mut found = false;
    for e in node_exprs(plan) {
        e.walk(&mut |x| found |= matches!(x, Expr::ExecParam { .. } | Expr::SubPlan(_)));
    }
    found || children(plan).into_iter().any(uses_exec_params)
}

/// The expressions a node evaluates itself (function arguments, target
/// list, quals), where its SubPlans are.
fn node_exprs(plan: &Plan) -> Vec<&Expr> {
    fn opt(q: &Option<Expr>) -> Vec<&Expr> {
        q.iter().collect()
    }
    match plan {
        Plan::Result { target_list, qual } => target_list.iter().chain(opt(qual)).collect(),
        Plan::FunctionScan { rte, target_list, qual } => {
            let args: Vec<&Expr> = match &rte.source {
                RteSource::Function { args, .. } | RteSource::ScalarFunction { args, .. } => args.iter().collect(),
                RteSource::RowsFrom { items, .. } => items
                    .iter()
                    .flat_map(|(s, _)| match s {
                        RteSource::Function { args, .. } | RteSource::ScalarFunction { args, .. } => args.iter(),
                        _ => [].iter(),
                    })
                    .collect(),
                RteSource::Values(rows) => rows.iter().flatten().collect(),
                _ => Vec::new(),
            };
            args.into_iter().chain(target_list.iter()).chain(opt(qual)).collect()
        }
        Plan::SubqueryScan { target_list, qual, .. } | Plan::SeqScan { target_list, qual, .. } => {
            target_list.iter().chain(opt(qual)).collect()
        }
        Plan::ModifyTable { returning, .. } => returning.iter().collect(),
        Plan::NestLoop { target_list, join_qual, qual, .. } => {
            target_list.iter().chain(opt(join_qual)).chain(opt(qual)).collect()
        }
        Plan::HashJoin { join, outer_keys, inner_keys, .. } => join
            .target_list
            .iter()
            .chain(opt(&join.join_qual))
            .chain(opt(&join.qual))
            .chain(outer_keys)
            .chain(inner_keys)
            .collect(),
        Plan::MergeJoin { join, .. } => {
            join.target_list.iter().chain(opt(&join.join_qual)).chain(opt(&join.qual)).collect()
        }
        Plan::Agg { target_list, qual, aggs, .. } => {
            target_list.iter().chain(opt(qual)).chain(aggs.iter().flat_map(|a| a.aggref.input_exprs())).collect()
        }
        Plan::Limit { offset, count, .. } => opt(offset).into_iter().chain(opt(count)).collect(),
        Plan::ProjectSet { srfs, target_list, .. } => srfs.iter().chain(target_list.iter()).collect(),
        _ => Vec::new(),
    }
}

fn type_width(t: Oid) -> i32 {
    match lookup_type(t).map(|t| t.len) {
        Some(n) if n > 0 => n as i32,
        _ => 32,
    }
}

pub(crate) fn width_of(exprs: &[Expr]) -> i32 {
    exprs
        .iter()
        .map(|e| match (e.type_oid(), e.typmod()) {
            (t @ (oid::VARCHAR | oid::BPCHAR), m) if m > 4 => crate::plancat::type_avg_width(t, m),
            (t, _) => type_width(t),
        })
        .sum()
}

/// Operators and functions evaluated per row by `e` (`cost_qual_eval`).
pub(crate) fn eval_cost(e: &Expr) -> f64 {
    let mut n = 0.0;
    e.walk(&mut |x| {
        if matches!(
            x,
            Expr::Op { .. }
                | Expr::ScalarArrayOp { .. }
                | Expr::Func { .. }
                | Expr::Cast { .. }
                | Expr::NullIf { .. }
                | Expr::Distinct { .. }
                | Expr::HashedIn { .. }
        ) {
            n += CPU_OPERATOR_COST;
        }
    });
    n
}

/// Default selectivity of a qual (`clauselist_selectivity` without statistics).
pub(crate) fn selectivity(e: &Expr) -> f64 {
    match e {
        Expr::Bool { op: BoolOpKind::And, args } => args.iter().map(selectivity).product(),
        Expr::Bool { op: BoolOpKind::Or, args } => 1.0 - args.iter().map(|a| 1.0 - selectivity(a)).product::<f64>(),
        Expr::Bool { op: BoolOpKind::Not, args } => 1.0 - selectivity(&args[0]),
        Expr::Op { name, .. } if matches!(name.as_str(), "<" | ">" | "<=" | ">=") => 1.0 / 3.0,
        Expr::Op { name, .. } if name == "=" => 0.005,
        Expr::Op { name, .. } if name == "<>" => 0.995,
        Expr::Const { value: Datum::Bool(b), .. } => {
            if *b {
                1.0
            } else {
                0.0
            }
        }
        _ => 0.5,
    }
}

pub(crate) fn clamp_rows(r: f64) -> f64 {
    if r <= 1.0 {
        1.0
    } else {
        r.round()
    }
}

/// Rows a FROM item's function returns (`prorows`, or the support
/// function's count for `generate_series` over constants).
pub(crate) fn function_rows(rte: &RangeTblEntry) -> f64 {
    match &rte.source {
        RteSource::ScalarFunction { .. } => 1.0,
        // cost_ctescan without statistics: PostgreSQL's default guess.
        RteSource::Cte { .. } | RteSource::WorkTable { .. } => 100.0,
        RteSource::Function { name, args, rows, .. } if name == "generate_series" => {
            let c: Vec<Option<i64>> = args
                .iter()
                .map(|a| match a {
                    Expr::Const { value, .. } => value.as_i64(),
                    _ => None,
                })
                .collect();
            // clamp_row_est: never fewer than one row.
            match c.as_slice() {
                [Some(a), Some(b)] => ((b - a + 1) as f64).max(1.0),
                [Some(a), Some(b), Some(s)] if *s != 0 => (((b - a) / s + 1) as f64).max(1.0),
                _ => *rows,
            }
        }
        RteSource::Function { rows, .. } => *rows,
        // cost_functionscan: the longest function decides.
        RteSource::RowsFrom { items, .. } => items
            .iter()
            .map(|(source, _)| {
                function_rows(&RangeTblEntry {
                    alias: String::new(),
                    relname: None,
                    columns: Vec::new(),
                    source: source.clone(),
                })
            })
            .fold(1.0, f64::max),
        // A view is a subquery once pg-rewrite has expanded it.
        RteSource::Subquery(_) | RteSource::SetOp(_) | RteSource::Join(_) | RteSource::ViewRule { .. } => 1.0,
        RteSource::Values(rows) => rows.len() as f64,
        RteSource::Relation(r) => crate::plancat::estimate_rel_size(r.relid).tuples,
    }
}

/// Cost and size estimate of a plan node.
pub fn estimate(plan: &Plan) -> Estimate {
    match plan {
        Plan::SeqScan { target_list, qual, size, .. } => {
            // cost_seqscan: every page read in order, every row checked.
            let per_row = CPU_TUPLE_COST + qual.as_ref().map(eval_cost).unwrap_or(0.0);
            let rows = qual.as_ref().map(|q| clamp_rows(size.tuples * selectivity(q))).unwrap_or(size.tuples);
            let tlist = target_list.iter().map(eval_cost).sum::<f64>() * rows;
            let total = pg_guc::vars::SEQ_PAGE_COST.get() * size.pages + per_row * size.tuples + tlist;
            Estimate { startup: 0.0, total, rows: clamp_rows(rows), width: width_of(target_list) }
        }
        Plan::ModifyTable { input, returning, .. } => {
            // The rows it returns are RETURNING's; without one, none.
            let i = estimate(input);
            if returning.is_empty() {
                Estimate { rows: 0.0, width: 0, ..i }
            } else {
                Estimate { width: width_of(returning), ..i }
            }
        }
        Plan::LockRows { input, .. } => {
            let i = estimate(input);
            Estimate { total: i.total + CPU_TUPLE_COST * i.rows, ..i }
        }
        Plan::RecursiveUnion { non_recursive, recursive, .. } => {
            // cost_recursive_union: ten iterations of the recursive term.
            let (n, r) = (estimate(non_recursive), estimate(recursive));
            Estimate {
                startup: n.startup,
                total: n.total + 10.0 * r.total,
                rows: n.rows + 10.0 * r.rows,
                width: n.width.max(r.width),
            }
        }
        Plan::ProjectSet { input, srfs, target_list, .. } => {
            // Ten rows per input row for each level of set-returning calls.
            let i = estimate(input);
            let rows = if srfs.is_empty() { i.rows } else { i.rows * 10.0 };
            Estimate {
                startup: i.startup,
                total: i.total + rows * CPU_TUPLE_COST + srfs.iter().map(eval_cost).sum::<f64>() * i.rows,
                rows,
                width: width_of(target_list),
            }
        }
        Plan::InitPlans { input, .. } => estimate(input),
        Plan::Material { input } => {
            // cost_material: storing and returning each row costs two operators.
            let i = estimate(input);
            Estimate { total: i.total + 2.0 * CPU_OPERATOR_COST * i.rows, ..i }
        }
        Plan::Result { target_list, qual } => Estimate {
            startup: qual.as_ref().map(eval_cost).unwrap_or(0.0),
            total: CPU_TUPLE_COST + qual.as_ref().map(eval_cost).unwrap_or(0.0),
            rows: 1.0,
            width: width_of(target_list),
        },
        Plan::FunctionScan { rte: rte @ RangeTblEntry { source: RteSource::Values(_), .. }, target_list, qual } => {
            // cost_valuesscan: one operator per row on top of the tuple cost.
            let n = function_rows(rte);
            let per_row = CPU_TUPLE_COST + CPU_OPERATOR_COST + qual.as_ref().map(eval_cost).unwrap_or(0.0);
            let rows = qual.as_ref().map(|q| clamp_rows(n * selectivity(q))).unwrap_or(n);
            Estimate { startup: 0.0, total: n * per_row, rows, width: width_of(target_list) }
        }
        Plan::FunctionScan { rte, target_list, qual } => {
            let n = function_rows(rte);
            let per_row = CPU_TUPLE_COST + qual.as_ref().map(eval_cost).unwrap_or(0.0);
            let rows = qual.as_ref().map(|q| clamp_rows(n * selectivity(q))).unwrap_or(n);
            let tlist = target_list.iter().map(eval_cost).sum::<f64>() * rows;
            // cost_functionscan: calling the function (its arguments and
            // one procost of 1) is startup cost.
            let startup = match &rte.source {
                RteSource::Function { args, .. } => CPU_OPERATOR_COST + args.iter().map(eval_cost).sum::<f64>(),
                _ => 0.0,
            };
            Estimate { startup, total: startup + n * per_row + tlist, rows, width: width_of(target_list) }
        }
        Plan::SubqueryScan { subplan, target_list, qual, .. } => {
            let i = estimate(subplan);
            let per_row = CPU_TUPLE_COST + qual.as_ref().map(eval_cost).unwrap_or(0.0);
            let rows = qual.as_ref().map(|q| clamp_rows(i.rows * selectivity(q))).unwrap_or(i.rows);
            Estimate { startup: i.startup, total: i.total + i.rows * per_row, rows, width: width_of(target_list) }
        }
        Plan::Sort { input, .. } => {
            let i = estimate(input);
            let n = i.rows.max(2.0);
            let startup = i.total + 2.0 * CPU_OPERATOR_COST * n * n.log2();
            Estimate { startup, total: startup + CPU_OPERATOR_COST * i.rows, rows: i.rows, width: i.width }
        }
        Plan::Unique { input, ncols, .. } => {
            let i = estimate(input);
            Estimate {
                startup: i.startup,
                total: i.total + CPU_OPERATOR_COST * i.rows * *ncols as f64,
                rows: i.rows,
                width: i.width,
            }
        }
        Plan::Agg { input, strategy, ngroups, aggs, qual, target_list, .. } => {
            let i = estimate(input);
            let trans = CPU_OPERATOR_COST * i.rows * aggs.len() as f64;
            let (groups, startup, total) = match strategy {
                AggStrategy::Plain => (1.0, i.total + trans, i.total + trans + CPU_TUPLE_COST),
                AggStrategy::Sorted => {
                    let groups = i.rows.min(200.0);
                    let startup = i.startup;
                    let total =
                        i.total + trans + CPU_OPERATOR_COST * i.rows * *ngroups as f64 + groups * CPU_TUPLE_COST;
                    (groups, startup, total)
                }
                AggStrategy::Hashed => {
                    let groups = i.rows.min(200.0);
                    let startup = i.total + trans + CPU_OPERATOR_COST * i.rows * *ngroups as f64;
                    (groups, startup, startup + groups * (CPU_TUPLE_COST + CPU_OPERATOR_COST * aggs.len() as f64))
                }
            };
            let rows = qual.as_ref().map(|q| clamp_rows(groups * selectivity(q))).unwrap_or(groups);
            Estimate { startup, total, rows, width: width_of(target_list) }
        }
        Plan::NestLoop { rte, kind, outer, inner, join_qual, qual, target_list, .. } => {
            let j = crate::joinpath::JoinRef {
                rte,
                kind: *kind,
                join_qual: join_qual.as_ref(),
                qual: qual.as_ref(),
                target_list,
            };
            crate::joinpath::cost_nestloop(&j, outer, inner)
        }
        Plan::HashJoin { join, outer, inner, hash_clauses, .. } => {
            crate::joinpath::cost_hashjoin(&join.as_ref(), outer, inner, hash_clauses)
        }
        // The Hash node costs what its input costs, all before its first
        // row (`cost=total..total`).
        Plan::Hash { input } => {
            let i = estimate(input);
            Estimate { startup: i.total, total: i.total, ..i }
        }
        Plan::MergeJoin { join, outer, inner, merge_clauses, .. } => {
            // The merge join's cost model decides the inner Materialize
            // itself, from the sorted input below it.
            let inner = match inner.as_ref() {
                Plan::Material { input } => input,
                other => other,
            };
            crate::joinpath::cost_mergejoin(&join.as_ref(), outer, inner, merge_clauses).0
        }
        Plan::Append { inputs, .. } => {
            let parts: Vec<Estimate> = inputs.iter().map(estimate).collect();
            Estimate {
                startup: parts.first().map(|e| e.startup).unwrap_or(0.0),
                total: parts.iter().map(|e| e.total).sum(),
                rows: parts.iter().map(|e| e.rows).sum(),
                width: parts.iter().map(|e| e.width).max().unwrap_or(0),
            }
        }
        Plan::SetOp { input, ncols, .. } => {
            let i = estimate(input);
            let startup = i.total + CPU_OPERATOR_COST * i.rows * *ncols as f64;
            let rows = match input.as_ref() {
                Plan::Append { inputs, .. } => inputs.first().map(|p| estimate(p).rows).unwrap_or(i.rows),
                _ => i.rows,
            };
            Estimate { startup, total: startup, rows, width: i.width }
        }
        Plan::Limit { input, offset, count } => {
            let i = estimate(input);
            let konst = |e: &Option<Expr>| match e {
                None => Some(0.0),
                Some(Expr::Const { value, .. }) => Some(value.as_i64().unwrap_or(0) as f64),
                Some(_) => None,
            };
            let run = i.total - i.startup;
            let per_row = if i.rows > 0.0 { run / i.rows } else { 0.0 };
            let off = konst(offset).unwrap_or(i.rows * 0.1).min(i.rows);
            let cnt = match count {
                None => i.rows - off,
                Some(_) => konst(count).unwrap_or(i.rows * 0.1).min(i.rows - off),
            };
            let startup = i.startup + per_row * off;
            Estimate { startup, total: startup + per_row * cnt, rows: clamp_rows(cnt), width: i.width }
        }
    }
}

/// The node's inputs, in EXPLAIN's (and the executor's) order.
pub fn children(plan: &Plan) -> Vec<&Plan> {
    match plan {
        Plan::Result { .. } | Plan::FunctionScan { .. } | Plan::SeqScan { .. } => Vec::new(),
        Plan::ModifyTable { input, .. } | Plan::LockRows { input, .. } => vec![input],
        Plan::Sort { input, .. }
        | Plan::Unique { input, .. }
        | Plan::Agg { input, .. }
        | Plan::Limit { input, .. }
        | Plan::Material { input }
        | Plan::SetOp { input, .. } => vec![input],
        Plan::SubqueryScan { subplan, .. } => vec![subplan],
        Plan::InitPlans { input, .. } | Plan::ProjectSet { input, .. } => vec![input],
        Plan::RecursiveUnion { non_recursive, recursive, .. } => vec![non_recursive, recursive],
        Plan::Append { inputs, .. } => inputs.iter().collect(),
        Plan::NestLoop { outer, inner, .. }
        | Plan::HashJoin { outer, inner, .. }
        | Plan::MergeJoin { outer, inner, .. } => vec![outer, inner],
        Plan::Hash { input } => vec![input],
    }
}

/// The node's name as EXPLAIN prints it (`ExplainNode`'s `pname` and the
/// scan target).
fn node_name(plan: &Plan) -> String {
    match plan {
        Plan::InitPlans { input, .. } => node_name(input),
        Plan::RecursiveUnion { .. } => "Recursive Union".into(),
        Plan::ProjectSet { srfs, .. } if srfs.is_empty() => "Result".into(),
        Plan::ProjectSet { .. } => "ProjectSet".into(),
        Plan::Result { .. } => "Result".into(),
        Plan::SeqScan { rte, .. } => match &rte.relname {
            Some((_, name)) if *name != rte.alias => format!("Seq Scan on {name} {}", rte.alias),
            _ => format!("Seq Scan on {}", rte.alias),
        },
        Plan::ModifyTable { command, target, alias, .. } => {
            let verb = match command {
                pg_analyze::CmdType::Insert => "Insert",
                pg_analyze::CmdType::Update => "Update",
                pg_analyze::CmdType::Delete => "Delete",
                pg_analyze::CmdType::Select => "Select",
            };
            if *alias == target.name {
                format!("{verb} on {}", target.name)
            } else {
                format!("{verb} on {} {alias}", target.name)
            }
        }
        Plan::LockRows { .. } => "LockRows".into(),
        Plan::FunctionScan { rte, .. } => match &rte.source {
            RteSource::Function { name, .. } | RteSource::ScalarFunction { name, .. } => {
                if rte.alias == *name {
                    format!("Function Scan on {name}")
                } else {
                    format!("Function Scan on {name} {}", rte.alias)
                }
            }
            RteSource::RowsFrom { items, .. } => match &items[..] {
                [(RteSource::Function { name, .. } | RteSource::ScalarFunction { name, .. }, _)]
                    if rte.alias != *name =>
                {
                    format!("Function Scan on {name} {}", rte.alias)
                }
                [(RteSource::Function { name, .. } | RteSource::ScalarFunction { name, .. }, _)] => {
                    format!("Function Scan on {name}")
                }
                _ => format!("Function Scan on {}", rte.alias),
            },
            RteSource::Subquery(_) | RteSource::SetOp(_) | RteSource::Join(_) | RteSource::ViewRule { .. } => {
                format!("Subquery Scan on {}", rte.alias)
            }
            RteSource::Values(_) => format!("Values Scan on \"{}\"", rte.alias),
            RteSource::Cte { name, .. } if rte.alias == *name => format!("CTE Scan on {name}"),
            RteSource::Cte { name, .. } => format!("CTE Scan on {name} {}", rte.alias),
            // PostgreSQL's unique alias for the second entry named like the
            // query (the outer CTE Scan keeps the plain name).
            RteSource::WorkTable { name, .. } if rte.alias == *name => format!("WorkTable Scan on {name} {name}_1"),
            RteSource::WorkTable { name, .. } => format!("WorkTable Scan on {name} {}", rte.alias),
            RteSource::Relation(_) => format!("Seq Scan on {}", rte.alias),
        },
        Plan::SubqueryScan { rte, .. } => format!("Subquery Scan on {}", rte.alias),
        Plan::Sort { .. } => "Sort".into(),
        Plan::Unique { .. } => "Unique".into(),
        Plan::Agg { strategy: AggStrategy::Plain, .. } => "Aggregate".into(),
        Plan::Agg { strategy: AggStrategy::Hashed, .. } => "HashAggregate".into(),
        Plan::Agg { strategy: AggStrategy::Sorted, .. } => "GroupAggregate".into(),
        Plan::Limit { .. } => "Limit".into(),
        Plan::Material { .. } => "Materialize".into(),
        Plan::Append { .. } => "Append".into(),
        Plan::NestLoop { kind, .. } => match kind {
            JoinType::Inner => "Nested Loop".into(),
            JoinType::Left => "Nested Loop Left Join".into(),
            JoinType::Right => "Nested Loop Right Join".into(),
            JoinType::Full => "Nested Loop Full Join".into(),
            JoinType::Semi => "Nested Loop Semi Join".into(),
            JoinType::Anti => "Nested Loop Anti Join".into(),
        },
        Plan::HashJoin { join, .. } => format!("Hash{} Join", join_word(join.kind)),
        Plan::MergeJoin { join, .. } => format!("Merge{} Join", join_word(join.kind)),
        Plan::Hash { .. } => "Hash".into(),
        Plan::SetOp { op, all, .. } => format!("HashSetOp {}{}", setop_word(*op), if *all { " All" } else { "" }),
    }
}

/// The join type in a hash or merge join's name.
fn join_word(kind: JoinType) -> &'static str {
    match kind {
        JoinType::Inner => "",
        JoinType::Left => " Left",
        JoinType::Right => " Right",
        JoinType::Full => " Full",
        JoinType::Semi => " Semi",
        JoinType::Anti => " Anti",
    }
}

fn setop_word(op: pg_analyze::SetOpKind) -> &'static str {
    match op {
        pg_analyze::SetOpKind::Union => "Union",
        pg_analyze::SetOpKind::Intersect => "Intersect",
        pg_analyze::SetOpKind::Except => "Except",
    }
}

/// How to print the columns an expression refers to.
enum Scope<'a> {
    /// No FROM item (a Result node).
    None,
    /// Columns of a FROM item; qualified with its alias when the plan has
    /// more than one (as PostgreSQL's `useprefix`).
    Scan(&'a RangeTblEntry, bool),
    /// The aggregate output row: group keys and aggregate calls, themselves over `scan`.
    Agg { groups: &'a [Expr], aggs: &'a [crate::AggCall], scan: &'a Scope<'a> },
}

/// The target list of the rows `plan` returns (for Sort keys above it).
fn output_tlist(plan: &Plan) -> Option<&[Expr]> {
    match plan {
        Plan::Result { target_list, .. }
        | Plan::FunctionScan { target_list, .. }
        | Plan::SeqScan { target_list, .. }
        | Plan::SubqueryScan { target_list, .. }
        | Plan::NestLoop { target_list, .. }
        | Plan::Agg { target_list, .. } => Some(target_list),
        Plan::ModifyTable { returning, .. } => Some(returning),
        Plan::LockRows { input, .. } => output_tlist(input),
        Plan::HashJoin { join, .. } | Plan::MergeJoin { join, .. } => Some(&join.target_list),
        Plan::Hash { input } => output_tlist(input),
        Plan::Sort { input, .. }
        | Plan::Unique { input, .. }
        | Plan::Limit { input, .. }
        | Plan::Material { input }
        | Plan::InitPlans { input, .. } => output_tlist(input),
        Plan::ProjectSet { display, .. } => Some(display),
        Plan::Append { inputs, .. } => inputs.first().and_then(output_tlist),
        Plan::RecursiveUnion { non_recursive, .. } => output_tlist(non_recursive),
        Plan::SetOp { input, .. } => output_tlist(input),
    }
}

/// `deparse_expression` for the catalog's stored expressions (a column
/// default, a CHECK constraint): `e` printed as PostgreSQL's ruleutils
/// prints it, its column references named by `columns` (unqualified) when
/// given. A top-level implicit coercion is not shown, as PostgreSQL's
/// `showimplicit = false`.
pub fn deparse_expression(e: &Expr, columns: Option<&RangeTblEntry>) -> String {
    let scope = match columns {
        Some(rte) => Scope::Scan(rte, false),
        None => Scope::None,
    };
    match e {
        Expr::Cast { arg, explicit: false, .. } => deparse(arg, &scope),
        other => deparse(other, &scope),
    }
}

/// Deparses `e` (`get_rule_expr`).
fn deparse(e: &Expr, scope: &Scope<'_>) -> String {
    match e {
        Expr::Const { value, type_oid, .. } => deparse_const(value, *type_oid),
        Expr::Var { attno, .. } => match scope {
            Scope::None => "?column?".into(),
            Scope::Scan(rte, qualify) => {
                let (item, name) = match rte.column_origin(*attno) {
                    Some((item, c)) => (item.alias.as_str(), c.name.as_str()),
                    None => (rte.alias.as_str(), "?"),
                };
                if *qualify {
                    format!("{item}.{name}")
                } else {
                    name.to_string()
                }
            }
            Scope::Agg { groups, aggs, scan } => {
                if let Some(g) = groups.get(*attno) {
                    deparse(g, scan)
                } else {
                    aggs.get(attno - groups.len()).map(|a| deparse_agg(&a.aggref, scan)).unwrap_or_else(|| "?".into())
                }
            }
        },
        Expr::Param { index, .. } => format!("${index}"),
        Expr::ExecParam { id, .. } => {
            PARAM_NAMES.with(|m| m.borrow().get(id).cloned()).unwrap_or_else(|| format!("${id}"))
        }
        Expr::OuterVar { .. } => "?outer?".into(),
        Expr::SubLink(_) => "(SubLink)".into(),
        Expr::SubPlan(sp) => {
            format!("({}SubPlan {})", if sp.hashed { "hashed " } else { "" }, sp.plan_id)
        }
        Expr::Aggref(a) => deparse_agg(a, scope),
        Expr::Op { name, args, .. } => match args.as_slice() {
            [l, r] => format!("({} {name} {})", deparse(l, scope), deparse(r, scope)),
            [r] => format!("({name} {})", deparse(r, scope)),
            _ => "?".into(),
        },
        Expr::ScalarArrayOp { name, use_or, args, .. } => format!(
            "({} {name} {} ({}))",
            deparse(&args[0], scope),
            if *use_or { "ANY" } else { "ALL" },
            deparse(&args[1], scope)
        ),
        Expr::Func { name, args, .. } | Expr::SrfCall { name, args, .. } => {
            format!("{name}({})", args.iter().map(|a| deparse(a, scope)).collect::<Vec<_>>().join(", "))
        }
        Expr::Bool { op: BoolOpKind::Not, args } => format!("(NOT {})", deparse(&args[0], scope)),
        Expr::Bool { op, args } => {
            let word = if *op == BoolOpKind::And { " AND " } else { " OR " };
            format!("({})", args.iter().map(|a| deparse(a, scope)).collect::<Vec<_>>().join(word))
        }
        Expr::Cast { arg, target, typmod, .. } => {
            let inner = deparse(arg, scope);
            let inner = if matches!(**arg, Expr::Const { .. } | Expr::Func { .. }) || inner.starts_with('(') {
                inner
            } else {
                format!("({inner})")
            };
            format!("{inner}::{}", format_type(*target, *typmod))
        }
        Expr::NullTest { arg, not } => {
            format!("({} IS {}NULL)", deparse(arg, scope), if *not { "NOT " } else { "" })
        }
        Expr::BooleanTest { arg, test } => {
            use pg_parser::ast::BoolTestKind::*;
            let w = match test {
                IsTrue => "IS TRUE",
                IsNotTrue => "IS NOT TRUE",
                IsFalse => "IS FALSE",
                IsNotFalse => "IS NOT FALSE",
                IsUnknown => "IS UNKNOWN",
                IsNotUnknown => "IS NOT UNKNOWN",
            };
            format!("({} {w})", deparse(arg, scope))
        }
        Expr::Coalesce { args, .. } => {
            format!("COALESCE({})", args.iter().map(|a| deparse(a, scope)).collect::<Vec<_>>().join(", "))
        }
        Expr::MinMax { greatest, args, .. } => format!(
            "{}({})",
            if *greatest { "GREATEST" } else { "LEAST" },
            args.iter().map(|a| deparse(a, scope)).collect::<Vec<_>>().join(", ")
        ),
        Expr::NullIf { args, .. } => format!("NULLIF({}, {})", deparse(&args[0], scope), deparse(&args[1], scope)),
        Expr::ArrayExpr { elements, .. } => {
            format!("ARRAY[{}]", elements.iter().map(|a| deparse(a, scope)).collect::<Vec<_>>().join(", "))
        }
        Expr::Subscript { container, upper, lower, .. } => {
            // As printSubscripts: `a[1]`, `a[1:2]`, `a[:2]`; a container
            // other than a column is parenthesised.
            let base = deparse(container, scope);
            let mut out = if matches!(**container, Expr::Var { .. }) { base } else { format!("({base})") };
            let bound = |e: &Option<Expr>| e.as_ref().map(|e| deparse(e, scope)).unwrap_or_default();
            for (i, u) in upper.iter().enumerate() {
                match lower {
                    Some(l) => out.push_str(&format!("[{}:{}]", bound(&l[i]), bound(u))),
                    None => out.push_str(&format!("[{}]", bound(u))),
                }
            }
            out
        }
        Expr::HashedIn { arg, not, values } => {
            // As PostgreSQL prints a ScalarArrayOpExpr: `(x = ANY ('{1,2}'::integer[]))`.
            let elems: Vec<String> = values
                .items
                .iter()
                .map(|d| match d {
                    Datum::Null => "NULL".to_string(),
                    d => array_element_text(&pg_types::io::output(values.type_oid, d, &Default::default())),
                })
                .collect();
            let (op, quantifier) = if *not { ("<>", "ALL") } else { ("=", "ANY") };
            let array = format!("{{{}}}", elems.join(","));
            format!(
                "({} {op} {quantifier} ('{}'::{}[]))",
                deparse(arg, scope),
                array.replace('\'', "''"),
                format_type(values.type_oid, -1)
            )
        }
        Expr::Distinct { not, args, .. } => format!(
            "({} IS {}DISTINCT FROM {})",
            deparse(&args[0], scope),
            if *not { "NOT " } else { "" },
            deparse(&args[1], scope)
        ),
        Expr::Case { arg, whens, default, .. } => {
            let mut s = String::from("CASE");
            if let Some(a) = arg {
                s.push(' ');
                s.push_str(&deparse(a, scope));
            }
            for (c, r) in whens {
                let cond = match (arg, c) {
                    // Simple CASE: print the compared value, not `CaseTest = v`.
                    (Some(_), Expr::Op { args, .. }) if args.len() == 2 => deparse(&args[1], scope),
                    _ => deparse(c, scope),
                };
                s.push_str(&format!(" WHEN {cond} THEN {}", deparse(r, scope)));
            }
            s.push_str(&format!(" ELSE {} END", deparse(default, scope)));
            s
        }
        Expr::CaseTest { .. } => "CASE_TEST".into(),
    }
}

fn deparse_agg(a: &Aggref, scope: &Scope<'_>) -> String {
    // ` FILTER (WHERE ...)` as ruleutils prints it after the call.
    let filter = a.filter.as_ref().map(|f| format!(" FILTER (WHERE {})", deparse(f, scope))).unwrap_or_default();
    if a.kind == AggKind::CountStar {
        return format!("{}(*){filter}", a.name);
    }
    // Print the arguments as written: without the coercion to the
    // transition type the analyzer added (`sum(x)`, not `sum((x)::bigint)`).
    let args: Vec<String> = a
        .args
        .iter()
        .map(|x| match x {
            Expr::Cast { arg, explicit: false, .. } => deparse(arg, scope),
            other => deparse(other, scope),
        })
        .collect();
    let order: Vec<String> = a
        .order_by
        .iter()
        .map(|k| {
            let mut item = deparse(&k.expr, scope);
            if k.descending {
                item.push_str(" DESC");
            }
            if k.nulls_first != k.descending {
                item.push_str(if k.nulls_first { " NULLS FIRST" } else { " NULLS LAST" });
            }
            item
        })
        .collect();
    if a.kind.is_ordered_set() {
        return format!("{}({}) WITHIN GROUP (ORDER BY {}){filter}", a.name, args.join(", "), order.join(", "));
    }
    let order = if order.is_empty() { String::new() } else { format!(" ORDER BY {}", order.join(", ")) };
    format!("{}({}{}{order}){filter}", a.name, if a.distinct { "DISTINCT " } else { "" }, args.join(", "))
}

/// An element of an array literal as `array_out` writes it: quoted (with
/// `"` and `\` escaped) when empty, `NULL`, or holding a delimiter, a
/// brace, a quote, a backslash or white space.
fn array_element_text(text: &str) -> String {
    let needs_quotes = text.is_empty()
        || text.eq_ignore_ascii_case("null")
        || text.chars().any(|c| matches!(c, '{' | '}' | ',' | '"' | '\\') || c.is_ascii_whitespace());
    if !needs_quotes {
        return text.to_string();
    }
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The type label of a constant (`format_type_with_typemod` with no
/// typmod): `bpchar` rather than `character`, which would mean
/// `character(1)`.
fn const_type_name(t: Oid) -> String {
    match t {
        oid::BPCHAR => "bpchar".to_string(),
        oid::BPCHAR_ARRAY => "bpchar[]".to_string(),
        _ => format_type(t, -1),
    }
}

fn deparse_const(value: &Datum, t: Oid) -> String {
    let text = match value {
        Datum::Null => return format!("NULL::{}", const_type_name(t)),
        v => pg_types::io::output(t, v, &pg_types::io::OutputSettings::default()),
    };
    match t {
        oid::INT4 if !text.starts_with('-') => text,
        // A numeric prints bare only when it reads back as a numeric
        // literal: with a point or an exponent (a folded `4::numeric` is
        // `'4'::numeric`, as `get_const_expr` writes it).
        oid::NUMERIC if text.starts_with(|c: char| c.is_ascii_digit()) && text.contains(['.', 'e', 'E']) => text,
        oid::BOOL => (if text == "t" { "true" } else { "false" }).into(),
        _ => format!("'{}'::{}", text.replace('\'', "''"), const_type_name(t)),
    }
}

/// A qual as a detail line shows it: deparsed as it is (operators bring
/// their own parentheses).
fn qual_text(e: &Expr, scope: &Scope<'_>) -> String {
    deparse(e, scope)
}

/// True when `e` resolves to a plain scan column (printed bare in Sort and
/// Group keys; anything else is parenthesised, as PostgreSQL prints a
/// reference to a computed column of the node below).
fn is_plain_column(e: &Expr, scope: &Scope<'_>) -> bool {
    match (e, scope) {
        (Expr::Var { .. }, Scope::Scan(..)) => true,
        (Expr::Var { attno, .. }, Scope::Agg { groups, scan, .. }) => {
            groups.get(*attno).is_some_and(|g| is_plain_column(g, scan))
        }
        _ => false,
    }
}

fn key_text(e: &Expr, scope: &Scope<'_>) -> String {
    let d = deparse(e, scope);
    if is_plain_column(e, scope) {
        d
    } else {
        format!("({d})")
    }
}

fn sort_key_text(k: &SortKey, tlist: Option<&[Expr]>, scope: &Scope<'_>) -> String {
    let mut s = match tlist.and_then(|t| t.get(k.col)) {
        Some(e) => key_text(e, scope),
        None => format!("column{}", k.col + 1),
    };
    if k.descending {
        s.push_str(" DESC");
        if !k.nulls_first {
            s.push_str(" NULLS LAST");
        }
    } else if k.nulls_first {
        s.push_str(" NULLS FIRST");
    }
    s
}

/// The scope in which `plan`'s own expressions (quals, target list) are printed.
fn own_scope(plan: &Plan, qualify: bool) -> Scope<'_> {
    match plan {
        Plan::FunctionScan { rte, .. }
        | Plan::SubqueryScan { rte, .. }
        | Plan::NestLoop { rte, .. }
        | Plan::SeqScan { rte, .. } => Scope::Scan(rte, qualify),
        Plan::HashJoin { join, .. } | Plan::MergeJoin { join, .. } => Scope::Scan(&join.rte, qualify),
        // These pass their input's rows through unchanged.
        Plan::Sort { input, .. }
        | Plan::Unique { input, .. }
        | Plan::Limit { input, .. }
        | Plan::Material { input }
        | Plan::Hash { input }
        | Plan::LockRows { input, .. }
        | Plan::InitPlans { input, .. }
        | Plan::ProjectSet { input, .. } => own_scope(input, qualify),
        Plan::Append { inputs, .. } => inputs.first().map(|p| own_scope(p, qualify)).unwrap_or(Scope::None),
        _ => Scope::None,
    }
}

/// FROM items in the whole plan tree.
fn count_rtes(plan: &Plan) -> usize {
    let own = usize::from(matches!(plan, Plan::FunctionScan { .. } | Plan::SubqueryScan { .. } | Plan::SeqScan { .. }));
    own + children(plan).into_iter().map(count_rtes).sum::<usize>()
}

impl Walker<'_, '_> {
    /// Prints `plan` with its text starting at column `col` (after an arrow
    /// unless `top`), then its InitPlans (`init_plans`, attached by the
    /// planner), its inputs and the SubPlans its expressions use.
    fn walk(&mut self, plan: &Plan, col: usize, top: bool, init_plans: &[crate::InitPlanRef]) {
        if let Plan::InitPlans { input, init_plans } = plan {
            return self.walk(input, col, top, init_plans);
        }
        let (opts, actuals, qualify) = (self.opts, self.actuals, self.qualify);
        let prefix = if top { " ".repeat(col) } else { format!("{}->  ", " ".repeat(col - 4)) };
        let mut line = format!("{prefix}{}", node_name(plan));
        if opts.costs {
            let e = estimate(plan);
            line.push_str(&format!(
                "  (cost={:.2}..{:.2} rows={} width={})",
                e.startup, e.total, e.rows as i64, e.width
            ));
        }
        let mut node_actuals = None;
        if let Some(acts) = actuals {
            let a = acts.get(*self.next_actual).copied().unwrap_or_default();
            node_actuals = Some(a);
            *self.next_actual += 1;
            // Figures are per loop, as PostgreSQL prints them (rows rounded).
            let loops = a.loops.max(1) as f64;
            let rows = (a.rows as f64 / loops).round();
            if a.loops == 0 {
                line.push_str(" (never executed)");
            } else if opts.timing {
                line.push_str(&format!(
                    " (actual time={:.3}..{:.3} rows={rows:.0} loops={})",
                    a.startup_ms / loops,
                    a.total_ms / loops,
                    a.loops
                ));
            } else {
                line.push_str(&format!(" (actual rows={rows:.0} loops={})", a.loops));
            }
        }
        let out = &mut *self.out;
        out.push(line);
        let pad = " ".repeat(col + 2);
        // The scope of the input's target list, for Sort keys and Agg refs.
        match plan {
            Plan::Result { qual: Some(q), .. } => {
                out.push(format!("{pad}One-Time Filter: {}", qual_text(q, &Scope::None)))
            }
            // A scan's own quals print unqualified except a subquery scan's,
            // as PostgreSQL's show_scan_qual does.
            Plan::FunctionScan { rte, qual: Some(q), .. } | Plan::SeqScan { rte, qual: Some(q), .. } => {
                out.push(format!("{pad}Filter: {}", qual_text(q, &Scope::Scan(rte, false))))
            }
            Plan::SubqueryScan { rte, qual: Some(q), .. } => {
                out.push(format!("{pad}Filter: {}", qual_text(q, &Scope::Scan(rte, true))))
            }
            Plan::NestLoop { rte, join_qual, qual, .. } => {
                if let Some(q) = join_qual {
                    out.push(format!("{pad}Join Filter: {}", qual_text(q, &Scope::Scan(rte, qualify))));
                }
                if let Some(q) = qual {
                    out.push(format!("{pad}Filter: {}", qual_text(q, &Scope::Scan(rte, qualify))));
                }
            }
            Plan::HashJoin { join, hash_clauses: clauses, .. }
            | Plan::MergeJoin { join, merge_clauses: clauses, .. } => {
                let scope = Scope::Scan(&join.rte, qualify);
                let label = if matches!(plan, Plan::HashJoin { .. }) { "Hash Cond" } else { "Merge Cond" };
                let text: Vec<String> = clauses.iter().map(|c| qual_text(c, &scope)).collect();
                let text = if text.len() == 1 { text.join("") } else { format!("({})", text.join(" AND ")) };
                out.push(format!("{pad}{label}: {text}"));
                if let Some(q) = &join.join_qual {
                    out.push(format!("{pad}Join Filter: {}", qual_text(q, &scope)));
                }
                if let Some(q) = &join.qual {
                    out.push(format!("{pad}Filter: {}", qual_text(q, &scope)));
                }
            }
            Plan::Hash { .. } => {
                if let Some(h) = node_actuals.and_then(|a| a.hash_table) {
                    // Both with their original figures when either changed.
                    if h.nbuckets == h.nbuckets_original && h.nbatch == h.nbatch_original {
                        out.push(format!(
                            "{pad}Buckets: {}  Batches: {}  Memory Usage: {}kB",
                            h.nbuckets, h.nbatch, h.memory_kb
                        ));
                    } else {
                        out.push(format!(
                            "{pad}Buckets: {} (originally {})  Batches: {} (originally {})  Memory Usage: {}kB",
                            h.nbuckets, h.nbuckets_original, h.nbatch, h.nbatch_original, h.memory_kb
                        ));
                    }
                }
            }
            Plan::Agg { input, strategy, aggs, qual, group_exprs, .. } => {
                let scan = own_scope(input, qualify);
                // A hashed Agg prints its keys as they are; a sorted one as
                // references to the Sort below it.
                let keys: Vec<String> = match strategy {
                    AggStrategy::Plain => Vec::new(),
                    AggStrategy::Hashed => group_exprs.iter().map(|g| deparse(g, &scan)).collect(),
                    AggStrategy::Sorted => group_exprs.iter().map(|g| key_text(g, &scan)).collect(),
                };
                if !keys.is_empty() {
                    out.push(format!("{pad}Group Key: {}", keys.join(", ")));
                }
                if let Some(q) = qual {
                    let scope = Scope::Agg { groups: group_exprs, aggs, scan: &scan };
                    out.push(format!("{pad}Filter: {}", qual_text(q, &scope)));
                }
                if let Some(h) = node_actuals.and_then(|a| a.hash) {
                    let mut line = format!("{pad}Batches: {}  Memory Usage: {}kB", h.batches, h.memory_kb);
                    if h.disk_kb > 0 {
                        line.push_str(&format!("  Disk Usage: {}kB", h.disk_kb));
                    }
                    out.push(line);
                }
            }
            Plan::Sort { input, keys } => {
                let base = sort_scope_base(input, qualify);
                let scope = match &base {
                    SortBase::Agg { groups, aggs, scan } => Scope::Agg { groups, aggs, scan },
                    SortBase::Plain(s) => match s {
                        Scope::Scan(r, q) => Scope::Scan(r, *q),
                        _ => Scope::None,
                    },
                };
                let tlist = output_tlist(input);
                let keys: Vec<String> = keys.iter().map(|k| sort_key_text(k, tlist, &scope)).collect();
                out.push(format!("{pad}Sort Key: {}", keys.join(", ")));
                if let Some(sp) = node_actuals.and_then(|a| a.sort) {
                    let (method, kind) = if sp.external { ("external merge", "Disk") } else { ("quicksort", "Memory") };
                    out.push(format!("{pad}Sort Method: {method}  {kind}: {}kB", sp.kb));
                }
            }
            _ => {}
        }
        if opts.buffers {
            if let Some(line) = node_actuals.and_then(|a| buffers_line(&a.buffers)) {
                self.out.push(format!("{pad}{line}"));
            }
        }
        for ip in init_plans {
            let label = match &ip.cte_name {
                Some(name) => format!("{pad}CTE {name}"),
                None => format!("{pad}InitPlan {} (returns ${})", ip.plan_id, ip.param),
            };
            self.out.push(label);
            self.walk_subplan(ip.plan_id, col + 8);
        }
        if let Plan::NestLoop { nest_params, outer, .. } = plan {
            // The inner side's LATERAL parameters print as the outer columns.
            let scope = own_scope(outer, true);
            let names: Vec<(usize, String)> = nest_params.iter().map(|(p, e)| (*p, deparse(e, &scope))).collect();
            PARAM_NAMES.with(|m| m.borrow_mut().extend(names));
        }
        for c in children(plan) {
            self.walk(c, col + 6, false, &[]);
        }
        for sp in subplans_in(node_exprs(plan)) {
            self.out.push(format!("{pad}SubPlan {}", sp.plan_id));
            // The subplan's parameters print as the outer columns they are set from.
            let scope = own_scope(plan, true);
            let names: Vec<(usize, String)> = sp
                .par_params
                .iter()
                .zip(&sp.args)
                .map(|(p, a)| {
                    let text = match (a, &scope) {
                        (Expr::Var { .. }, Scope::Scan(r, _)) => deparse(a, &Scope::Scan(r, true)),
                        _ => deparse(a, &scope),
                    };
                    (*p, text)
                })
                .collect();
            PARAM_NAMES.with(|m| m.borrow_mut().extend(names));
            self.walk_subplan(sp.plan_id, col + 8);
        }
    }

    /// A SubPlan's or InitPlan's tree: no EXPLAIN ANALYZE figures (it runs
    /// with fresh state per evaluation).
    /// A SubPlan's or InitPlan's tree, with its own figures under ANALYZE.
    fn walk_subplan(&mut self, plan_id: usize, col: usize) {
        let Some(sub) = self.subplans.get(plan_id.wrapping_sub(1)) else { return };
        let mut next = 0;
        let actuals = self.actuals.map(|_| self.subplan_actuals.get(&plan_id).map(Vec::as_slice).unwrap_or(&[]));
        let mut w = Walker {
            opts: self.opts,
            actuals,
            next_actual: &mut next,
            qualify: self.qualify,
            subplans: self.subplans,
            subplan_actuals: self.subplan_actuals,
            out: &mut *self.out,
        };
        w.walk(sub, col, false, &[]);
    }
}

/// What the target list below a Sort refers to.
enum SortBase<'a> {
    Agg { groups: &'a [Expr], aggs: &'a [crate::AggCall], scan: Box<Scope<'a>> },
    Plain(Scope<'a>),
}

fn sort_scope_base(plan: &Plan, qualify: bool) -> SortBase<'_> {
    match plan {
        Plan::Agg { input, aggs, group_exprs, .. } => {
            SortBase::Agg { groups: group_exprs, aggs, scan: Box::new(own_scope(input, qualify)) }
        }
        Plan::Sort { input, .. }
        | Plan::Unique { input, .. }
        | Plan::Limit { input, .. }
        | Plan::Material { input }
        | Plan::Hash { input }
        | Plan::LockRows { input, .. }
        | Plan::InitPlans { input, .. }
        | Plan::ProjectSet { input, .. } => sort_scope_base(input, qualify),
        Plan::Append { inputs, .. } if !inputs.is_empty() => sort_scope_base(&inputs[0], qualify),
        other => SortBase::Plain(own_scope(other, qualify)),
    }
}

/// An option's Boolean value as PostgreSQL's `defGetBoolean` reads it: no
/// value is true; the integers 0 and 1; the words true, false, on and off in
/// any case. Stricter than a setting's Boolean (`yes` and prefixes fail).
fn boolean_option(name: &str, value: &Option<Value>) -> PgResult<bool> {
    let bad = || PgError::new(SqlState::SYNTAX_ERROR, format!("{name} requires a Boolean value"));
    match value {
        None => Ok(true),
        Some(Value::Boolean(b)) => Ok(*b),
        Some(Value::Integer(0)) => Ok(false),
        Some(Value::Integer(1)) => Ok(true),
        Some(Value::String(s)) => match s.to_ascii_lowercase().as_str() {
            "true" | "on" => Ok(true),
            "false" | "off" => Ok(false),
            _ => Err(bad()),
        },
        Some(_) => Err(bad()),
    }
}

/// Reads EXPLAIN's options, with PostgreSQL's defaults and errors.
pub fn parse_options(options: &[(String, Option<Value>)]) -> PgResult<ExplainOptions> {
    let mut o = ExplainOptions::default();
    let mut timing_set = None;
    let mut summary_set = None;
    for (name, value) in options {
        match name.as_str() {
            "analyze" => o.analyze = boolean_option(name, value)?,
            "costs" => o.costs = boolean_option(name, value)?,
            "timing" => timing_set = Some(boolean_option(name, value)?),
            "summary" => summary_set = Some(boolean_option(name, value)?),
            "verbose" => {
                if boolean_option(name, value)? {
                    return Err(PgError::not_supported("EXPLAIN VERBOSE is not supported yet"));
                }
            }
            "buffers" => o.buffers = boolean_option(name, value)?,
            // Nothing to show for these yet: no WAL counts or changed planner settings.
            "wal" | "settings" => {
                boolean_option(name, value)?;
            }
            "format" => {
                let v = match value {
                    Some(Value::String(s)) => s.to_ascii_lowercase(),
                    _ => String::new(),
                };
                match v.as_str() {
                    "text" => {}
                    "json" | "xml" | "yaml" => {
                        return Err(PgError::not_supported(format!(
                            "EXPLAIN (FORMAT {}) is not supported yet",
                            v.to_uppercase()
                        )))
                    }
                    _ => {
                        return Err(PgError::new(
                            SqlState::INVALID_PARAMETER_VALUE,
                            format!("unrecognized value for EXPLAIN option \"format\": \"{v}\""),
                        ))
                    }
                }
            }
            other => {
                return Err(PgError::new(SqlState::SYNTAX_ERROR, format!("unrecognized EXPLAIN option \"{other}\"")))
            }
        }
    }
    if timing_set == Some(true) && !o.analyze {
        return Err(PgError::new(SqlState::INVALID_PARAMETER_VALUE, "EXPLAIN option TIMING requires ANALYZE"));
    }
    o.timing = timing_set.unwrap_or(o.analyze);
    o.summary = summary_set.unwrap_or(o.analyze);
    Ok(o)
}
