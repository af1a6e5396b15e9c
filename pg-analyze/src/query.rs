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
        /// 0-based column number in the range-table entry.
        attno: usize,
        /// Column type.
        type_oid: Oid,
        /// Column typmod.
        typmod: i32,
    },
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
        test: pg_parser::ast::BoolTestKind,
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
            Expr::Const { type_oid, .. } | Expr::Var { type_oid, .. } | Expr::CaseTest { type_oid } => *type_oid,
            Expr::Func { result_type, .. }
            | Expr::Op { result_type, .. }
            | Expr::Case { result_type, .. }
            | Expr::Coalesce { result_type, .. }
            | Expr::MinMax { result_type, .. }
            | Expr::NullIf { result_type, .. } => *result_type,
            Expr::Bool { .. } | Expr::Distinct { .. } | Expr::NullTest { .. } | Expr::BooleanTest { .. } => {
                pg_types::types::oid::BOOL
            }
            Expr::Cast { target, .. } => *target,
        }
    }

    /// The expression's typmod (`exprTypmod`): known for constants, columns
    /// and casts, -1 otherwise.
    pub fn typmod(&self) -> i32 {
        match self {
            Expr::Const { typmod, .. } | Expr::Var { typmod, .. } | Expr::Cast { typmod, .. } => *typmod,
            _ => -1,
        }
    }

    /// A NULL constant of the given type.
    pub fn null(type_oid: Oid) -> Expr {
        Expr::Const { value: Datum::Null, type_oid, typmod: -1 }
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
    /// A system view: every column of the zero-argument set-returning
    /// function `function`, looked up in the registry when the scan starts
    /// (the owning crate registers it at start-up).
    View {
        /// The view's OID.
        relid: Oid,
        /// The function behind it.
        function: String,
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
    /// The FROM item, if any (at most one this round).
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
}

impl Query {
    /// The visible output columns.
    pub fn output_columns(&self) -> impl Iterator<Item = &TargetEntry> {
        self.target_list.iter().filter(|t| !t.resjunk)
    }
}
