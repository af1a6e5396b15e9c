//! Syntax trees of SELECT: the statement and its clauses (WITH, FROM items and joins, sorting, locking, windows).
//!
//! PostgreSQL source area: `SelectStmt`, `RangeVar`, `JoinExpr`, `RangeFunction`, `RangeTableSample`, `RangeTableFunc`, `CommonTableExpr`, `WindowDef`, `SortBy`, `LockingClause` (`parsenodes.h`).

use super::*;

/// `SelectStmt`: a query expression with its ORDER BY / LIMIT / locking decorations.
///
/// PostgreSQL uses one node for both a leaf SELECT and a set operation; here the leaf-or-setop
/// choice is [`SelectBody`], and the decorations that apply to the whole are fields.
#[derive(Clone, Debug, PartialEq)]
pub struct SelectStmt {
    /// WITH clause (CTEs), if any.
    pub with: Option<WithClause>,
    /// The query expression.
    pub body: SelectBody,
    /// ORDER BY items.
    pub order_by: Vec<SortBy>,
    /// LIMIT / FETCH FIRST count. `LIMIT ALL` is a NULL constant, as in PostgreSQL.
    pub limit_count: Option<Expr>,
    /// OFFSET.
    pub limit_offset: Option<Expr>,
    /// True for `FETCH FIRST n ROWS WITH TIES`.
    pub limit_with_ties: bool,
    /// FOR UPDATE / FOR SHARE clauses.
    pub locking: Vec<LockingClause>,
}

impl SelectStmt {
    /// A statement with no decorations around `body`.
    pub fn from_body(body: SelectBody) -> SelectStmt {
        SelectStmt {
            with: None,
            body,
            order_by: Vec::new(),
            limit_count: None,
            limit_offset: None,
            limit_with_ties: false,
            locking: Vec::new(),
        }
    }

    /// True when the statement is a bare body (no WITH/ORDER BY/LIMIT/OFFSET/locking).
    pub fn is_bare(&self) -> bool {
        self.with.is_none()
            && self.order_by.is_empty()
            && self.limit_count.is_none()
            && self.limit_offset.is_none()
            && self.locking.is_empty()
    }
}

/// The query expression of a [`SelectStmt`].
#[derive(Clone, Debug, PartialEq)]
pub enum SelectBody {
    /// `SELECT ... FROM ... WHERE ...` (also `TABLE name`, which becomes `SELECT * FROM name`).
    Simple(Box<SimpleSelect>),
    /// `VALUES (...), (...)`: every row is a list of expressions (`DEFAULT` is not supported).
    Values(Vec<Vec<Expr>>),
    /// `left UNION|INTERSECT|EXCEPT [ALL] right`.
    SetOp {
        /// Which set operation.
        op: SetOperation,
        /// True for `ALL`, false for the default `DISTINCT`.
        all: bool,
        /// Left input.
        left: Box<SelectStmt>,
        /// Right input.
        right: Box<SelectStmt>,
    },
}

/// The set operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetOperation {
    /// UNION.
    Union,
    /// INTERSECT (binds tighter than UNION and EXCEPT).
    Intersect,
    /// EXCEPT.
    Except,
}

/// A leaf SELECT.
#[derive(Clone, Debug, PartialEq)]
pub struct SimpleSelect {
    /// DISTINCT / DISTINCT ON.
    pub distinct: Distinct,
    /// The target list; `*` and `t.*` are `ColumnRef`s with a `Star` field.
    pub targets: Vec<ResTarget>,
    /// `INTO [TEMP] table` (SELECT INTO): the caller treats it as CREATE TABLE AS.
    pub into: Option<RangeVar>,
    /// FROM items (comma-separated list; joins are nested inside items).
    pub from: Vec<FromItem>,
    /// WHERE.
    pub where_clause: Option<Expr>,
    /// GROUP BY items: expressions and grouping sets ([`ExprKind::GroupingSet`]).
    pub group_by: Vec<Expr>,
    /// True for `GROUP BY DISTINCT`.
    pub group_distinct: bool,
    /// HAVING.
    pub having: Option<Expr>,
    /// `WINDOW name AS (...)` definitions.
    pub windows: Vec<WindowDef>,
}

/// DISTINCT handling of a SELECT.
#[derive(Clone, Debug, PartialEq)]
pub enum Distinct {
    /// No DISTINCT (or `ALL`).
    All,
    /// `DISTINCT`.
    Distinct,
    /// `DISTINCT ON (exprs)`.
    On(Vec<Expr>),
}

/// One target-list entry: PostgreSQL's `ResTarget`.
#[derive(Clone, Debug, PartialEq)]
pub struct ResTarget {
    /// The expression.
    pub expr: Expr,
    /// The column label, from `AS label` or a bare label.
    pub name: Option<String>,
    /// Location of the entry.
    pub location: Location,
}

/// A table name: PostgreSQL's `RangeVar`.
#[derive(Clone, Debug, PartialEq)]
pub struct RangeVar {
    /// Database name (`db.schema.rel`), rarely used.
    pub catalog: Option<String>,
    /// Schema name, if qualified.
    pub schema: Option<String>,
    /// Relation name.
    pub name: String,
    /// False for `ONLY name` (no inheritance children).
    pub inh: bool,
    /// `'p'` permanent, `'t'` temporary, `'u'` unlogged (only meaningful for SELECT INTO).
    pub persistence: char,
    /// Alias, if any.
    pub alias: Option<Alias>,
    /// Location of the name.
    pub location: Location,
}

/// `AS alias (col, ...)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Alias {
    /// The alias name.
    pub name: String,
    /// Column aliases (may be empty).
    pub columns: Vec<String>,
}

/// One FROM-clause item.
#[derive(Clone, Debug, PartialEq)]
pub enum FromItem {
    /// A table or view.
    Relation(RangeVar),
    /// `[LATERAL] (subquery) [AS] alias`.
    Subquery {
        /// LATERAL.
        lateral: bool,
        /// The subquery.
        query: Box<SelectStmt>,
        /// Alias (required by PostgreSQL 15).
        alias: Option<Alias>,
        /// Location of the opening parenthesis.
        location: Location,
    },
    /// `[LATERAL] f(args) [WITH ORDINALITY] [AS] alias`, or `ROWS FROM (f(...), ...)`
    /// (`RangeFunction`).
    Function {
        /// LATERAL.
        lateral: bool,
        /// The function calls (one unless `ROWS FROM`).
        functions: Vec<RangeFunctionCall>,
        /// True for `ROWS FROM (...)`.
        rows_from: bool,
        /// WITH ORDINALITY.
        ordinality: bool,
        /// Alias.
        alias: Option<Alias>,
        /// The column definition list of `f() AS t(a int, ...)` / `f() AS (a int, ...)`,
        /// for a function returning `record` (empty when none was written).
        coldeflist: Vec<TableFuncElement>,
        /// Location of the first call.
        location: Location,
    },
    /// A join.
    Join(Box<JoinExpr>),
    /// `relation [alias] TABLESAMPLE method (args) [REPEATABLE (seed)]`.
    TableSample(Box<RangeTableSample>),
    /// `[LATERAL] XMLTABLE(...) [alias]`.
    TableFunc(Box<RangeTableFunc>),
}

/// `[LATERAL] XMLTABLE([XMLNAMESPACES(...),] row_path PASSING doc COLUMNS ...) [alias]`
/// (`RangeTableFunc`).
#[derive(Clone, Debug, PartialEq)]
pub struct RangeTableFunc {
    /// LATERAL.
    pub lateral: bool,
    /// The document (PASSING's value).
    pub docexpr: Expr,
    /// The row-generating XPath expression.
    pub rowexpr: Expr,
    /// XMLNAMESPACES: a URI with its `AS name`, or the DEFAULT namespace (no name).
    pub namespaces: Vec<ResTarget>,
    /// The columns.
    pub columns: Vec<RangeTableFuncCol>,
    /// The alias.
    pub alias: Option<Alias>,
    /// Location of XMLTABLE.
    pub location: Location,
}

/// One column of XMLTABLE (`RangeTableFuncCol`).
#[derive(Clone, Debug, PartialEq)]
pub struct RangeTableFuncCol {
    /// The column's name.
    pub name: String,
    /// Its type (None for `FOR ORDINALITY`).
    pub type_name: Option<TypeName>,
    /// `FOR ORDINALITY`.
    pub for_ordinality: bool,
    /// `NOT NULL`.
    pub is_not_null: bool,
    /// `PATH expr`.
    pub colexpr: Option<Expr>,
    /// `DEFAULT expr`.
    pub coldefexpr: Option<Expr>,
    /// Location of the name.
    pub location: Location,
}

/// `relation [alias] TABLESAMPLE method (args) [REPEATABLE (seed)]` (`RangeTableSample`).
#[derive(Clone, Debug, PartialEq)]
pub struct RangeTableSample {
    /// The sampled table, with its alias.
    pub relation: RangeVar,
    /// The sampling method's name (`system`, `bernoulli`, possibly qualified).
    pub method: Vec<String>,
    /// The method's arguments.
    pub args: Vec<Expr>,
    /// REPEATABLE's seed.
    pub repeatable: Option<Expr>,
    /// Location of the method's name.
    pub location: Location,
}

/// One function of a [`FromItem::Function`], with the column definition list that
/// `ROWS FROM (f() AS (a int, ...), ...)` may give each function.
#[derive(Clone, Debug, PartialEq)]
pub struct RangeFunctionCall {
    /// The call (a `FuncCall`, or a function-like expression such as `COALESCE(...)`).
    pub call: Expr,
    /// Its column definition list inside ROWS FROM (empty when none was written).
    pub coldeflist: Vec<TableFuncElement>,
}

/// One column of a column definition list, `name type [COLLATE c]` (gram.y's
/// `TableFuncElement`, a `ColumnDef` with only these fields set).
#[derive(Clone, Debug, PartialEq)]
pub struct TableFuncElement {
    /// The column's name.
    pub name: String,
    /// Its type.
    pub type_name: TypeName,
    /// `COLLATE name`.
    pub collation: Option<Vec<String>>,
    /// Location of the name.
    pub location: Location,
}

/// `left [NATURAL] type JOIN right [ON expr | USING (cols)]`: PostgreSQL's `JoinExpr`.
#[derive(Clone, Debug, PartialEq)]
pub struct JoinExpr {
    /// Join type. `CROSS JOIN` is `Inner` with no qualification.
    pub kind: JoinKind,
    /// NATURAL.
    pub natural: bool,
    /// Left input.
    pub left: FromItem,
    /// Right input.
    pub right: FromItem,
    /// `USING (cols)`.
    pub using: Vec<String>,
    /// `USING (cols) AS name` (`join_using_alias`).
    pub using_alias: Option<String>,
    /// `ON expr`.
    pub on: Option<Expr>,
    /// Alias of a parenthesised join, `(a JOIN b ON ...) AS j`.
    pub alias: Option<Alias>,
}

/// Join types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JoinKind {
    /// INNER (also plain JOIN and CROSS JOIN).
    Inner,
    /// `LEFT [OUTER]`.
    Left,
    /// `RIGHT [OUTER]`.
    Right,
    /// `FULL [OUTER]`.
    Full,
}

/// An ORDER BY item: PostgreSQL's `SortBy`.
#[derive(Clone, Debug, PartialEq)]
pub struct SortBy {
    /// The sort key.
    pub expr: Expr,
    /// ASC / DESC / USING op.
    pub dir: SortDir,
    /// NULLS FIRST / LAST.
    pub nulls: SortNulls,
    /// Location of the `USING` operator, or of the expression otherwise.
    pub location: Location,
}

/// Sort direction.
#[derive(Clone, Debug, PartialEq)]
pub enum SortDir {
    /// Nothing written.
    Default,
    /// ASC.
    Asc,
    /// DESC.
    Desc,
    /// `USING op` (possibly qualified operator name).
    Using(Vec<String>),
}

/// NULLS ordering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortNulls {
    /// Nothing written.
    Default,
    /// NULLS FIRST.
    First,
    /// NULLS LAST.
    Last,
}

/// A FOR UPDATE/SHARE clause.
#[derive(Clone, Debug, PartialEq)]
pub struct LockingClause {
    /// Lock strength.
    pub strength: LockStrength,
    /// `OF rel, ...` (empty = all).
    pub rels: Vec<RangeVar>,
    /// NOWAIT / SKIP LOCKED.
    pub wait: LockWaitPolicy,
}

/// Row lock strengths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockStrength {
    /// FOR KEY SHARE.
    KeyShare,
    /// FOR SHARE.
    Share,
    /// FOR NO KEY UPDATE.
    NoKeyUpdate,
    /// FOR UPDATE.
    Update,
}

/// What to do when a row lock is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockWaitPolicy {
    /// Wait.
    Block,
    /// SKIP LOCKED.
    Skip,
    /// NOWAIT.
    Error,
}

/// `WITH [RECURSIVE] cte, ...`.
#[derive(Clone, Debug, PartialEq)]
pub struct WithClause {
    /// RECURSIVE.
    pub recursive: bool,
    /// The CTEs.
    pub ctes: Vec<CommonTableExpr>,
}

/// One CTE: `name [(cols)] AS [[NOT] MATERIALIZED] (query)`.
#[derive(Clone, Debug, PartialEq)]
pub struct CommonTableExpr {
    /// CTE name.
    pub name: String,
    /// Column aliases.
    pub columns: Vec<String>,
    /// `Some(true)` MATERIALIZED, `Some(false)` NOT MATERIALIZED.
    pub materialized: Option<bool>,
    /// The query: `Stmt::Select`, `Insert`, `Update`, `Delete` or `Merge` (gram.y's
    /// `PreparableStmt`; the analyzer refuses MERGE here).
    pub query: Box<Stmt>,
    /// `SEARCH {BREADTH | DEPTH} FIRST BY cols SET seq_col` after the query.
    pub search: Option<CteSearchClause>,
    /// `CYCLE cols SET mark_col [TO value DEFAULT default] USING path_col` after the query.
    pub cycle: Option<CteCycleClause>,
    /// Location of the name.
    pub location: Location,
}

/// A CTE's `SEARCH {BREADTH | DEPTH} FIRST BY cols SET seq_col` (`CTESearchClause`).
#[derive(Clone, Debug, PartialEq)]
pub struct CteSearchClause {
    /// The columns to order by.
    pub columns: Vec<String>,
    /// BREADTH FIRST (true) or DEPTH FIRST (false).
    pub breadth_first: bool,
    /// The sequence column it adds.
    pub seq_column: String,
    /// Location of SEARCH.
    pub location: Location,
}

/// A CTE's `CYCLE cols SET mark_col [TO value DEFAULT default] USING path_col`
/// (`CTECycleClause`). Without TO/DEFAULT the values are TRUE and FALSE, as gram.y fills
/// them in.
#[derive(Clone, Debug, PartialEq)]
pub struct CteCycleClause {
    /// The columns whose repetition marks a cycle.
    pub columns: Vec<String>,
    /// The cycle mark column it adds.
    pub mark_column: String,
    /// The mark's value on a cycle (a constant).
    pub mark_value: Expr,
    /// The mark's value otherwise (a constant).
    pub mark_default: Expr,
    /// The path column it adds.
    pub path_column: String,
    /// Location of CYCLE.
    pub location: Location,
}

/// A window definition (`OVER (...)` or `WINDOW w AS (...)`): PostgreSQL's `WindowDef`.
#[derive(Clone, Debug, PartialEq)]
pub struct WindowDef {
    /// Name given in a WINDOW clause.
    pub name: Option<String>,
    /// Name of the window this one refines (`OVER w` or `OVER (w ORDER BY ...)`).
    pub refname: Option<String>,
    /// PARTITION BY.
    pub partition_by: Vec<Expr>,
    /// ORDER BY.
    pub order_by: Vec<SortBy>,
    /// Frame clause.
    pub frame: Option<WindowFrame>,
    /// Location.
    pub location: Location,
}

/// `{ROWS|RANGE|GROUPS} [BETWEEN] start [AND end] [EXCLUDE ...]`.
#[derive(Clone, Debug, PartialEq)]
pub struct WindowFrame {
    /// ROWS / RANGE / GROUPS.
    pub mode: FrameMode,
    /// Start bound.
    pub start: FrameBound,
    /// End bound (`None` = CURRENT ROW implied, no BETWEEN written).
    pub end: Option<FrameBound>,
    /// EXCLUDE option.
    pub exclude: FrameExclude,
}

/// Frame modes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameMode {
    /// ROWS.
    Rows,
    /// RANGE.
    Range,
    /// GROUPS.
    Groups,
}

/// A frame bound.
#[derive(Clone, Debug, PartialEq)]
pub enum FrameBound {
    /// UNBOUNDED PRECEDING.
    UnboundedPreceding,
    /// expr PRECEDING.
    Preceding(Box<Expr>),
    /// CURRENT ROW.
    CurrentRow,
    /// expr FOLLOWING.
    Following(Box<Expr>),
    /// UNBOUNDED FOLLOWING.
    UnboundedFollowing,
}

/// Frame EXCLUDE options.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameExclude {
    /// Nothing written / EXCLUDE NO OTHERS.
    NoOthers,
    /// EXCLUDE CURRENT ROW.
    CurrentRow,
    /// EXCLUDE GROUP.
    Group,
    /// EXCLUDE TIES.
    Ties,
}
