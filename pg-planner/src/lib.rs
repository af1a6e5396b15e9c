//! pg-planner: analyzed [`Query`] → plan tree (PostgreSQL's
//! `src/backend/optimizer/plan/planner.c`, `createplan.c`, `setrefs.c`).
//!
//! The planner builds the plan directly rather than generating and costing
//! paths, except for joins (`joinpath.rs`: nested loop, hash join or merge
//! join, chosen by PostgreSQL's cost formulas): a scan (`Result` with
//! no FROM, `FunctionScan` for a function or system view) that filters with
//! the WHERE qual and projects the full target list, then `Sort` for ORDER
//! BY (and DISTINCT), `Unique` for DISTINCT, `Limit` for LIMIT/OFFSET.
//! A VALUES list is a `FunctionScan` over its `RteSource::Values` entry
//! (EXPLAIN: `Values Scan`); set operations become `Append` (UNION ALL),
//! `Unique` over `Sort` over `Append` (UNION), or `SetOp` (HashSetOp)
//! over an `Append` of flagged `SubqueryScan`s (INTERSECT/EXCEPT). Sort
//! and Unique work on target-list columns by number, as PostgreSQL's do.
//! Constant folding (`fold.rs`, PostgreSQL's `eval_const_expressions`)
//! comes first at each level: immutable calls over constants are computed
//! by the planner, so their errors are raised before execution starts.
//!
//! Subqueries in expressions (`subselect.rs`): before a query level is
//! planned, each `SubLink` in it is planned on its own; the subquery's
//! references to this level become PARAM_EXEC parameters (`ExecParam`)
//! that a `SubPlan` sets from the current row before each run. An
//! uncorrelated EXISTS, scalar or ARRAY subquery becomes an InitPlan
//! instead: it runs at most once and the expression reads its output
//! parameter (`$n`). The plans live in `PlannedStmt::subplans`; InitPlans
//! are attached to the level's top node (`Plan::InitPlans`), and EXPLAIN
//! prints both as PostgreSQL does (`InitPlan 1 (returns $0)`, `SubPlan 1`).
//!
//! WITH queries (`cte.rs`) are planned first at each level: inlined as a
//! subquery when referred to once (PostgreSQL 12+), else planned once
//! (`CTE name`) and read by `CTE Scan`s; a recursive one becomes a
//! `Recursive Union` over a `WorkTable Scan`.
//!
//! LATERAL (`lateral.rs`): a FROM item's references to the items before
//! it become parameters that the nested loop joining it sets from each
//! outer row before rescanning it (`nestParams`).
//!
//! Set-returning functions in the select list (`project_set.rs`): the scan
//! or Agg below returns its whole row and `ProjectSet` nodes run the
//! functions in lockstep (PostgreSQL 10+), sorting first when no sort key
//! is a set-returning column.
//!
//! Dependencies: pg-error, pg-types, pg-parser (node enums only), pg-catalog
//! (column descriptions), pg-analyze.
//! Invariants: plans hold no executor state; the visible output columns are
//! always the first `PlannedStmt::columns.len()` columns of the top node's
//! rows (resjunk sort columns follow and are cut by the executor).
#![forbid(unsafe_code)]

mod cost;
mod cte;
pub mod explain;
mod fold;
pub mod joinpath;
mod lateral;
pub mod plancat;
mod prepjointree;
mod project_set;
mod subselect;

pub use subselect::{InitPlanRef, ParamSource};

use pg_analyze::{
    Aggref, CmdType, Expr, JoinTree, JoinType, ModifyTarget, Query, RangeTblEntry, RowMark, RteSource, SetOpKind,
    SetOpTree,
};
use pg_catalog::ColumnDef;
use pg_error::PgResult;
use pg_types::types::Oid;

/// One sort key (`Sort.sortColIdx`, `sortOperators`, `nullsFirst`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SortKey {
    /// 0-based column of the input rows.
    pub col: usize,
    /// DESC.
    pub descending: bool,
    /// NULLS FIRST.
    pub nulls_first: bool,
    /// The column is `character(n)`: trailing blanks do not count, as in `bpcharcmp`.
    pub blank_padded: bool,
}

/// Whether values of `type_oid` compare as `character(n)` does, ignoring trailing blanks
/// (its sort keys set [`SortKey::blank_padded`], its grouping hashes the trimmed text).
pub fn is_blank_padded(type_oid: Oid) -> bool {
    type_oid == pg_types::types::oid::BPCHAR
}

/// A plan node.
#[derive(Clone, Debug)]
pub enum Plan {
    /// One row computed from the target list, when `qual` (if any) holds
    /// (`Result`: SELECT without FROM).
    Result {
        /// Output expressions.
        target_list: Vec<Expr>,
        /// One-time filter.
        qual: Option<Expr>,
    },
    /// Rows of a function or system view, filtered and projected (`FunctionScan`).
    FunctionScan {
        /// The FROM item.
        rte: RangeTblEntry,
        /// Output expressions over the scan row.
        target_list: Vec<Expr>,
        /// WHERE.
        qual: Option<Expr>,
    },
    /// Rows of a subquery in FROM, filtered and projected (`SubqueryScan`).
    SubqueryScan {
        /// The FROM item (its columns name the subquery's output).
        rte: RangeTblEntry,
        /// The subquery's plan.
        subplan: Box<Plan>,
        /// Visible columns of the subplan's rows (resjunk columns follow).
        ncols: usize,
        /// Output expressions over the subquery row.
        target_list: Vec<Expr>,
        /// WHERE.
        qual: Option<Expr>,
    },
    /// The rows of a table visible to the statement's snapshot, filtered
    /// and projected (`SeqScan`). The scan row is the entry's columns:
    /// the table's live columns, then its junk `ctid` when it has one.
    SeqScan {
        /// The FROM item (an [`RteSource::Relation`]).
        rte: RangeTblEntry,
        /// Output expressions over the scan row.
        target_list: Vec<Expr>,
        /// WHERE.
        qual: Option<Expr>,
        /// The table's size as the planner saw it (`estimate_rel_size`).
        size: plancat::RelSize,
    },
    /// INSERT, UPDATE or DELETE (`ModifyTable`): for each input row,
    /// inserts the new row it holds, or updates or deletes the row whose
    /// `ctid` it ends with; returns the RETURNING rows, if any.
    ModifyTable {
        /// Which statement.
        command: CmdType,
        /// The table and its constraints.
        target: std::sync::Arc<ModifyTarget>,
        /// The name the statement gave the table (EXPLAIN's `Update on t t1`).
        alias: String,
        /// The rows: new values of every live column (INSERT, UPDATE),
        /// then the junk `ctid` (UPDATE, DELETE).
        input: Box<Plan>,
        /// RETURNING, over the new (or deleted) row.
        returning: Vec<Expr>,
        /// When the input is a join (UPDATE ... FROM, DELETE ... USING):
        /// the first column of the input rows' copy of the joined row,
        /// from which EvalPlanQual takes the other FROM items' rows and
        /// which RETURNING reads (the target's columns replaced by the new
        /// row's for UPDATE).
        joined_row: Option<usize>,
    },
    /// Locks the rows of SELECT ... FOR UPDATE/SHARE as they pass
    /// (`LockRows`): each mark names the column holding a table's `ctid`.
    LockRows {
        /// Input.
        input: Box<Plan>,
        /// The row marks.
        marks: Vec<RowMark>,
        /// When the input is a join: the first column of the input rows'
        /// copy of the joined row (see [`Plan::ModifyTable`]).
        joined_row: Option<usize>,
    },
    /// Sorts its input (`Sort`); materialises all rows.
    Sort {
        /// Input.
        input: Box<Plan>,
        /// Keys, most significant first.
        keys: Vec<SortKey>,
    },
    /// Drops rows equal on the first `ncols` columns to the previous row
    /// (`Unique`); the input is sorted on them.
    Unique {
        /// Input.
        input: Box<Plan>,
        /// Number of leading columns compared.
        ncols: usize,
        /// Per compared column: `character(n)`, compared without trailing blanks.
        blank_padded: Vec<bool>,
    },
    /// Aggregation (`Agg`): groups its input rows on the first `ngroups`
    /// columns, runs each aggregate over its argument columns, then filters
    /// each group with HAVING and projects the target list over the
    /// aggregate output row (group keys, then aggregate results).
    Agg {
        /// Input: group keys, then every aggregate's arguments.
        input: Box<Plan>,
        /// Plain (one group, one row even for no input) or hashed.
        strategy: AggStrategy,
        /// Number of leading group-key columns of the input.
        ngroups: usize,
        /// The aggregates, with the input column of their first argument.
        aggs: Vec<AggCall>,
        /// HAVING.
        qual: Option<Expr>,
        /// Output expressions over the aggregate output row.
        target_list: Vec<Expr>,
        /// The GROUP BY expressions over the scan row, for EXPLAIN.
        group_exprs: Vec<Expr>,
    },
    /// The rows of each input in turn, cut to their first `ncols` columns
    /// (`Append`: UNION ALL, and the inputs of every set operation).
    Append {
        /// Inputs.
        inputs: Vec<Plan>,
        /// Visible columns of the inputs' rows.
        ncols: usize,
    },
    /// INTERSECT / EXCEPT over an Append of the two arms, whose rows end
    /// with a flag column: 0 for the left arm, 1 for the right
    /// (`SetOp` with `SETOP_HASHED`, shown as `HashSetOp`).
    SetOp {
        /// The Append of the flagged arms.
        input: Box<Plan>,
        /// INTERSECT or EXCEPT.
        op: SetOpKind,
        /// ALL.
        all: bool,
        /// Columns compared (the flag is column `ncols`).
        ncols: usize,
        /// Per compared column: `character(n)`, compared without trailing blanks.
        blank_padded: Vec<bool>,
    },
    /// A nested-loop join (`NestLoop`): for each outer row, every inner row
    /// (read once and kept in the per-query memory context); pairs that
    /// pass `join_qual` (and, for outer joins, unmatched rows with NULLs)
    /// are filtered by `qual` and projected. Rows are the outer columns
    /// followed by the inner ones.
    NestLoop {
        /// The join entry (for EXPLAIN's column names).
        rte: RangeTblEntry,
        /// Join type.
        kind: JoinType,
        /// Outer (left) input.
        outer: Box<Plan>,
        /// Inner (right) input.
        inner: Box<Plan>,
        /// Columns of the outer rows.
        outer_ncols: usize,
        /// Columns of the inner rows.
        inner_ncols: usize,
        /// ON / USING condition (`Join Filter`).
        join_qual: Option<Expr>,
        /// WHERE (`Filter`).
        qual: Option<Expr>,
        /// Output expressions over the joined row.
        target_list: Vec<Expr>,
        /// The joined row holds the inner input's columns first: a RIGHT
        /// JOIN is run as a LEFT JOIN with the inputs swapped, as
        /// PostgreSQL does (nested loops only keep unmatched outer rows).
        inner_first: bool,
        /// LATERAL references of the inner side (`NestLoop.nestParams`):
        /// before the inner side is rescanned for an outer row, each
        /// parameter is set to its expression over the outer row.
        nest_params: Vec<(usize, Expr)>,
        /// InitPlan outputs inside the inner side, recomputed for each
        /// outer row (they may depend on `nest_params`).
        reset_params: Vec<usize>,
        /// Plans inside the inner side whose stored rows are recomputed
        /// for each outer row.
        reset_plans: Vec<usize>,
    },
    /// A hash join (`HashJoin`): the inner input (a [`Plan::Hash`]) is read
    /// into a hash table on `inner_keys`, split into batches on temporary
    /// files when it outgrows `work_mem × hash_mem_multiplier`; each outer
    /// row probes it with `outer_keys`. Pairs with equal keys that pass
    /// the join's `join_qual` are joined as [`JoinInfo`] says.
    HashJoin {
        /// Join type, output and conditions.
        join: JoinInfo,
        /// The probing input.
        outer: Box<Plan>,
        /// The hashed input: a `Hash` node.
        inner: Box<Plan>,
        /// The hash conditions over the joined row, the outer input's
        /// argument first (`Hash Cond`; printed, not evaluated: the keys
        /// are compared as their type's equality does).
        hash_clauses: Vec<Expr>,
        /// Hash keys over the outer input's rows.
        outer_keys: Vec<Expr>,
        /// Hash keys over the inner input's rows.
        inner_keys: Vec<Expr>,
    },
    /// The inner input of a hash join (`Hash`): EXPLAIN shows the table's
    /// buckets, batches and memory here; the executor's hash join reads
    /// `input` into its table through it.
    Hash {
        /// Input.
        input: Box<Plan>,
    },
    /// A merge join (`MergeJoin`) of two inputs sorted ascending, NULLs
    /// last, on the key columns: runs of equal keys are joined pairwise
    /// as [`JoinInfo`] says.
    MergeJoin {
        /// Join type, output and conditions.
        join: JoinInfo,
        /// Outer input (sorted on `outer_keys`).
        outer: Box<Plan>,
        /// Inner input (sorted on `inner_keys`).
        inner: Box<Plan>,
        /// The merge conditions over the joined row, the outer input's
        /// argument first (`Merge Cond`; printed, not evaluated).
        merge_clauses: Vec<Expr>,
        /// Key columns of the outer rows.
        outer_keys: Vec<usize>,
        /// Key columns of the inner rows.
        inner_keys: Vec<usize>,
    },
    /// A plan node with the InitPlans of its query level attached
    /// (`Plan.initPlan` of the level's top node). EXPLAIN prints `input`
    /// with `InitPlan n (returns $p)` entries; the executor runs `input`
    /// (each InitPlan runs when its parameter is first read).
    InitPlans {
        /// The node.
        input: Box<Plan>,
        /// The attached InitPlans, in creation order.
        init_plans: Vec<InitPlanRef>,
    },
    /// Set-returning functions of a select list (`ProjectSet`): for each
    /// input row, runs every function in `srfs` in lockstep and returns
    /// one row per step, `target_list` over the input row followed by the
    /// functions' current values (NULL for a function already finished),
    /// until all are finished. With no `srfs` it only projects (a
    /// `Result` over its input).
    ProjectSet {
        /// Input.
        input: Box<Plan>,
        /// The `SrfCall`s, over the input row.
        srfs: Vec<Expr>,
        /// Output expressions over the input row and the functions' values.
        target_list: Vec<Expr>,
        /// The select list as written (set-returning calls in place), for
        /// EXPLAIN's sort keys above this node.
        display: Vec<Expr>,
    },
    /// Keeps its input's rows in a tuplestore as they are read, so that a
    /// rescan reads them again without re-running the input (`Material`,
    /// shown as `Materialize`): planned over the inner side of a nested
    /// loop unless that input is cheap to rescan already.
    Material {
        /// Input.
        input: Box<Plan>,
    },
    /// The plan of a WITH RECURSIVE query (`RecursiveUnion`): the rows of
    /// `non_recursive`, then of `recursive` run again and again over the
    /// working table `wt_id` (the previous run's new rows) until a run
    /// adds none. Without `all`, rows already returned are dropped.
    RecursiveUnion {
        /// The non-recursive term.
        non_recursive: Box<Plan>,
        /// The recursive term (reads the working table).
        recursive: Box<Plan>,
        /// UNION ALL.
        all: bool,
        /// The working table's number.
        wt_id: usize,
    },
    /// LIMIT/OFFSET (`Limit`); both int8 expressions evaluated at start.
    Limit {
        /// Input.
        input: Box<Plan>,
        /// OFFSET.
        offset: Option<Expr>,
        /// LIMIT.
        count: Option<Expr>,
    },
}

/// What hash and merge joins share (`Join`): the join type as run, the
/// inputs' widths, the conditions and the projection.
#[derive(Clone, Debug)]
pub struct JoinInfo {
    /// The join entry (EXPLAIN's column names; its columns are the joined
    /// row's, the left input's first).
    pub rte: RangeTblEntry,
    /// Join type as run: `Left` keeps unmatched outer rows, `Right`
    /// unmatched inner rows, `Full` both.
    pub kind: JoinType,
    /// Columns of the outer rows.
    pub outer_ncols: usize,
    /// Columns of the inner rows.
    pub inner_ncols: usize,
    /// Join conditions other than the hash or merge conditions (`Join Filter`).
    pub join_qual: Option<Expr>,
    /// WHERE conditions above an outer join (`Filter`).
    pub qual: Option<Expr>,
    /// Output expressions over the joined row.
    pub target_list: Vec<Expr>,
    /// The joined row holds the inner input's columns first (the right
    /// FROM item is the outer input).
    pub inner_first: bool,
}

/// How `Agg` groups (`AggStrategy`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AggStrategy {
    /// No GROUP BY: the whole input is one group (`AGG_PLAIN`).
    Plain,
    /// A hash table of groups (`AGG_HASHED`).
    Hashed,
    /// Groups read in order from a Sort on the keys (`AGG_SORTED`): chosen
    /// when an aggregate is DISTINCT, as PostgreSQL does.
    Sorted,
}

/// One aggregate of an `Agg` node (`AggrefExprState`).
#[derive(Clone, Debug)]
pub struct AggCall {
    /// The analyzed call (its `args` are over the scan row; the executor
    /// reads their values from the input columns instead).
    pub aggref: Aggref,
    /// Input column of the first argument; the other arguments follow,
    /// then the ORDER BY expressions, then the FILTER
    /// ([`Aggref::input_exprs`]).
    pub first_col: usize,
}

/// A visible output column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputColumn {
    /// Name.
    pub name: String,
    /// Type.
    pub type_oid: Oid,
    /// Typmod.
    pub typmod: i32,
}

/// A planned statement (`PlannedStmt`).
#[derive(Clone, Debug)]
pub struct PlannedStmt {
    /// SELECT, INSERT, UPDATE or DELETE (`commandType`), for the command tag.
    pub command: CmdType,
    /// The plan tree.
    pub plan: Plan,
    /// The visible output columns.
    pub columns: Vec<OutputColumn>,
    /// Set for `EXPLAIN`: executing the statement then prints `plan`
    /// (running it first for ANALYZE) as rows of one text column
    /// `QUERY PLAN`, which is what `columns` then describes.
    pub explain: Option<explain::ExplainOptions>,
    /// The plans of SubPlans and InitPlans, `plan_id - 1` indexing
    /// (`PlannedStmt.subplans`); shared, so a cached plan is not copied to
    /// run.
    pub subplans: std::sync::Arc<Vec<Plan>>,
    /// Where each execution-time parameter (`Expr::ExecParam`) comes from.
    pub params: std::sync::Arc<Vec<ParamSource>>,
    /// Only from [`plan_prepared`]: the error a constant expression raised
    /// when it was folded, which PostgreSQL, planning a prepared statement
    /// at Bind, reports at Bind. The expression is left unfolded.
    pub bind_error: Option<pg_error::PgError>,
}

/// Planner state shared by all query levels of one statement (`PlannerGlobal`).
#[derive(Default)]
pub(crate) struct PlannerGlobal {
    /// Plans of SubPlans and InitPlans so far.
    pub(crate) subplans: Vec<Plan>,
    /// Execution-time parameters so far.
    pub(crate) params: Vec<ParamSource>,
    /// The WITH queries of every query level being planned, innermost
    /// last (one frame per level, for `levelsup`).
    pub(crate) cte_stack: Vec<Vec<cte::CtePlanned>>,
    /// Working tables so far.
    pub(crate) worktables: usize,
    /// Constant folding's state (errors kept back for Bind).
    pub(crate) folder: fold::Folder,
}

impl PlannerGlobal {
    /// A new PARAM_EXEC number.
    pub(crate) fn new_param(&mut self, source: ParamSource) -> usize {
        self.params.push(source);
        self.params.len() - 1
    }
}

impl PlannedStmt {
    /// Turns a planned query into its EXPLAIN (`ExplainOneQuery`).
    pub fn into_explain(self, options: explain::ExplainOptions) -> PlannedStmt {
        PlannedStmt {
            command: self.command,
            plan: self.plan,
            columns: vec![OutputColumn { name: "QUERY PLAN".into(), type_oid: pg_types::types::oid::TEXT, typmod: -1 }],
            explain: Some(options),
            subplans: self.subplans,
            params: self.params,
            bind_error: self.bind_error,
        }
    }
}

/// Plans a SELECT (`planner` → `grouping_planner` → `create_plan`).
pub fn plan(query: Query) -> PgResult<PlannedStmt> {
    plan_with(query, PlannerGlobal::default())
}

/// Plans a statement being prepared (the extended protocol's Parse), once
/// for all its executions. PostgreSQL plans a prepared statement only at
/// Bind, so an error raised while folding a constant expression (`1/0`)
/// is not returned here but kept in [`PlannedStmt::bind_error`] for Bind
/// to raise; any other error is returned.
pub fn plan_prepared(query: Query) -> PgResult<PlannedStmt> {
    let mut glob = PlannerGlobal::default();
    glob.folder.defer_errors = true;
    plan_with(query, glob)
}

fn plan_with(query: Query, mut glob: PlannerGlobal) -> PgResult<PlannedStmt> {
    let mut planned = plan_query(query, &mut glob)?;
    planned.subplans = std::sync::Arc::new(glob.subplans);
    planned.params = std::sync::Arc::new(glob.params);
    planned.bind_error = glob.folder.deferred;
    Ok(planned)
}

/// Plans one query level (`subquery_planner`): its sublinks first, then
/// its scan, joins, aggregation, sort and limit.
pub(crate) fn plan_query(mut query: Query, glob: &mut PlannerGlobal) -> PgResult<PlannedStmt> {
    pg_error::check_stack_depth()?;
    pg_error::check_for_interrupts()?;
    // This frame stays on the stack while every nested subquery level is
    // planned below it (plan_query → replace_sublinks → build_subplan →
    // plan_query), so the work of each step lives in never-inlined helpers
    // and only the calls are here: 200 nested levels fit PostgreSQL's
    // default 2 MB max_stack_depth even in a debug build.
    preprocess_level(&mut query, glob)?;
    // WITH queries next (`SS_process_ctes`), so their plans get the
    // lowest numbers and sublinks can read them.
    glob.cte_stack.push(Vec::new());
    let mut init_plans = Vec::new();
    let planned = match plan_level_sublinks(&mut query, glob, &mut init_plans) {
        Ok(()) => plan_level(query, glob, init_plans),
        Err(e) => Err(e),
    };
    glob.cte_stack.pop();
    planned
}

/// Constant folding and pull-ups of one query level, before its sublinks
/// are planned (`eval_const_expressions` in `subquery_planner`): an error
/// in a constant expression is the planner's, and the parts of the plan
/// below see folded expressions. A WHERE that folds to true is no qual at
/// all (HAVING stays: it makes the query a grouped one).
#[inline(never)]
fn preprocess_level(query: &mut Query, glob: &mut PlannerGlobal) -> PgResult<()> {
    fold::pull_up_simple_values(query)?;
    pull_up_insert_select(query)?;
    pull_up_select_subquery(query)?;
    prepjointree::pull_up_sublinks(query);
    query.map_exprs(&mut |e| fold::eval_const_expressions(&mut glob.folder, e))?;
    if matches!(query.where_clause, Some(Expr::Const { value: pg_types::datum::Datum::Bool(true), .. })) {
        query.where_clause = None;
    }
    cost::order_query_quals(query);
    Ok(())
}

/// Plans the level's WITH queries and replaces its sublinks with SubPlans
/// and InitPlan parameters (`SS_process_ctes`, `SS_process_sublinks`).
#[inline(never)]
fn plan_level_sublinks(query: &mut Query, glob: &mut PlannerGlobal, init_plans: &mut Vec<InitPlanRef>) -> PgResult<()> {
    cte::plan_ctes(query, glob, init_plans)?;
    query.map_exprs(&mut |e| subselect::replace_sublinks(e, glob, init_plans))
}

/// The rest of [`plan_query`], once the level's WITH queries and sublinks
/// are planned. Never inlined: its frame is large, and inlined into
/// `plan_query` it would sit on the stack of every level of nested
/// subqueries while the levels below are planned.
#[inline(never)]
fn plan_level(mut query: Query, glob: &mut PlannerGlobal, init_plans: Vec<InitPlanRef>) -> PgResult<PlannedStmt> {
    let command = query.command;
    let modify = query.modify.take();
    let row_marks = std::mem::take(&mut query.row_marks);
    let columns: Vec<OutputColumn> = query
        .output_columns()
        .map(|t| OutputColumn { name: t.name.clone(), type_oid: t.expr.type_oid(), typmod: t.expr.typmod() })
        .collect();
    let visible = columns.len();
    let mut target_list: Vec<Expr> = query.target_list.into_iter().map(|t| t.expr).collect();
    // An UPDATE, DELETE or FOR UPDATE over a join carries a copy of the
    // joined row in resjunk columns: when a concurrent change makes
    // EvalPlanQual re-run the join for one row, the FROM items whose rows
    // are not re-fetched give the rows they joined (PostgreSQL's
    // ROW_MARK_COPY whole-row columns, `preprocess_rowmarks`).
    let rechecks = matches!(command, CmdType::Update | CmdType::Delete) || !row_marks.is_empty();
    let joined_row = match &query.rtable {
        Some(rte @ RangeTblEntry { source: RteSource::Join(_), .. })
            if rechecks && !query.has_aggs && !target_list.iter().any(Expr::contains_srf) =>
        {
            let start = target_list.len();
            target_list.extend(rte.columns.iter().enumerate().map(|(attno, c)| Expr::Var {
                attno,
                type_oid: c.type_oid,
                typmod: c.typmod,
                location: None,
            }));
            Some(start)
        }
        _ => None,
    };
    // A subquery that only lists a VALUES list is scanned directly, as
    // PostgreSQL's pull-up of simple subqueries does.
    if let Some(RangeTblEntry { source: RteSource::Subquery(q), .. }) = &query.rtable {
        if is_bare_values(q) {
            query.rtable = q.rtable.clone();
        }
    }
    // A subquery in FROM is planned on its own (not pulled up into the
    // outer query as PostgreSQL's planner often does).
    let subplan = match query.rtable.as_ref().map(|r| &r.source) {
        Some(RteSource::Subquery(q)) => Some(plan_query((**q).clone(), glob)?),
        Some(RteSource::Join(_)) => None,
        _ => None,
    };
    let setop = match query.rtable.as_ref().map(|r| &r.source) {
        Some(RteSource::SetOp(tree)) => Some(plan_set_operation(tree, visible, &mut 0, glob)?),
        _ => None,
    };
    let mut keys: Vec<SortKey> = query
        .sort_clause
        .iter()
        .map(|s| SortKey {
            col: s.tle,
            descending: s.descending,
            nulls_first: s.nulls_first,
            blank_padded: is_blank_padded(target_list[s.tle].type_oid()),
        })
        .collect();
    let distinct_blank_padded: Vec<bool> =
        target_list[..visible].iter().map(|e| is_blank_padded(e.type_oid())).collect();
    if query.distinct {
        // Sort on the ORDER BY keys, then every other output column, so
        // equal rows are adjacent for Unique (PostgreSQL's sorted DISTINCT).
        for (col, &blank_padded) in distinct_blank_padded.iter().enumerate() {
            if !keys.iter().any(|k| k.col == col) {
                keys.push(SortKey { col, descending: false, nulls_first: false, blank_padded });
            }
        }
    }
    // Set-returning functions in the select list: the scan (or Agg)
    // returns its whole row, and ProjectSet nodes above compute the
    // select list (`adjust_paths_for_srfs`).
    let srf_input: Option<Vec<(Oid, i32)>> = if target_list.iter().any(Expr::contains_srf) {
        Some(if query.has_aggs {
            query
                .group_clause
                .iter()
                .map(|g| (g.type_oid(), g.typmod()))
                .chain(query.aggs.iter().map(|a| (a.result_type, -1)))
                .collect()
        } else {
            query
                .rtable
                .as_ref()
                .map(|r| r.columns.iter().map(|c| (c.type_oid, c.typmod)).collect())
                .unwrap_or_default()
        })
    } else {
        None
    };
    let (top_tlist, srf_tlist) = match &srf_input {
        Some(types) => {
            let mut pre = project_set::identity(types);
            let mut below_keys = Vec::new();
            if !keys.is_empty() && !query.distinct && keys.iter().all(|k| !target_list[k.col].contains_srf()) {
                for k in &keys {
                    below_keys.push(SortKey { col: pre.len(), ..*k });
                    pre.push(target_list[k.col].clone());
                }
            }
            (pre, Some((target_list, below_keys)))
        }
        None => (target_list, None),
    };
    // The row ProjectSet reads: the input's columns, then any sort keys.
    let srf_row_types: Vec<(Oid, i32)> = top_tlist.iter().map(|e| (e.type_oid(), e.typmod())).collect();
    let scan = |target_list: Vec<Expr>| -> PgResult<Plan> {
        Ok(match (query.rtable, subplan) {
            // The set operation's rows are the query's columns as they are.
            _ if setop.is_some() => setop.expect("checked"),
            (None, _) => Plan::Result { target_list, qual: query.where_clause },
            (Some(rte @ RangeTblEntry { source: RteSource::Join(_), .. }), _) => {
                plan_join(rte, target_list, query.where_clause.take().map(conjuncts).unwrap_or_default(), 0, glob)?
            }
            (Some(rte), Some(sub)) => Plan::SubqueryScan {
                rte,
                ncols: sub.columns.len(),
                subplan: Box::new(sub.plan),
                target_list,
                qual: query.where_clause,
            },
            (Some(rte), None) => scan_plan(rte, target_list, query.where_clause),
        })
    };
    let mut plan = if query.has_aggs {
        // The scan computes the group keys and the aggregates' arguments;
        // Agg computes the rest (PostgreSQL's setrefs makes the same split).
        let mut input_tl: Vec<Expr> = query.group_clause.clone();
        let mut aggs = Vec::new();
        for a in query.aggs {
            let first_col = input_tl.len();
            input_tl.extend(a.input_exprs().cloned());
            aggs.push(AggCall { aggref: a, first_col });
        }
        let ngroups = query.group_clause.len();
        let strategy = if ngroups == 0 {
            AggStrategy::Plain
        } else if aggs.iter().any(|a| a.aggref.distinct) {
            AggStrategy::Sorted
        } else {
            AggStrategy::Hashed
        };
        let mut input = scan(input_tl)?;
        if strategy == AggStrategy::Sorted {
            let keys = query
                .group_clause
                .iter()
                .enumerate()
                .map(|(col, g)| SortKey {
                    col,
                    descending: false,
                    nulls_first: false,
                    blank_padded: is_blank_padded(g.type_oid()),
                })
                .collect();
            input = Plan::Sort { input: Box::new(input), keys };
        }
        Plan::Agg {
            input: Box::new(input),
            strategy,
            ngroups: query.group_clause.len(),
            aggs,
            qual: query.having,
            target_list: top_tlist,
            group_exprs: query.group_clause,
        }
    } else {
        scan(top_tlist)?
    };
    if let Some((final_tl, below_keys)) = srf_tlist {
        // PostgreSQL sorts before expanding the sets when no sort key is a
        // set-returning column (the expansion keeps the order).
        if !below_keys.is_empty() {
            plan = Plan::Sort { input: Box::new(plan), keys: below_keys };
            keys.clear();
        }
        plan = project_set::plan_project_set(plan, srf_row_types, final_tl)?;
    }
    if !keys.is_empty() {
        plan = Plan::Sort { input: Box::new(plan), keys };
    }
    if query.distinct {
        plan = Plan::Unique { input: Box::new(plan), ncols: visible, blank_padded: distinct_blank_padded };
    }
    // FOR UPDATE/SHARE locks the rows that survive the sort, before LIMIT
    // counts them (grouping_planner's create_lockrows_path).
    if !row_marks.is_empty() {
        plan = Plan::LockRows { input: Box::new(plan), marks: row_marks, joined_row };
    }
    if query.limit_count.is_some() || query.limit_offset.is_some() {
        plan = Plan::Limit { input: Box::new(plan), offset: query.limit_offset, count: query.limit_count };
    }
    let mut columns = columns;
    if let Some(m) = modify {
        // The statement's output is its RETURNING list, over the row
        // ModifyTable writes.
        columns = m
            .returning
            .iter()
            .map(|t| OutputColumn { name: t.name.clone(), type_oid: t.expr.type_oid(), typmod: t.expr.typmod() })
            .collect();
        plan = Plan::ModifyTable {
            command,
            alias: modify_alias(&plan, &m.target.name),
            target: m.target,
            input: Box::new(plan),
            returning: m.returning.into_iter().map(|t| t.expr).collect(),
            joined_row,
        };
    }
    if !init_plans.is_empty() {
        plan = Plan::InitPlans { input: Box::new(plan), init_plans };
    }
    Ok(PlannedStmt {
        command,
        plan,
        columns,
        explain: None,
        subplans: Default::default(),
        params: Default::default(),
        bind_error: None,
    })
}

/// `is_simple_subquery`: a subquery in FROM whose rows are just its FROM
/// and WHERE projected through its select list (no aggregation,
/// DISTINCT, ORDER BY, LIMIT, WITH, FOR UPDATE, set operation, reference
/// to an enclosing query, or select list with a set-returning function, a
/// volatile function or a subquery), so the query above may read its FROM
/// directly.
fn is_simple_subquery(q: &Query) -> bool {
    let volatile = |e: &Expr| {
        let mut found = false;
        e.walk(&mut |x| {
            found |= matches!(x, Expr::Func { volatility: pg_types::Volatility::Volatile, .. });
        });
        found
    };
    !q.has_aggs
        && !q.distinct
        && q.sort_clause.is_empty()
        && q.limit_count.is_none()
        && q.limit_offset.is_none()
        && q.ctes.is_empty()
        && !q.has_outer_refs
        && q.row_marks.is_empty()
        && q.command == CmdType::Select
        && q.target_list
            .iter()
            .all(|t| !t.resjunk && !t.expr.contains_srf() && !contains_sublink(&t.expr) && !volatile(&t.expr))
        && !matches!(q.rtable.as_ref().map(|r| &r.source), Some(RteSource::SetOp(_)))
}

/// `e` with each column of the pulled-up subquery replaced by the
/// expression the subquery computes it with (`pullup_replace_vars`).
fn replace_subquery_vars(e: Expr, outputs: &[Expr]) -> PgResult<Expr> {
    match e {
        Expr::Var { attno, .. } => outputs
            .get(attno)
            .cloned()
            .ok_or_else(|| pg_error::PgError::internal("a query reads a column its subquery lacks")),
        other => other.map_children(&mut |c| replace_subquery_vars(c, outputs)),
    }
}

/// INSERT ... SELECT reads its SELECT as a subquery in FROM; when the
/// SELECT is simple ([`is_simple_subquery`]), its FROM and WHERE become
/// the INSERT's and the new row's expressions read the SELECT's columns
/// directly, as PostgreSQL's `pull_up_simple_subquery` does: no Subquery
/// Scan between the scan and the Insert.
fn pull_up_insert_select(query: &mut Query) -> PgResult<()> {
    if query.command != CmdType::Insert {
        return Ok(());
    }
    let Some(RangeTblEntry { source: RteSource::Subquery(q), .. }) = &query.rtable else { return Ok(()) };
    if !is_simple_subquery(q) {
        return Ok(());
    }
    let Some(RangeTblEntry { source: RteSource::Subquery(q), .. }) = query.rtable.take() else { return Ok(()) };
    let q = *q;
    let outputs: Vec<Expr> = q.target_list.into_iter().map(|t| t.expr).collect();
    for t in &mut query.target_list {
        let e = std::mem::replace(&mut t.expr, Expr::null(pg_types::types::oid::BOOL));
        t.expr = replace_subquery_vars(e, &outputs)?;
    }
    query.rtable = q.rtable;
    query.where_clause = q.where_clause;
    Ok(())
}

// ---- sysviews
/// A SELECT whose only FROM item is a simple subquery — above all a view,
/// which pg-rewrite expanded into one (`SELECT ... FROM pg_settings WHERE
/// name = 'x'`) — reads the subquery's FROM directly, its WHERE ANDed
/// with the subquery's, as PostgreSQL's `pull_up_simple_subquery` does:
/// the plan is a Function Scan on `pg_show_all_settings` with the filter,
/// not a Subquery Scan over it. The expressions over the scan row (WHERE,
/// the select list or, when the query aggregates, GROUP BY and the
/// aggregates' arguments) read the subquery's expressions instead of its
/// columns. Subqueries in expressions that refer to this level's columns
/// would need the same replacement one level down, so such queries keep
/// their Subquery Scan; so does a subquery inside a join.
fn pull_up_select_subquery(query: &mut Query) -> PgResult<()> {
    if query.command != CmdType::Select || !query.row_marks.is_empty() || query.has_outer_refs {
        return Ok(());
    }
    let Some(RangeTblEntry { source: RteSource::Subquery(q), .. }) = &query.rtable else { return Ok(()) };
    if !is_simple_subquery(q) {
        return Ok(());
    }
    // A correlated subquery in this level's expressions reads the scan
    // row from one level down.
    let mut correlated = false;
    let _ = query.clone().map_exprs(&mut |e| {
        e.walk(&mut |x| correlated |= matches!(x, Expr::SubLink(s) if s.subquery.has_outer_refs));
        Ok(e)
    });
    if correlated {
        return Ok(());
    }
    let Some(RangeTblEntry { source: RteSource::Subquery(q), .. }) = query.rtable.take() else { return Ok(()) };
    let q = *q;
    let outputs: Vec<Expr> = q.target_list.into_iter().map(|t| t.expr).collect();
    let replace = |e: &mut Expr| -> PgResult<()> {
        let old = std::mem::replace(e, Expr::null(pg_types::types::oid::BOOL));
        *e = replace_subquery_vars(old, &outputs)?;
        Ok(())
    };
    if let Some(w) = &mut query.where_clause {
        replace(w)?;
    }
    if query.has_aggs {
        // The select list and HAVING read the aggregate output row.
        for e in query.group_clause.iter_mut().chain(query.aggs.iter_mut().flat_map(|a| a.input_exprs_mut())) {
            replace(e)?;
        }
    } else {
        for t in &mut query.target_list {
            replace(&mut t.expr)?;
        }
    }
    query.where_clause = match (q.where_clause, query.where_clause.take()) {
        (Some(inner), Some(outer)) => {
            let args = conjuncts(inner).into_iter().chain(conjuncts(outer)).collect();
            Some(Expr::Bool { op: pg_analyze::BoolOpKind::And, args })
        }
        (inner, outer) => inner.or(outer),
    };
    query.rtable = q.rtable;
    Ok(())
}

/// Whether `e` holds a subquery expression (its parameters would need
/// renumbering when moved to another level).
fn contains_sublink(e: &Expr) -> bool {
    let mut found = false;
    e.walk(&mut |x| found |= matches!(x, Expr::SubLink(_) | Expr::SubPlan(_) | Expr::OuterVar { .. }));
    found
}

/// True for a query that is just `VALUES ...` (every column, in order, of a
/// `*VALUES*` entry, nothing else).
pub(crate) fn is_bare_values(q: &Query) -> bool {
    let Some(RangeTblEntry { source: RteSource::Values(_), columns, .. }) = &q.rtable else { return false };
    q.where_clause.is_none()
        && !q.distinct
        && q.sort_clause.is_empty()
        && q.limit_count.is_none()
        && q.limit_offset.is_none()
        && !q.has_aggs
        && q.target_list.len() == columns.len()
        && q.target_list.iter().enumerate().all(|(i, t)| matches!(t.expr, Expr::Var { attno, .. } if attno == i))
}

/// The result columns of a set-operation tree (its leftmost arm's names,
/// with the types every arm was coerced to).
fn setop_columns(tree: &SetOpTree) -> Vec<ColumnDef> {
    match tree {
        SetOpTree::Leaf(q) => q
            .output_columns()
            .map(|t| ColumnDef { name: t.name.clone(), type_oid: t.expr.type_oid(), typmod: t.expr.typmod() })
            .collect(),
        SetOpTree::Op { left, .. } => setop_columns(left),
    }
}

/// Plans a set operation (`generate_union_paths`, `generate_nonunion_paths`):
/// UNION ALL is an Append of the arms; UNION sorts the Append and drops
/// duplicates with Unique; INTERSECT and EXCEPT count each distinct row
/// of the flagged arms in a hash table (HashSetOp). `leaves` numbers the
/// arms for their `*SELECT* n` names.
fn plan_set_operation(tree: &SetOpTree, ncols: usize, leaves: &mut usize, glob: &mut PlannerGlobal) -> PgResult<Plan> {
    match tree {
        SetOpTree::Leaf(q) => {
            *leaves += 1;
            Ok(plan_query((**q).clone(), glob)?.plan)
        }
        SetOpTree::Op { op: SetOpKind::Union, all, .. } => {
            let mut inputs = Vec::new();
            collect_union_arms(tree, *all, ncols, leaves, &mut inputs, glob)?;
            let append = Plan::Append { inputs, ncols };
            if *all {
                return Ok(append);
            }
            let blank_padded: Vec<bool> = setop_columns(tree).iter().map(|c| is_blank_padded(c.type_oid)).collect();
            let keys = (0..ncols)
                .map(|col| SortKey { col, descending: false, nulls_first: false, blank_padded: blank_padded[col] })
                .collect();
            Ok(Plan::Unique { input: Box::new(Plan::Sort { input: Box::new(append), keys }), ncols, blank_padded })
        }
        SetOpTree::Op { op, all, left, right } => {
            let mut flagged = |arm: &SetOpTree, flag: i32, leaves: &mut usize| -> PgResult<Plan> {
                let name = format!("\"*SELECT* {}\"", *leaves + 1);
                let subplan = plan_set_operation(arm, ncols, leaves, glob)?;
                let columns = setop_columns(arm);
                let mut target_list: Vec<Expr> = columns
                    .iter()
                    .enumerate()
                    .map(|(attno, c)| Expr::Var { attno, type_oid: c.type_oid, typmod: c.typmod, location: None })
                    .collect();
                target_list.push(Expr::Const {
                    value: pg_types::datum::Datum::Int4(flag),
                    type_oid: pg_types::types::oid::INT4,
                    typmod: -1,
                });
                Ok(Plan::SubqueryScan {
                    rte: RangeTblEntry {
                        alias: name,
                        relname: None,
                        columns,
                        source: RteSource::SetOp(Box::new(arm.clone())),
                    },
                    subplan: Box::new(subplan),
                    ncols,
                    target_list,
                    qual: None,
                })
            };
            let l = flagged(left, 0, leaves)?;
            let r = flagged(right, 1, leaves)?;
            // INTERSECT reads the arm with fewer groups first (generate_nonunion_paths), so
            // the hash table is smaller and that arm's values are the ones returned:
            // `(values (0::numeric)) intersect select 0.0` answers 0.0. EXCEPT keeps the
            // left arm first. The estimated row count stands in for the group count.
            let inputs = if *op == SetOpKind::Intersect && explain::estimate(&l).rows > explain::estimate(&r).rows {
                vec![r, l]
            } else {
                vec![l, r]
            };
            Ok(Plan::SetOp {
                input: Box::new(Plan::Append { inputs, ncols: ncols + 1 }),
                op: *op,
                all: *all,
                ncols,
                blank_padded: setop_columns(tree).iter().map(|c| is_blank_padded(c.type_oid)).collect(),
            })
        }
    }
}

/// The arms of nested UNIONs that one Append can read: a child UNION of
/// the same kind, or any child UNION under a UNION that removes duplicates.
fn collect_union_arms(
    tree: &SetOpTree,
    all: bool,
    ncols: usize,
    leaves: &mut usize,
    out: &mut Vec<Plan>,
    glob: &mut PlannerGlobal,
) -> PgResult<()> {
    if let SetOpTree::Op { op: SetOpKind::Union, all: child_all, left, right } = tree {
        if *child_all == all || !all {
            collect_union_arms(left, all, ncols, leaves, out, glob)?;
            return collect_union_arms(right, all, ncols, leaves, out, glob);
        }
    }
    out.push(plan_set_operation(tree, ncols, leaves, glob)?);
    Ok(())
}

/// Plans a join entry as a nested loop over its inputs (`create_nestloop_plan`).
/// `from_above` are WHERE conjuncts (over the query's scan row) to apply at
/// or below this join; `offset` is the entry's first column in that row.
///
/// Conditions go as low as they may (`distribute_qual_to_rels`): one that
/// reads a single input moves into it unless that input is the side the
/// join fills with NULLs (for a WHERE condition) or the side it keeps (for
/// an ON condition). WHERE conditions left at an inner join join its Join
/// Filter; at an outer join they filter the joined rows (`Filter`).
fn plan_join(
    rte: RangeTblEntry,
    target_list: Vec<Expr>,
    from_above: Vec<Expr>,
    offset: usize,
    glob: &mut PlannerGlobal,
) -> PgResult<Plan> {
    let RteSource::Join(j) = &rte.source else { return Err(pg_error::PgError::internal("not a join")) };
    let JoinTree { kind, left, right, quals } = &**j;
    let (nl, nr) = (left.columns.len(), right.columns.len());
    let side = |e: &Expr| -> Option<bool> {
        // Some(false): reads only the left input; Some(true): only the right.
        let mut attnos = Vec::new();
        e.walk(&mut |x| {
            if let Expr::Var { attno, .. } = x {
                attnos.push(*attno);
            }
        });
        if attnos.is_empty() {
            None
        } else if attnos.iter().all(|a| (offset..offset + nl).contains(a)) {
            Some(false)
        } else if attnos.iter().all(|a| (offset + nl..offset + nl + nr).contains(a)) {
            Some(true)
        } else {
            None
        }
    };
    let (mut to_left, mut to_right, mut join_filter, mut filter) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for q in quals.iter().cloned().flat_map(conjuncts) {
        match side(&q) {
            Some(false) if matches!(kind, JoinType::Inner | JoinType::Right) => to_left.push(q),
            Some(true) if matches!(kind, JoinType::Inner | JoinType::Left | JoinType::Semi | JoinType::Anti) => {
                to_right.push(q)
            }
            _ => join_filter.push(q),
        }
    }
    for q in from_above {
        match side(&q) {
            Some(false) if matches!(kind, JoinType::Inner | JoinType::Left | JoinType::Semi | JoinType::Anti) => {
                to_left.push(q)
            }
            Some(true) if matches!(kind, JoinType::Inner | JoinType::Right) => to_right.push(q),
            _ if *kind == JoinType::Inner => join_filter.push(q),
            _ => filter.push(q),
        }
    }
    // A FULL JOIN needs a hash- or merge-joinable condition (an equality
    // between the two inputs) when it has any condition at all: PostgreSQL
    // has no other way to run one.
    if *kind == JoinType::Full && !join_filter.is_empty() {
        let equijoin = join_filter.iter().any(|q| match q {
            Expr::Op { name, args, .. } if name == "=" && args.len() == 2 => {
                matches!((side(&args[0]), side(&args[1])), (Some(a), Some(b)) if a != b)
            }
            _ => false,
        });
        let all_constant = join_filter.iter().all(|q| matches!(q, Expr::Const { .. }));
        if !equijoin && !all_constant {
            return Err(pg_error::PgError::not_supported(
                "FULL JOIN is only supported with merge-joinable or hash-joinable join conditions",
            ));
        }
    }
    let outer = plan_from_item(left.clone(), offset, to_left, glob)?;
    // LATERAL references of the right side to the left one become
    // parameters the nested loop sets per outer row.
    let mut right = right.clone();
    let first_nested_param = glob.params.len();
    let first_nested_plan = glob.subplans.len();
    let nest_params = lateral::parameterize(&mut right, offset, nl, glob)?;
    if !nest_params.is_empty() && matches!(kind, JoinType::Right | JoinType::Full) {
        return Err(pg_error::PgError::new(
            pg_error::SqlState::INVALID_COLUMN_REFERENCE,
            format!("invalid reference to FROM-clause entry for table \"{}\"", left.alias),
        )
        .with_detail("The combining JOIN type must be INNER or LEFT for a LATERAL reference."));
    }
    let inner = plan_from_item(right, offset + nl, to_right, glob)?;
    let reset_params: Vec<usize> = (first_nested_param..glob.params.len())
        .filter(|&p| matches!(glob.params[p], ParamSource::InitPlan { .. }))
        .collect();
    let reset_plans: Vec<usize> =
        if nest_params.is_empty() { Vec::new() } else { (first_nested_plan + 1..=glob.subplans.len()).collect() };
    // Equalities between the inputs can also run as hash or merge
    // clauses (not with LATERAL references: those need a nested loop).
    let (equi, other_quals) = if nest_params.is_empty() {
        joinpath::equi_clauses(join_filter.clone(), &side)
    } else {
        (Vec::new(), join_filter.clone())
    };
    let join_qual = and_of(join_filter, offset)?;
    let qual = and_of(filter, offset)?;
    let nestloop = if *kind == JoinType::Right {
        Plan::NestLoop {
            kind: JoinType::Left,
            outer: Box::new(inner.clone()),
            inner: Box::new(materialize_inner(outer.clone())),
            outer_ncols: nr,
            inner_ncols: nl,
            join_qual,
            qual: qual.clone(),
            target_list: target_list.clone(),
            inner_first: true,
            rte: rte.clone(),
            nest_params,
            reset_params,
            reset_plans,
        }
    } else {
        Plan::NestLoop {
            kind: *kind,
            outer: Box::new(outer.clone()),
            // An inner side that depends on the outer row is run again for
            // each one, never materialized.
            inner: Box::new(if nest_params.is_empty() { materialize_inner(inner.clone()) } else { inner.clone() }),
            outer_ncols: nl,
            inner_ncols: nr,
            join_qual,
            qual: qual.clone(),
            target_list: target_list.clone(),
            inner_first: false,
            rte: rte.clone(),
            nest_params,
            reset_params,
            reset_plans,
        }
    };
    if equi.is_empty() {
        return Ok(nestloop);
    }
    // The join methods PostgreSQL's add_paths_to_joinrel considers, each
    // input in turn as the outer one; the cheapest in total cost wins.
    let mut candidates = Vec::new();
    if *kind != JoinType::Full {
        candidates.push(joinpath::Candidate::new(nestloop, pg_guc::vars::ENABLE_NESTLOOP.get()));
    }
    let others = and_of(other_quals, offset)?;
    let all_vars = equi.iter().all(|c| matches!((&c.left, &c.right), (Expr::Var { .. }, Expr::Var { .. })));
    // A semi or anti join keeps its left input outer (PostgreSQL 15 has no
    // right semi or anti joins).
    let swaps: &[bool] = if matches!(kind, JoinType::Semi | JoinType::Anti) { &[false] } else { &[false, true] };
    for &swap in swaps {
        let (o_plan, i_plan) = if swap { (&inner, &outer) } else { (&outer, &inner) };
        let (o_shift, i_shift) = if swap { (offset + nl, offset) } else { (offset, offset + nl) };
        let join = JoinInfo {
            rte: rte.clone(),
            kind: if swap { joinpath::swapped_kind(*kind) } else { *kind },
            outer_ncols: if swap { nr } else { nl },
            inner_ncols: if swap { nl } else { nr },
            join_qual: others.clone(),
            qual: qual.clone(),
            target_list: target_list.clone(),
            inner_first: swap,
        };
        let mut clauses = Vec::new();
        let (mut outer_keys, mut inner_keys) = (Vec::new(), Vec::new());
        for c in &equi {
            let (o_arg, i_arg) = if swap { (&c.right, &c.left) } else { (&c.left, &c.right) };
            let mut clause = c.clause.clone();
            if let Expr::Op { args, .. } = &mut clause {
                *args = vec![shift_vars(o_arg.clone(), offset)?, shift_vars(i_arg.clone(), offset)?];
            }
            clauses.push(clause);
            outer_keys.push(shift_vars(o_arg.clone(), o_shift)?);
            inner_keys.push(shift_vars(i_arg.clone(), i_shift)?);
        }
        let hash = Plan::Hash { input: Box::new((*i_plan).clone()) };
        let hashjoin = Plan::HashJoin {
            join: join.clone(),
            outer: Box::new((*o_plan).clone()),
            inner: Box::new(hash),
            hash_clauses: clauses.clone(),
            outer_keys: outer_keys.clone(),
            inner_keys: inner_keys.clone(),
        };
        candidates.push(joinpath::Candidate::new(hashjoin, pg_guc::vars::ENABLE_HASHJOIN.get()));
        // A merge join sorts both inputs on plain columns; a FULL merge
        // join takes no other join conditions (`select_mergejoin_clauses`).
        if all_vars && !(*kind == JoinType::Full && join.join_qual.is_some()) {
            let col = |e: &Expr| match e {
                Expr::Var { attno, .. } => *attno,
                _ => 0,
            };
            let o_cols: Vec<usize> = outer_keys.iter().map(col).collect();
            let i_cols: Vec<usize> = inner_keys.iter().map(col).collect();
            let o_sorted = Plan::Sort { input: Box::new((*o_plan).clone()), keys: joinpath::merge_sort_keys(&o_cols) };
            let i_sorted = Plan::Sort { input: Box::new((*i_plan).clone()), keys: joinpath::merge_sort_keys(&i_cols) };
            let (_, materialize) = joinpath::cost_mergejoin(&join.as_ref(), &o_sorted, &i_sorted, &clauses);
            let i_input = if materialize { Plan::Material { input: Box::new(i_sorted) } } else { i_sorted };
            let mergejoin = Plan::MergeJoin {
                join,
                outer: Box::new(o_sorted),
                inner: Box::new(i_input),
                merge_clauses: clauses,
                outer_keys: o_cols,
                inner_keys: i_cols,
            };
            candidates.push(joinpath::Candidate::new(mergejoin, pg_guc::vars::ENABLE_MERGEJOIN.get()));
        }
    }
    joinpath::cheapest(candidates).ok_or_else(|| pg_error::PgError::internal("no join method"))
}

/// The inner input of a nested loop, under a Materialize unless it keeps
/// its own output already (a function scan's tuplestore, a sort's result:
/// PostgreSQL's `ExecMaterializesOutput`), so that each outer row rescans
/// stored rows instead of re-running the input.
fn materialize_inner(inner: Plan) -> Plan {
    match inner {
        // A Values Scan recomputes its expressions on a rescan: PostgreSQL
        // materializes it.
        Plan::FunctionScan { rte: RangeTblEntry { source: RteSource::Values(_), .. }, .. } => {
            Plan::Material { input: Box::new(inner) }
        }
        Plan::FunctionScan { .. } | Plan::Sort { .. } | Plan::Material { .. } => inner,
        other => Plan::Material { input: Box::new(other) },
    }
}

/// The AND-ed conditions of a qual (`make_ands_implicit`).
fn conjuncts(e: Expr) -> Vec<Expr> {
    match e {
        Expr::Bool { op: pg_analyze::BoolOpKind::And, args } => args.into_iter().flat_map(conjuncts).collect(),
        other => vec![other],
    }
}

/// Conditions over the scan row as one qual over a node's own row.
fn and_of(mut quals: Vec<Expr>, offset: usize) -> PgResult<Option<Expr>> {
    let quals = quals.drain(..).map(|q| shift_vars(q, offset)).collect::<PgResult<Vec<_>>>()?;
    Ok(match quals.len() {
        0 => None,
        1 => quals.into_iter().next(),
        _ => Some(Expr::Bool { op: pg_analyze::BoolOpKind::And, args: quals }),
    })
}

/// The plan returning every column of one input of a join, filtered by
/// `quals` (over the query's scan row).
fn plan_from_item(mut rte: RangeTblEntry, offset: usize, quals: Vec<Expr>, glob: &mut PlannerGlobal) -> PgResult<Plan> {
    let identity: Vec<Expr> = rte
        .columns
        .iter()
        .enumerate()
        .map(|(attno, c)| Expr::Var { attno, type_oid: c.type_oid, typmod: c.typmod, location: None })
        .collect();
    if let RteSource::Subquery(q) = &rte.source {
        if is_bare_values(q) {
            if let Some(inner) = &q.rtable {
                rte = RangeTblEntry { source: inner.source.clone(), ..rte };
            }
        }
    }
    Ok(match &rte.source {
        RteSource::Join(_) => plan_join(rte, identity, quals, offset, glob)?,
        RteSource::Subquery(q) => {
            let sub = plan_query((**q).clone(), glob)?;
            Plan::SubqueryScan {
                ncols: sub.columns.len(),
                subplan: Box::new(sub.plan),
                rte,
                target_list: identity,
                qual: and_of(quals, offset)?,
            }
        }
        _ => scan_plan(rte, identity, and_of(quals, offset)?),
    })
}

/// The scan of a FROM item that is neither a join nor a subquery: a table's
/// `SeqScan`, or a `FunctionScan` (functions, VALUES, system views, WITH
/// references).
fn scan_plan(rte: RangeTblEntry, target_list: Vec<Expr>, qual: Option<Expr>) -> Plan {
    match &rte.source {
        RteSource::Relation(r) => {
            let size = plancat::estimate_rel_size(r.relid);
            Plan::SeqScan { rte, target_list, qual, size }
        }
        _ => Plan::FunctionScan { rte, target_list, qual },
    }
}

/// The alias an UPDATE or DELETE gave its table, for EXPLAIN (the first
/// table scanned under ModifyTable is the target).
fn modify_alias(plan: &Plan, name: &str) -> String {
    fn first_relation(plan: &Plan) -> Option<&RangeTblEntry> {
        match plan {
            Plan::SeqScan { rte, .. } => Some(rte),
            other => explain::children(other).into_iter().find_map(first_relation),
        }
    }
    first_relation(plan).map(|r| r.alias.clone()).unwrap_or_else(|| name.to_string())
}

/// Renumbers scan-row columns to a join's own row.
fn shift_vars(e: Expr, offset: usize) -> PgResult<Expr> {
    match e {
        Expr::Var { attno, type_oid, typmod, location } => {
            let attno = attno
                .checked_sub(offset)
                .ok_or_else(|| pg_error::PgError::internal("join condition refers to a column outside the join"))?;
            Ok(Expr::Var { attno, type_oid, typmod, location })
        }
        other => other.map_children(&mut |c| shift_vars(c, offset)),
    }
}
