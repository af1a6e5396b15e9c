//! The analyzed query tree: PostgreSQL's `Query`, `TargetEntry`,
//! `RangeTblEntry` and the typed expression nodes of `primnodes.h`.
//!
//! Every expression is fully resolved: operators and functions carry the
//! function pointer that implements them (PostgreSQL keeps an OID and looks
//! the `FmgrInfo` up at executor start; holding the pointer is the same
//! decision made once), every node knows its result type, and unknown-type
//! literals have been coerced to the type their context asked for.

use pg_catalog::ColumnDef;
use pg_types::datum::Datum;
use pg_types::types::Oid;

pub use crate::registry::{CastMethod, ScalarFn, SrfFn};
use pg_error::PgResult;
/// The test of a `BooleanTest` node, the parser's own enum: the executor
/// reaches it through here, without depending on pg-parser.
pub use pg_parser::ast::BoolTestKind;

/// A typed expression.
#[derive(Clone, Debug)]
pub enum Expr {
    /// A constant (`Const`). A NULL constant is `Datum::Null` with its type.
    Const {
        /// The value.
        value: Datum,
        /// Its type.
        type_oid: Oid,
        /// Its typmod (-1 for none).
        typmod: i32,
    },
    /// A column of the scanned row (`Var`): index into the scan tuple.
    Var {
        /// 0-based column number in the range-table entry (or, above an
        /// `Agg` node, in the aggregate's output row: group keys, then
        /// aggregate results).
        attno: usize,
        /// Column type.
        type_oid: Oid,
        /// Column typmod.
        typmod: i32,
        /// Byte offset of the reference in the query text, for errors
        /// (`None` for references the analyzer made up).
        location: Option<usize>,
    },
    /// A column of an enclosing query level (`Var` with `varlevelsup` >
    /// 0): `levelsup` levels out from the query the reference is written
    /// in, column `attno` of that level's scan row. The planner turns every
    /// one into an [`Expr::ExecParam`] set by the SubPlan that runs the
    /// inner query (`replace_outer_var`).
    OuterVar {
        /// How many query levels out (1 = the directly enclosing query).
        levelsup: usize,
        /// 0-based column of that level's scan row.
        attno: usize,
        /// Column type.
        type_oid: Oid,
        /// Column typmod.
        typmod: i32,
        /// Byte offset of the reference in the query text.
        location: Option<usize>,
    },
    /// A value passed between plan levels (`Param` of kind `PARAM_EXEC`,
    /// printed `$id`): an outer column a SubPlan sets before running its
    /// plan, an InitPlan's result, or a subquery output column inside a
    /// SubPlan's comparison. Inside an analyzed [`SubLink`]'s `testexpr`
    /// `id` is [`SUBLINK_COLUMN_PARAM`] plus the subquery's output column
    /// (PostgreSQL's `PARAM_SUBLINK`) until the planner numbers it.
    ExecParam {
        /// Parameter number (0-based, unique in the statement).
        id: usize,
        /// Its type.
        type_oid: Oid,
        /// Its typmod.
        typmod: i32,
    },
    /// A subquery expression as the analyzer leaves it (`SubLink`); the
    /// planner replaces it with an [`Expr::SubPlan`] or an InitPlan's
    /// [`Expr::ExecParam`].
    SubLink(Box<SubLink>),
    /// A subquery expression as the executor runs it (`SubPlan`).
    SubPlan(Box<SubPlan>),
    /// `$n` (`Param` of kind `PARAM_EXTERN`): a value bound at execution.
    Param {
        /// 1-based parameter number.
        index: usize,
        /// Its type (`unknown` only while analysis is still inferring it).
        type_oid: Oid,
    },
    /// An aggregate call (`Aggref`). Exists only between the transformation
    /// of an expression and `parseCheckAggregates`, which moves every call to
    /// [`Query::aggs`] and leaves a `Var` over the aggregate's output row.
    Aggref(Box<Aggref>),
    /// A function call (`FuncExpr`).
    Func {
        /// The function's name, for EXPLAIN and errors.
        name: String,
        /// The implementation.
        func: ScalarFn,
        /// Arguments, already coerced to the declared argument types.
        args: Vec<Expr>,
        /// Result type.
        result_type: Oid,
        /// Strict: NULL in any argument gives NULL without calling.
        strict: bool,
        /// `provolatile`: only an immutable call over constants is
        /// evaluated by the planner (`eval_const_expressions`).
        volatility: pg_types::Volatility,
    },
    /// A set-returning function called in a select list (`FuncExpr` with
    /// `funcretset`): the planner evaluates it in a `ProjectSet` node,
    /// which makes one row per value it returns.
    SrfCall {
        /// The function's name, for EXPLAIN.
        name: String,
        /// The implementation.
        func: SrfFn,
        /// Arguments, coerced to the declared types.
        args: Vec<Expr>,
        /// Type of its (one) column.
        result_type: Oid,
        /// Strict: a NULL argument gives no rows.
        strict: bool,
    },
    /// An operator (`OpExpr`); operators are always strict here.
    Op {
        /// The operator symbol.
        name: String,
        /// The implementation.
        func: ScalarFn,
        /// One argument (prefix) or two, coerced to the operator's input types.
        args: Vec<Expr>,
        /// Result type.
        result_type: Oid,
    },
    /// `arg IN (c1, c2, ...)` over nine or more constants of a hashable type,
    /// or NOT IN (PostgreSQL's hashed ScalarArrayOpExpr, `arg = ANY
    /// ('{...}')` / `arg <> ALL ('{...}')`): one hash lookup per row. See
    /// `in_list`.
    HashedIn {
        /// The tested value.
        arg: Box<Expr>,
        /// NOT IN.
        not: bool,
        /// The constants.
        values: std::sync::Arc<crate::in_list::InValues>,
    },
    /// AND / OR / NOT with three-valued logic (`BoolExpr`).
    Bool {
        /// Which operator.
        op: BoolOpKind,
        /// Boolean arguments.
        args: Vec<Expr>,
    },
    /// `CASE` (`CaseExpr`). For the simple form `arg` is evaluated once and
    /// each WHEN condition refers to it through [`Expr::CaseTest`].
    Case {
        /// The simple-CASE argument.
        arg: Option<Box<Expr>>,
        /// (boolean condition, result) pairs.
        whens: Vec<(Expr, Expr)>,
        /// ELSE result (a NULL constant when absent).
        default: Box<Expr>,
        /// Result type.
        result_type: Oid,
    },
    /// The value of the enclosing simple CASE's argument (`CaseTestExpr`).
    CaseTest {
        /// Its type.
        type_oid: Oid,
    },
    /// `COALESCE(...)` (`CoalesceExpr`).
    Coalesce {
        /// Arguments, coerced to the common type.
        args: Vec<Expr>,
        /// Result type.
        result_type: Oid,
    },
    /// `left op ANY/ALL (array)` (`ScalarArrayOpExpr`): the operator
    /// applied to `args[0]` and each element of the array `args[1]`,
    /// combined with OR (`ANY`) or AND (`ALL`) under SQL's three-valued
    /// logic.
    ScalarArrayOp {
        /// The operator's name, for EXPLAIN.
        name: String,
        /// The operator's implementation (strict).
        func: ScalarFn,
        /// True for ANY.
        use_or: bool,
        /// `[left, array]`, coerced to the operator's input types.
        args: Vec<Expr>,
    },
    /// `ARRAY[a, b, ...]` (`ArrayExpr`): a one-dimensional array of the
    /// elements (coerced to its element type), or, with `multidims`, an
    /// array one dimension deeper than the sub-arrays that are its elements.
    ArrayExpr {
        /// The elements, or the sub-arrays.
        elements: Vec<Expr>,
        /// The array type.
        array_type: Oid,
        /// The elements are arrays (`ARRAY[[1,2],[3,4]]`).
        multidims: bool,
    },
    /// `container[i][j]` or a slice `container[a:b]` (a fetch
    /// `SubscriptingRef`): an element, NULL when a subscript is NULL or
    /// out of range, or a sub-array.
    Subscript {
        /// The array.
        container: Box<Expr>,
        /// The (upper) subscript of each dimension indexed, coerced to
        /// int4; `None` for a slice's omitted upper bound.
        upper: Vec<Option<Expr>>,
        /// For a slice, the lower subscripts (`None` where omitted: the
        /// array's own bound); `None` for an element fetch.
        lower: Option<Vec<Option<Expr>>>,
        /// The element type for a fetch, the container's type for a slice.
        result_type: Oid,
    },
    /// `GREATEST` / `LEAST` (`MinMaxExpr`); NULLs are ignored.
    MinMax {
        /// True for GREATEST.
        greatest: bool,
        /// Arguments, coerced to the common type.
        args: Vec<Expr>,
        /// Result type.
        result_type: Oid,
    },
    /// `NULLIF(a, b)` (`NullIfExpr`): `a`, or NULL when `a = b`.
    NullIf {
        /// The `=` operator's implementation.
        eq: ScalarFn,
        /// `[a, b]`, coerced to the operator's input types.
        args: Vec<Expr>,
        /// Result type (`a`'s type after coercion).
        result_type: Oid,
    },
    /// `a IS [NOT] DISTINCT FROM b` (`DistinctExpr`).
    Distinct {
        /// True for IS NOT DISTINCT FROM.
        not: bool,
        /// The `=` operator's implementation.
        eq: ScalarFn,
        /// `[a, b]`.
        args: Vec<Expr>,
    },
    /// `IS [NOT] NULL` (`NullTest`).
    NullTest {
        /// The tested expression.
        arg: Box<Expr>,
        /// IS NOT NULL.
        not: bool,
    },
    /// `IS [NOT] TRUE/FALSE/UNKNOWN` (`BooleanTest`).
    BooleanTest {
        /// A boolean expression.
        arg: Box<Expr>,
        /// Which test.
        test: BoolTestKind,
    },
    /// A type coercion (`FuncExpr` of a cast function, `RelabelType`,
    /// `CoerceViaIO`), with typmod enforcement (`length coercion`).
    Cast {
        /// The argument.
        arg: Box<Expr>,
        /// How to convert.
        method: CastMethod,
        /// Source type.
        source: Oid,
        /// Target type.
        target: Oid,
        /// Target typmod (-1 for none).
        typmod: i32,
        /// Explicit (`::`/CAST) or implicit coercion: varchar(n) truncates
        /// only on explicit casts.
        explicit: bool,
    },
}

/// Which subquery expression (`SubLinkType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubLinkKind {
    /// `EXISTS (SELECT ...)`.
    Exists,
    /// `x op ALL (SELECT ...)`.
    All,
    /// `x op ANY (SELECT ...)`, `x IN (SELECT ...)`.
    Any,
    /// `(SELECT ...)` as a scalar.
    Expr,
    /// `ARRAY(SELECT ...)`.
    Array,
    /// `ARRAY(SELECT ...)` over an array column: the rows' arrays stacked
    /// along a new first dimension (`accumArrayResultArr`).
    ArrayOfArrays,
}

/// Where the numbers of a [`SubLink`] testexpr's references to its subquery's output columns
/// start (`ExecParam { id: SUBLINK_COLUMN_PARAM + column }`). Far above any execution-time
/// parameter number, so that the planner tells them from the parameters that share the
/// testexpr (outer references, outputs of InitPlans in the left operand) when it gives them
/// their numbers, as PostgreSQL tells `PARAM_SUBLINK` from `PARAM_EXEC`.
pub const SUBLINK_COLUMN_PARAM: usize = 1 << 40;

/// A subquery in an expression (`SubLink`).
#[derive(Clone, Debug)]
pub struct SubLink {
    /// Which kind.
    pub kind: SubLinkKind,
    /// For ANY/ALL: the comparison of the left operand with the
    /// subquery's output columns, which appear in it as
    /// `ExecParam { id: SUBLINK_COLUMN_PARAM + column, .. }`.
    pub testexpr: Option<Expr>,
    /// The analyzed subquery (one query level deeper).
    pub subquery: Box<Query>,
    /// Result type (bool, the column's type, or its array type).
    pub result_type: Oid,
    /// Byte offset of the subquery, for errors.
    pub location: usize,
}

/// A planned subquery expression run per evaluation (`SubPlan`): the
/// executor sets `par_params` from `args`, runs plan `plan_id` of the
/// statement, and combines its rows according to `kind`.
#[derive(Clone, Debug)]
pub struct SubPlan {
    /// Which kind.
    pub kind: SubLinkKind,
    /// The plan's number in `PlannedStmt::subplans` (1-based, as EXPLAIN
    /// prints `SubPlan n`).
    pub plan_id: usize,
    /// For ANY/ALL: the comparison, over the current row and the params
    /// in `param_ids` (the subquery row's columns).
    pub testexpr: Option<Expr>,
    /// The params that receive each subquery row's columns.
    pub param_ids: Vec<usize>,
    /// The params the subquery reads from the current row (`parParam`).
    pub par_params: Vec<usize>,
    /// Their values, over the current row (`args`).
    pub args: Vec<Expr>,
    /// InitPlan outputs inside the subquery, recomputed when it runs again
    /// with new parameters (`extParam` change tracking, simplified).
    pub reset_params: Vec<usize>,
    /// The plans nested in the subquery (WITH queries, kept or hashed
    /// subquery rows), whose stored rows are computed again when it runs
    /// again: they may depend on its parameters.
    pub reset_plans: Vec<usize>,
    /// Uncorrelated ANY/ALL: the subquery's rows are read once and kept
    /// (`hashed SubPlan` when the comparison is a hashable equality).
    pub hashed: bool,
    /// Result type.
    pub result_type: Oid,
}

/// The built-in aggregates implemented (`pg_aggregate` rows,
/// folded by behaviour).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AggKind {
    /// `count(*)`.
    CountStar,
    /// `count(x)`: non-NULL inputs.
    Count,
    /// `sum(x)`: the transition `+` over the (widened) input type.
    Sum,
    /// `avg(x)`: sum and count, then the final `/`.
    Avg,
    /// `min(x)`.
    Min,
    /// `max(x)`.
    Max,
    /// `bool_and(x)` / `every(x)`.
    BoolAnd,
    /// `bool_or(x)`.
    BoolOr,
    /// `string_agg(value, delimiter)` for text or bytea.
    StringAgg,
    /// `variance`/`var_samp`/`var_pop` (`stddev: false`) and
    /// `stddev`/`stddev_samp`/`stddev_pop`: `numeric_accum` or
    /// `float8_accum`, then the final function of the sample or population.
    Variance {
        /// `_samp` (divide by N - 1) rather than `_pop` (by N).
        sample: bool,
        /// The square root of the variance.
        stddev: bool,
    },
    /// `corr`, `covar_*` and `regr_*` except `regr_count`:
    /// `float8_regr_accum`, then the final function.
    Regr(RegrKind),
    /// `regr_count(y, x)`: rows where neither is NULL.
    RegrCount,
    /// `bit_and`.
    BitAnd,
    /// `bit_or`.
    BitOr,
    /// `bit_xor`.
    BitXor,
    /// `array_agg(x)`: of a scalar (`array_agg_transfn`) or of arrays
    /// stacked along a new dimension (`array_agg_array_transfn`).
    ArrayAgg,
    /// `json_agg` / `jsonb_agg`.
    JsonAgg {
        /// `jsonb_agg`.
        jsonb: bool,
    },
    /// `json_object_agg` / `jsonb_object_agg`.
    JsonObjectAgg {
        /// `jsonb_object_agg`.
        jsonb: bool,
    },
    /// `percentile_cont(fraction) WITHIN GROUP (ORDER BY x)`: the direct
    /// argument (a fraction, or an array of them when `multi`) is the
    /// call's `args`, the sorted input its `order_by`.
    PercentileCont {
        /// One result per element of a fraction array.
        multi: bool,
    },
    /// `percentile_disc(fraction) WITHIN GROUP (ORDER BY x)`, laid out as
    /// [`AggKind::PercentileCont`].
    PercentileDisc {
        /// One result per element of a fraction array.
        multi: bool,
    },
    /// `mode() WITHIN GROUP (ORDER BY x)`.
    Mode,
    /// The hypothetical-set aggregates (`aggkind 'h'`): `rank(v...)
    /// WITHIN GROUP (ORDER BY x...)` and its kin place the hypothetical row
    /// of the direct arguments among the sorted input rows.
    Hypothetical(HypotheticalKind),
}

/// What a hypothetical-set aggregate reports of the hypothetical row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HypotheticalKind {
    /// `rank`: 1 + the rows before it.
    Rank,
    /// `dense_rank`: 1 + the distinct rows before it.
    DenseRank,
    /// `percent_rank`: the rows before it over the rows.
    PercentRank,
    /// `cume_dist`: the rows before it or its peers, itself included, over
    /// the rows and itself.
    CumeDist,
}

impl AggKind {
    /// An ordered-set or hypothetical-set aggregate (`aggkind 'o'` and
    /// `'h'`): its arguments are direct arguments, its ORDER BY the
    /// aggregated input.
    pub fn is_ordered_set(self) -> bool {
        matches!(
            self,
            AggKind::PercentileCont { .. } | AggKind::PercentileDisc { .. } | AggKind::Mode | AggKind::Hypothetical(_)
        )
    }
}

/// The final functions over `float8_regr_accum`'s state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegrKind {
    /// `corr` (`float8_corr`).
    Corr,
    /// `covar_pop`.
    CovarPop,
    /// `covar_samp`.
    CovarSamp,
    /// `regr_avgx`.
    AvgX,
    /// `regr_avgy`.
    AvgY,
    /// `regr_intercept`.
    Intercept,
    /// `regr_r2`.
    R2,
    /// `regr_slope`.
    Slope,
    /// `regr_sxx`.
    Sxx,
    /// `regr_sxy`.
    Sxy,
    /// `regr_syy`.
    Syy,
}

/// One `ORDER BY` item inside an aggregate call (`aggorder`).
#[derive(Clone, Debug)]
pub struct AggSortKey {
    /// The sort expression (for `DISTINCT`, the argument it names).
    pub expr: Expr,
    /// DESC.
    pub descending: bool,
    /// NULLS FIRST.
    pub nulls_first: bool,
}

/// An aggregate call (`Aggref`), with the functions that run it resolved.
#[derive(Clone, Debug)]
pub struct Aggref {
    /// The aggregate's name as written (for EXPLAIN).
    pub name: String,
    /// What it computes.
    pub kind: AggKind,
    /// Arguments, already coerced to the transition input type (`sum(int4)`
    /// gets an int8 argument, `avg(int8)` a numeric one).
    pub args: Vec<Expr>,
    /// `agg(DISTINCT ...)`.
    pub distinct: bool,
    /// `agg(x ORDER BY ...)`: the order the inputs are fed in.
    pub order_by: Vec<AggSortKey>,
    /// `FILTER (WHERE ...)`: rows where it is not true are not fed.
    pub filter: Option<Box<Expr>>,
    /// Result type.
    pub result_type: Oid,
    /// The transition `+` for sum and avg (`int8pl`, `numeric_add`, ...).
    pub trans: Option<ScalarFn>,
    /// avg's final `/`, and the type the count is given to it as.
    pub final_div: Option<(ScalarFn, Oid)>,
    /// Byte offset of the call, for errors.
    pub location: usize,
    /// How many query levels out the aggregate belongs (`agglevelsup`):
    /// an aggregate whose arguments are all columns of an enclosing query
    /// is computed by that query, and reads as a constant here.
    pub levelsup: usize,
}

impl Aggref {
    /// The expressions the aggregate reads per input row: its arguments,
    /// then its ORDER BY expressions, then its FILTER (the order the
    /// planner lays them out in the Agg node's input row).
    pub fn input_exprs(&self) -> impl Iterator<Item = &Expr> {
        self.args.iter().chain(self.order_by.iter().map(|k| &k.expr)).chain(self.filter.as_deref())
    }

    /// [`Aggref::input_exprs`], mutable.
    pub fn input_exprs_mut(&mut self) -> impl Iterator<Item = &mut Expr> {
        self.args.iter_mut().chain(self.order_by.iter_mut().map(|k| &mut k.expr)).chain(self.filter.as_deref_mut())
    }

    /// How many input columns the aggregate reads ([`Aggref::input_exprs`]).
    pub fn input_width(&self) -> usize {
        self.args.len() + self.order_by.len() + usize::from(self.filter.is_some())
    }
}

/// Boolean operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoolOpKind {
    /// AND.
    And,
    /// OR.
    Or,
    /// NOT.
    Not,
}

impl Expr {
    /// The expression's result type (`exprType`).
    pub fn type_oid(&self) -> Oid {
        match self {
            Expr::Const { type_oid, .. }
            | Expr::Var { type_oid, .. }
            | Expr::CaseTest { type_oid }
            | Expr::OuterVar { type_oid, .. }
            | Expr::ExecParam { type_oid, .. }
            | Expr::Param { type_oid, .. } => *type_oid,
            Expr::SubLink(s) => s.result_type,
            Expr::SubPlan(s) => s.result_type,
            Expr::Aggref(a) => a.result_type,
            Expr::Func { result_type, .. }
            | Expr::SrfCall { result_type, .. }
            | Expr::Op { result_type, .. }
            | Expr::Case { result_type, .. }
            | Expr::Coalesce { result_type, .. }
            | Expr::MinMax { result_type, .. }
            | Expr::NullIf { result_type, .. }
            | Expr::Subscript { result_type, .. } => *result_type,
            Expr::ArrayExpr { array_type, .. } => *array_type,
            Expr::Bool { .. }
            | Expr::ScalarArrayOp { .. }
            | Expr::HashedIn { .. }
            | Expr::Distinct { .. }
            | Expr::NullTest { .. }
            | Expr::BooleanTest { .. } => pg_types::types::oid::BOOL,
            Expr::Cast { target, .. } => *target,
        }
    }

    /// The expression's typmod (`exprTypmod`): known for constants, columns
    /// and casts, -1 otherwise.
    pub fn typmod(&self) -> i32 {
        match self {
            Expr::Const { typmod, .. }
            | Expr::Var { typmod, .. }
            | Expr::OuterVar { typmod, .. }
            | Expr::ExecParam { typmod, .. }
            | Expr::Cast { typmod, .. } => *typmod,
            Expr::SubLink(s) if s.kind == SubLinkKind::Expr => {
                s.subquery.output_columns().next().map(|t| t.expr.typmod()).unwrap_or(-1)
            }
            _ => -1,
        }
    }

    /// A NULL constant of the given type.
    pub fn null(type_oid: Oid) -> Expr {
        Expr::Const { value: Datum::Null, type_oid, typmod: -1 }
    }
}

/// The result of `IS [NOT] TRUE/FALSE/UNKNOWN` (`BooleanTest`) for a
/// boolean value (NULL is unknown): shared by the executor and the
/// planner's constant folding.
pub fn boolean_test(test: BoolTestKind, value: &Datum) -> bool {
    let b = value.as_bool();
    match test {
        BoolTestKind::IsTrue => b == Some(true),
        BoolTestKind::IsNotTrue => b != Some(true),
        BoolTestKind::IsFalse => b == Some(false),
        BoolTestKind::IsNotFalse => b != Some(false),
        BoolTestKind::IsUnknown => b.is_none(),
        BoolTestKind::IsNotUnknown => b.is_some(),
    }
}

/// An output column or a hidden sort column (`TargetEntry`).
#[derive(Clone, Debug)]
pub struct TargetEntry {
    /// The value.
    pub expr: Expr,
    /// Column name (`resname`), as FigureColname or an alias gives it.
    pub name: String,
    /// True for entries added only for ORDER BY (`resjunk`): never sent.
    pub resjunk: bool,
}

/// Where a FROM item's rows come from.
#[derive(Clone, Debug)]
pub enum RteSource {
    /// A set-returning function written in FROM, resolved now.
    Function {
        /// Its name.
        name: String,
        /// The implementation.
        func: SrfFn,
        /// Arguments (evaluated once, at scan start).
        args: Vec<Expr>,
        /// `prorows`, the function's row estimate, from the catalog.
        rows: f64,
        /// Strict: a NULL argument gives no rows (`generate_series(1, NULL)`).
        strict: bool,
    },
    /// `ROWS FROM (f(...), g(...))`, `unnest(a, b)` in FROM, or any
    /// function `WITH ORDINALITY`: each item (a `Function` or
    /// `ScalarFunction`, with its column count) is read side by side, the
    /// shorter ones padded with NULLs, then the 1-based row number as an
    /// int8 when `ordinality`.
    RowsFrom {
        /// The functions and how many columns each gives.
        items: Vec<(RteSource, usize)>,
        /// WITH ORDINALITY.
        ordinality: bool,
    },
    /// A scalar function in FROM: one row of one column.
    ScalarFunction {
        /// Its name.
        name: String,
        /// The implementation.
        func: ScalarFn,
        /// Arguments.
        args: Vec<Expr>,
        /// Strict.
        strict: bool,
    },
    /// A subquery in FROM (`RTE_SUBQUERY`): its visible output columns are
    /// the FROM item's columns.
    Subquery(Box<Query>),
    /// A table's stored rows (`RTE_RELATION` of relkind `'r'`): a
    /// sequential scan reads them.
    Relation(std::sync::Arc<RelationRef>),
    /// A view over stored rows (`RTE_RELATION` of relkind `'v'`), as the
    /// analyzer leaves it: `pg_rewrite::rewrite` replaces it with
    /// [`RteSource::Subquery`], its definition analyzed, before planning.
    ViewRule {
        /// The view's OID.
        relid: Oid,
        /// Its `_RETURN` rule's query, as SQL text (`pg_rewrite.ev_action`).
        definition: std::sync::Arc<str>,
    },
    /// A reference to a WITH query (`RTE_CTE`): `levelsup` query levels
    /// out, the `index`th CTE of that level's [`Query::ctes`]. The planner
    /// either replaces it with the CTE's query (inlining) or sets
    /// `plan_id` to the CTE's plan, whose rows the scan reads.
    Cte {
        /// The CTE's name.
        name: String,
        /// Query levels out to the WITH clause (`ctelevelsup`).
        levelsup: usize,
        /// Position in that level's `ctes`.
        index: usize,
        /// The CTE's plan number (0 until planned).
        plan_id: usize,
    },
    /// The recursive term's reference to its own WITH RECURSIVE query
    /// (`RTE_CTE` with `self_reference`): the rows of the previous
    /// iteration (the working table).
    WorkTable {
        /// The CTE's name.
        name: String,
        /// Query levels out to the WITH clause (always 1).
        levelsup: usize,
        /// Position in that level's `ctes`.
        index: usize,
        /// The working table's number (set by the planner).
        wt_id: usize,
    },
    /// A `VALUES` list (`RTE_VALUES`): rows of expressions, each already
    /// coerced to its column's common type.
    Values(Vec<Vec<Expr>>),
    /// The inputs of a set operation (`Query.setOperations`): the query's
    /// columns are the tree's result columns, named from the leftmost arm.
    SetOp(Box<SetOpTree>),
    /// A join of two FROM items (`RTE_JOIN`): the entry's columns are the
    /// left item's followed by the right item's.
    Join(Box<JoinTree>),
}

/// How a join keeps unmatched rows (`JoinType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JoinType {
    /// Only matching pairs (also comma and CROSS JOIN).
    Inner,
    /// Unmatched left rows too, with NULLs for the right columns.
    Left,
    /// Unmatched right rows too.
    Right,
    /// Both.
    Full,
    /// Each left row once, when some right row matches (made by the
    /// planner from `WHERE EXISTS (...)`, never by the analyzer).
    Semi,
    /// Each left row that no right row matches (from `WHERE NOT EXISTS`).
    Anti,
}

/// A join (`JoinExpr`).
#[derive(Clone, Debug)]
pub struct JoinTree {
    /// The join type.
    pub kind: JoinType,
    /// Left input.
    pub left: RangeTblEntry,
    /// Right input.
    pub right: RangeTblEntry,
    /// ON / USING condition, over the query's scan row (whose columns are
    /// every FROM item's, in order); `None` for a cross join.
    pub quals: Option<Expr>,
}

impl RangeTblEntry {
    /// The FROM item that column `attno` of this entry comes from (through
    /// joins), and the column itself.
    pub fn column_origin(&self, attno: usize) -> Option<(&RangeTblEntry, &ColumnDef)> {
        match &self.source {
            RteSource::Join(j) => {
                let n = j.left.columns.len();
                if attno < n {
                    j.left.column_origin(attno)
                } else {
                    j.right.column_origin(attno - n)
                }
            }
            _ => self.columns.get(attno).map(|c| (self, c)),
        }
    }
}

/// A set operation (`SetOperation`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetOpKind {
    /// UNION.
    Union,
    /// INTERSECT.
    Intersect,
    /// EXCEPT.
    Except,
}

impl SetOpKind {
    /// The keyword, as error messages and EXPLAIN print it.
    pub fn word(self) -> &'static str {
        match self {
            SetOpKind::Union => "UNION",
            SetOpKind::Intersect => "INTERSECT",
            SetOpKind::Except => "EXCEPT",
        }
    }
}

/// The tree of a set operation (`SetOperationStmt` over `RangeTblRef`s).
#[derive(Clone, Debug)]
pub enum SetOpTree {
    /// One SELECT (or VALUES) arm; its visible output columns have been
    /// coerced to the set operation's column types.
    Leaf(Box<Query>),
    /// `left op [ALL] right`.
    Op {
        /// Which operation.
        op: SetOpKind,
        /// ALL (keep duplicates).
        all: bool,
        /// Left input.
        left: Box<SetOpTree>,
        /// Right input.
        right: Box<SetOpTree>,
    },
}

/// A FROM item (`RangeTblEntry`).
#[derive(Clone, Debug)]
pub struct RangeTblEntry {
    /// The name columns are qualified with: the alias, or the relation's or
    /// function's name.
    pub alias: String,
    /// The relation's schema-qualified name parts for `s.t.col` references.
    pub relname: Option<(String, String)>,
    /// Columns (after column aliases).
    pub columns: Vec<ColumnDef>,
    /// The row source.
    pub source: RteSource,
}

/// One ORDER BY key (`SortGroupClause`): which target entry, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SortClause {
    /// Index into [`Query::target_list`].
    pub tle: usize,
    /// DESC.
    pub descending: bool,
    /// NULLS FIRST.
    pub nulls_first: bool,
}

/// An analyzed SELECT (`Query` with `commandType = CMD_SELECT`).
#[derive(Clone, Debug)]
pub struct Query {
    /// SELECT, INSERT, UPDATE or DELETE (`commandType`).
    pub command: CmdType,
    /// For INSERT, UPDATE and DELETE: the table written and the RETURNING
    /// list (`resultRelation`, `returningList`). The target list is then
    /// the new row's value of every live column of the table, in column
    /// order (INSERT, UPDATE), followed for UPDATE and DELETE by the junk
    /// `ctid` of the row to change.
    pub modify: Option<Box<ModifyInfo>>,
    /// SELECT ... FOR UPDATE/SHARE (`rowMarks`): the rows of these tables
    /// are locked as they are returned; each names the resjunk `ctid`
    /// entry of the target list that identifies the row.
    pub row_marks: Vec<RowMark>,
    /// The FROM item, if any (a join of several items is one `Join` entry).
    pub rtable: Option<RangeTblEntry>,
    /// Output columns, then resjunk sort columns.
    pub target_list: Vec<TargetEntry>,
    /// WHERE.
    pub where_clause: Option<Expr>,
    /// SELECT DISTINCT (over the visible columns).
    pub distinct: bool,
    /// ORDER BY.
    pub sort_clause: Vec<SortClause>,
    /// OFFSET (int8).
    pub limit_offset: Option<Expr>,
    /// LIMIT (int8).
    pub limit_count: Option<Expr>,
    /// True when the query aggregates (aggregate calls, GROUP BY or
    /// HAVING): the target list, HAVING and resjunk columns are then
    /// expressions over the aggregate output row (`group_clause` values,
    /// then the results of `aggs`).
    pub has_aggs: bool,
    /// GROUP BY expressions over the scan row.
    pub group_clause: Vec<Expr>,
    /// The aggregate calls, in the order their results appear in the
    /// aggregate output row.
    pub aggs: Vec<Aggref>,
    /// HAVING, over the aggregate output row.
    pub having: Option<Expr>,
    /// True when an expression of this query, or of a query nested in it,
    /// refers to a column of an enclosing query ([`Expr::OuterVar`]): the
    /// planner looks for such references only in these.
    pub has_outer_refs: bool,
    /// The WITH queries of this level (`cteList`), in order.
    pub ctes: Vec<Cte>,
}

/// The kind of statement a [`Query`] is (`CmdType`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CmdType {
    /// SELECT (and VALUES, set operations).
    #[default]
    Select,
    /// INSERT.
    Insert,
    /// UPDATE.
    Update,
    /// DELETE.
    Delete,
}

/// A table read by the query (`RTE_RELATION`): what the scan needs. The
/// range-table entry's columns are the table's live columns in `attnum`
/// order, and for a table whose rows the statement changes or locks, a
/// last junk column `ctid` of type `tid` (the row's address, as
/// [`pg_types::datum::Datum::Int8`] `block << 16 | offset`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelationRef {
    /// `pg_class.oid`.
    pub relid: Oid,
    /// The lock taken on it at analysis (`rellockmode`: PostgreSQL's lock
    /// mode numbers, 1 AccessShareLock, 2 RowShareLock, 3 RowExclusiveLock).
    pub lock_mode: u8,
    /// The `attnum` of each table column of the entry.
    pub attnums: Vec<i16>,
    /// Whether the entry ends with the junk `ctid` column.
    pub ctid: bool,
}

/// What an INSERT, UPDATE or DELETE writes (`ResultRelInfo`'s static part).
#[derive(Clone, Debug)]
pub struct ModifyInfo {
    /// The table.
    pub target: std::sync::Arc<ModifyTarget>,
    /// RETURNING, over the new row (INSERT, UPDATE) or the old one
    /// (DELETE): the table's live columns in order.
    pub returning: Vec<TargetEntry>,
}

/// The table an INSERT, UPDATE or DELETE writes.
#[derive(Clone, Debug)]
pub struct ModifyTarget {
    /// `pg_class.oid`.
    pub relid: Oid,
    /// Its name, for errors.
    pub name: String,
    /// Its attributes, dropped ones included (`natts`).
    pub natts: usize,
    /// Its live columns, in `attnum` order.
    pub columns: Vec<TargetColumn>,
    /// Its CHECK constraints: name, and the condition over the new row.
    pub checks: Vec<(String, Expr)>,
}

/// One live column of a [`ModifyTarget`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetColumn {
    /// `attnum`.
    pub attnum: i16,
    /// `attname`.
    pub name: String,
    /// `atttypid`.
    pub type_oid: Oid,
    /// `atttypmod`.
    pub typmod: i32,
    /// `attnotnull`.
    pub not_null: bool,
}

/// A row lock of SELECT ... FOR UPDATE/SHARE (`PlanRowMark`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowMark {
    /// The table.
    pub relid: Oid,
    /// Index of the resjunk target entry holding the row's `ctid`.
    pub ctid_entry: usize,
    /// The lock strength: 0 FOR KEY SHARE, 1 FOR SHARE, 2 FOR NO KEY
    /// UPDATE, 3 FOR UPDATE (`LockClauseStrength` order).
    pub strength: u8,
    /// 0 wait, 1 SKIP LOCKED, 2 NOWAIT (`LockWaitPolicy`).
    pub wait_policy: u8,
}

/// Whether `c` is the junk `ctid` column of a relation entry (user columns
/// may not be called `ctid`: it is a system column's name).
pub fn is_junk_ctid(c: &ColumnDef) -> bool {
    c.type_oid == pg_types::types::oid::TID && c.name == "ctid"
}

/// One WITH query (`CommonTableExpr`), analyzed one level below its query.
#[derive(Clone, Debug)]
pub struct Cte {
    /// Its name.
    pub name: String,
    /// Its columns (after the column aliases).
    pub columns: Vec<ColumnDef>,
    /// The query: a plain one, or the two terms of a recursive one.
    pub body: CteBody,
    /// `Some(true)` for MATERIALIZED, `Some(false)` for NOT MATERIALIZED.
    pub materialized: Option<bool>,
    /// How many FROM items refer to it (`cterefcount`).
    pub refcount: usize,
}

/// The query of a WITH query.
#[derive(Clone, Debug)]
pub enum CteBody {
    /// A query that does not refer to itself.
    Plain(Box<Query>),
    /// `non_recursive UNION [ALL] recursive`, where `recursive` reads the
    /// previous iteration's rows through a `RteSource::WorkTable`.
    Recursive {
        /// The non-recursive term.
        non_recursive: Box<Query>,
        /// The recursive term.
        recursive: Box<Query>,
        /// UNION ALL (keep duplicates).
        all: bool,
    },
}

impl Query {
    /// A SELECT with no FROM item, no target list and no clauses: the base
    /// that a query built field by field starts from.
    pub fn empty_select() -> Query {
        Query {
            command: CmdType::Select,
            modify: None,
            row_marks: Vec::new(),
            rtable: None,
            target_list: Vec::new(),
            where_clause: None,
            distinct: false,
            sort_clause: Vec::new(),
            limit_offset: None,
            limit_count: None,
            has_aggs: false,
            group_clause: Vec::new(),
            aggs: Vec::new(),
            having: None,
            has_outer_refs: false,
            ctes: Vec::new(),
        }
    }

    /// Applies `f` to every expression of this query level: target list,
    /// WHERE, GROUP BY, aggregate arguments, HAVING, LIMIT/OFFSET and the
    /// expressions of its FROM items (function arguments, VALUES rows,
    /// join conditions). Subqueries in FROM and in set operations are
    /// other query levels: see [`Query::child_queries_mut`].
    pub fn map_exprs(&mut self, f: &mut dyn FnMut(Expr) -> PgResult<Expr>) -> PgResult<()> {
        fn one(e: &mut Expr, f: &mut dyn FnMut(Expr) -> PgResult<Expr>) -> PgResult<()> {
            let taken = std::mem::replace(e, Expr::null(pg_types::types::oid::BOOL));
            *e = f(taken)?;
            Ok(())
        }
        fn rte(r: &mut RangeTblEntry, f: &mut dyn FnMut(Expr) -> PgResult<Expr>) -> PgResult<()> {
            match &mut r.source {
                RteSource::Function { args, .. } | RteSource::ScalarFunction { args, .. } => {
                    args.iter_mut().try_for_each(|a| one(a, f))
                }
                RteSource::RowsFrom { items, .. } => items.iter_mut().try_for_each(|(s, _)| match s {
                    RteSource::Function { args, .. } | RteSource::ScalarFunction { args, .. } => {
                        args.iter_mut().try_for_each(|a| one(a, f))
                    }
                    _ => Ok(()),
                }),
                RteSource::Values(rows) => rows.iter_mut().flatten().try_for_each(|a| one(a, f)),
                RteSource::Join(j) => {
                    rte(&mut j.left, f)?;
                    rte(&mut j.right, f)?;
                    j.quals.iter_mut().try_for_each(|q| one(q, f))
                }
                RteSource::Subquery(_)
                | RteSource::ViewRule { .. }
                | RteSource::Relation(_)
                | RteSource::SetOp(_)
                | RteSource::Cte { .. }
                | RteSource::WorkTable { .. } => Ok(()),
            }
        }
        for t in &mut self.target_list {
            one(&mut t.expr, f)?;
        }
        if let Some(m) = &mut self.modify {
            for t in &mut m.returning {
                one(&mut t.expr, f)?;
            }
        }
        for e in self
            .where_clause
            .iter_mut()
            .chain(self.having.iter_mut())
            .chain(self.limit_offset.iter_mut())
            .chain(self.limit_count.iter_mut())
            .chain(self.group_clause.iter_mut())
            .chain(self.aggs.iter_mut().flat_map(|a| a.input_exprs_mut()))
        {
            one(e, f)?;
        }
        if let Some(r) = &mut self.rtable {
            rte(r, f)?;
        }
        Ok(())
    }

    /// The queries one level below this one that are not in expressions:
    /// WITH queries, subqueries in FROM (also inside joins) and
    /// set-operation arms.
    pub fn child_queries_mut(&mut self) -> Vec<&mut Query> {
        fn rte<'q>(r: &'q mut RangeTblEntry, out: &mut Vec<&'q mut Query>) {
            match &mut r.source {
                RteSource::Subquery(q) => out.push(q),
                RteSource::SetOp(t) => tree(t, out),
                RteSource::Join(j) => {
                    rte(&mut j.left, out);
                    rte(&mut j.right, out);
                }
                _ => {}
            }
        }
        fn tree<'q>(t: &'q mut SetOpTree, out: &mut Vec<&'q mut Query>) {
            match t {
                SetOpTree::Leaf(q) => out.push(q),
                SetOpTree::Op { left, right, .. } => {
                    tree(left, out);
                    tree(right, out);
                }
            }
        }
        let mut out = Vec::new();
        for c in &mut self.ctes {
            match &mut c.body {
                CteBody::Plain(q) => out.push(&mut **q),
                CteBody::Recursive { non_recursive, recursive, .. } => {
                    out.push(&mut **non_recursive);
                    out.push(&mut **recursive);
                }
            }
        }
        if let Some(r) = &mut self.rtable {
            rte(r, &mut out);
        }
        out
    }

    /// Applies `f` to every expression node of this query and of every
    /// query nested in it, at any depth, bottom-up; `f` gets the node and
    /// its query's depth below `self` (0 for `self`'s own expressions).
    /// Only queries with [`Query::has_outer_refs`] are entered below the
    /// first level, so the walk costs nothing for uncorrelated subqueries.
    pub fn map_all_levels(&mut self, depth: usize, f: &mut dyn FnMut(Expr, usize) -> PgResult<Expr>) -> PgResult<()> {
        fn deep(e: Expr, depth: usize, f: &mut dyn FnMut(Expr, usize) -> PgResult<Expr>) -> PgResult<Expr> {
            pg_error::check_stack_depth()?;
            let e = match e {
                Expr::SubLink(mut s) => {
                    if s.subquery.has_outer_refs {
                        s.subquery.map_all_levels(depth + 1, f)?;
                    }
                    Expr::SubLink(s)
                }
                other => other,
            };
            let e = e.map_children(&mut |c| deep(c, depth, f))?;
            f(e, depth)
        }
        self.map_exprs(&mut |e| deep(e, depth, f))?;
        for q in self.child_queries_mut() {
            if q.has_outer_refs {
                q.map_all_levels(depth + 1, f)?;
            }
        }
        Ok(())
    }

    /// The visible output columns.
    pub fn output_columns(&self) -> impl Iterator<Item = &TargetEntry> {
        self.target_list.iter().filter(|t| !t.resjunk)
    }
}

impl Expr {
    /// The direct sub-expressions, in evaluation order (`expression_tree_walker`).
    pub fn children(&self) -> Vec<&Expr> {
        match self {
            Expr::Const { .. }
            | Expr::Var { .. }
            | Expr::OuterVar { .. }
            | Expr::ExecParam { .. }
            | Expr::Param { .. }
            | Expr::CaseTest { .. } => Vec::new(),
            // The subquery is another query level: walkers that need it
            // descend through `SubLink::subquery` themselves.
            Expr::SubLink(s) => s.testexpr.iter().collect(),
            Expr::SubPlan(s) => s.testexpr.iter().chain(s.args.iter()).collect(),
            Expr::Func { args, .. }
            | Expr::SrfCall { args, .. }
            | Expr::Op { args, .. }
            | Expr::Bool { args, .. }
            | Expr::Coalesce { args, .. }
            | Expr::MinMax { args, .. }
            | Expr::ScalarArrayOp { args, .. }
            | Expr::NullIf { args, .. }
            | Expr::Distinct { args, .. } => args.iter().collect(),
            Expr::ArrayExpr { elements, .. } => elements.iter().collect(),
            Expr::Subscript { container, upper, lower, .. } => std::iter::once(&**container)
                .chain(upper.iter().flatten())
                .chain(lower.iter().flatten().flatten())
                .collect(),
            Expr::Aggref(a) => a.input_exprs().collect(),
            Expr::Case { arg, whens, default, .. } => {
                let mut v: Vec<&Expr> = arg.iter().map(|a| &**a).collect();
                for (c, r) in whens {
                    v.push(c);
                    v.push(r);
                }
                v.push(default);
                v
            }
            Expr::NullTest { arg, .. }
            | Expr::BooleanTest { arg, .. }
            | Expr::Cast { arg, .. }
            | Expr::HashedIn { arg, .. } => vec![arg],
        }
    }

    /// Rebuilds the node with `f` applied to each direct sub-expression
    /// (`expression_tree_mutator`).
    pub fn map_children(self, f: &mut dyn FnMut(Expr) -> PgResult<Expr>) -> PgResult<Expr> {
        // The planner's walks over expressions come through here: a cancel
        // or a statement timeout stops them (one atomic load when nothing
        // is pending).
        pg_error::check_for_interrupts()?;
        let all = |v: Vec<Expr>, f: &mut dyn FnMut(Expr) -> PgResult<Expr>| -> PgResult<Vec<Expr>> {
            v.into_iter().map(f).collect()
        };
        Ok(match self {
            e @ (Expr::Const { .. }
            | Expr::Var { .. }
            | Expr::OuterVar { .. }
            | Expr::ExecParam { .. }
            | Expr::Param { .. }
            | Expr::CaseTest { .. }) => e,
            Expr::SubLink(mut s) => {
                s.testexpr = s.testexpr.map(&mut *f).transpose()?;
                Expr::SubLink(s)
            }
            Expr::SubPlan(mut s) => {
                s.testexpr = s.testexpr.map(&mut *f).transpose()?;
                s.args = all(std::mem::take(&mut s.args), f)?;
                Expr::SubPlan(s)
            }
            Expr::Func { name, func, args, result_type, strict, volatility } => {
                Expr::Func { name, func, args: all(args, f)?, result_type, strict, volatility }
            }
            Expr::Op { name, func, args, result_type } => Expr::Op { name, func, args: all(args, f)?, result_type },
            Expr::SrfCall { name, func, args, result_type, strict } => {
                Expr::SrfCall { name, func, args: all(args, f)?, result_type, strict }
            }
            Expr::Bool { op, args } => Expr::Bool { op, args: all(args, f)? },
            Expr::Coalesce { args, result_type } => Expr::Coalesce { args: all(args, f)?, result_type },
            Expr::MinMax { greatest, args, result_type } => Expr::MinMax { greatest, args: all(args, f)?, result_type },
            Expr::ScalarArrayOp { name, func, use_or, args } => {
                Expr::ScalarArrayOp { name, func, use_or, args: all(args, f)? }
            }
            Expr::NullIf { eq, args, result_type } => Expr::NullIf { eq, args: all(args, f)?, result_type },
            Expr::ArrayExpr { elements, array_type, multidims } => {
                Expr::ArrayExpr { elements: all(elements, f)?, array_type, multidims }
            }
            Expr::Subscript { container, upper, lower, result_type } => {
                let container = Box::new(f(*container)?);
                let mut opts = |v: Vec<Option<Expr>>| -> PgResult<Vec<Option<Expr>>> {
                    v.into_iter().map(|e| e.map(&mut *f).transpose()).collect()
                };
                let upper = opts(upper)?;
                let lower = lower.map(&mut opts).transpose()?;
                Expr::Subscript { container, upper, lower, result_type }
            }
            Expr::HashedIn { arg, not, values } => Expr::HashedIn { arg: Box::new(f(*arg)?), not, values },
            Expr::Distinct { not, eq, args } => Expr::Distinct { not, eq, args: all(args, f)? },
            Expr::Aggref(mut a) => {
                a.args = all(std::mem::take(&mut a.args), f)?;
                for k in &mut a.order_by {
                    k.expr = f(std::mem::replace(&mut k.expr, Expr::null(pg_types::types::oid::UNKNOWN)))?;
                }
                a.filter = match a.filter.take() {
                    Some(x) => Some(Box::new(f(*x)?)),
                    None => None,
                };
                Expr::Aggref(a)
            }
            Expr::Case { arg, whens, default, result_type } => {
                let arg = match arg {
                    Some(a) => Some(Box::new(f(*a)?)),
                    None => None,
                };
                let whens = whens.into_iter().map(|(c, r)| Ok((f(c)?, f(r)?))).collect::<PgResult<_>>()?;
                Expr::Case { arg, whens, default: Box::new(f(*default)?), result_type }
            }
            Expr::NullTest { arg, not } => Expr::NullTest { arg: Box::new(f(*arg)?), not },
            Expr::BooleanTest { arg, test } => Expr::BooleanTest { arg: Box::new(f(*arg)?), test },
            Expr::Cast { arg, method, source, target, typmod, explicit } => {
                Expr::Cast { arg: Box::new(f(*arg)?), method, source, target, typmod, explicit }
            }
        })
    }

    /// This expression as seen from a query `levelsup` levels below the one
    /// it was resolved in: its columns become [`Expr::OuterVar`]s.
    pub fn map_children_deep_outer(self, levelsup: usize) -> PgResult<Expr> {
        match self {
            Expr::Var { attno, type_oid, typmod, location } => {
                Ok(Expr::OuterVar { levelsup, attno, type_oid, typmod, location })
            }
            Expr::OuterVar { levelsup: l, attno, type_oid, typmod, location } => {
                Ok(Expr::OuterVar { levelsup: l + levelsup, attno, type_oid, typmod, location })
            }
            other => other.map_children(&mut |c| c.map_children_deep_outer(levelsup)),
        }
    }

    /// True when a set-returning function is called in this expression.
    pub fn contains_srf(&self) -> bool {
        let mut found = false;
        self.walk(&mut |x| found |= matches!(x, Expr::SrfCall { .. }));
        found
    }

    /// Calls `f` on this node and every node below it, parents first.
    pub fn walk(&self, f: &mut dyn FnMut(&Expr)) {
        f(self);
        for c in self.children() {
            c.walk(f);
        }
    }

    /// Structural equality ignoring locations (`equal()`): what matches a
    /// GROUP BY or ORDER BY expression against the target list.
    pub fn equal(&self, other: &Expr) -> bool {
        let same_node = match (self, other) {
            (Expr::Const { value: v1, type_oid: t1, .. }, Expr::Const { value: v2, type_oid: t2, .. }) => {
                t1 == t2 && v1.same_as(v2)
            }
            (Expr::Var { attno: a, .. }, Expr::Var { attno: b, .. }) => a == b,
            (Expr::Param { index: a, .. }, Expr::Param { index: b, .. }) => a == b,
            (Expr::OuterVar { levelsup: l1, attno: a1, .. }, Expr::OuterVar { levelsup: l2, attno: a2, .. }) => {
                l1 == l2 && a1 == a2
            }
            (Expr::ExecParam { id: a, .. }, Expr::ExecParam { id: b, .. }) => a == b,
            (Expr::CaseTest { .. }, Expr::CaseTest { .. }) => true,
            (Expr::Func { name: n1, result_type: r1, .. }, Expr::Func { name: n2, result_type: r2, .. })
            | (Expr::Op { name: n1, result_type: r1, .. }, Expr::Op { name: n2, result_type: r2, .. }) => {
                n1 == n2 && r1 == r2
            }
            (Expr::Bool { op: a, .. }, Expr::Bool { op: b, .. }) => a == b,
            (Expr::HashedIn { not: n1, values: v1, .. }, Expr::HashedIn { not: n2, values: v2, .. }) => {
                n1 == n2 && v1.type_oid == v2.type_oid && v1.items == v2.items
            }
            (Expr::Coalesce { .. }, Expr::Coalesce { .. }) | (Expr::NullIf { .. }, Expr::NullIf { .. }) => true,
            (Expr::MinMax { greatest: a, .. }, Expr::MinMax { greatest: b, .. }) => a == b,
            (Expr::ArrayExpr { multidims: a, .. }, Expr::ArrayExpr { multidims: b, .. }) => a == b,
            (Expr::Subscript { upper: u1, lower: l1, .. }, Expr::Subscript { upper: u2, lower: l2, .. }) => {
                // The same subscripts omitted in the same places.
                let shape = |v: &Vec<Option<Expr>>| v.iter().map(Option::is_some).collect::<Vec<_>>();
                shape(u1) == shape(u2) && l1.as_ref().map(shape) == l2.as_ref().map(shape)
            }
            (Expr::ScalarArrayOp { name: n1, use_or: o1, .. }, Expr::ScalarArrayOp { name: n2, use_or: o2, .. }) => {
                n1 == n2 && o1 == o2
            }
            (Expr::Distinct { not: a, .. }, Expr::Distinct { not: b, .. })
            | (Expr::NullTest { not: a, .. }, Expr::NullTest { not: b, .. }) => a == b,
            (Expr::BooleanTest { test: a, .. }, Expr::BooleanTest { test: b, .. }) => a == b,
            (Expr::Aggref(a), Expr::Aggref(b)) => {
                a.kind == b.kind
                    && a.distinct == b.distinct
                    && a.result_type == b.result_type
                    && a.args.len() == b.args.len()
                    && a.filter.is_some() == b.filter.is_some()
                    && a.order_by.len() == b.order_by.len()
                    && a.order_by
                        .iter()
                        .zip(&b.order_by)
                        .all(|(x, y)| x.descending == y.descending && x.nulls_first == y.nulls_first)
            }
            (Expr::Case { arg: a1, whens: w1, .. }, Expr::Case { arg: a2, whens: w2, .. }) => {
                a1.is_some() == a2.is_some() && w1.len() == w2.len()
            }
            (
                Expr::Cast { target: t1, typmod: m1, explicit: e1, .. },
                Expr::Cast { target: t2, typmod: m2, explicit: e2, .. },
            ) => t1 == t2 && m1 == m2 && e1 == e2,
            _ => false,
        };
        if !same_node || self.type_oid() != other.type_oid() {
            return false;
        }
        let (a, b) = (self.children(), other.children());
        a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| x.equal(y))
    }
}
