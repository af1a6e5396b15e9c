//! Syntax trees of expressions: operators, function calls, constants, subqueries, XML, grouping sets.
//!
//! PostgreSQL source area: `A_Expr`, `FuncCall`, `A_Const`, `SubLink`, `XmlExpr`, `GroupingSet`, `SQLValueFunction`, `ColumnRef`, `A_Indirection` (`parsenodes.h`).

use super::*;

/// An expression node with its location.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What the expression is.
    pub kind: ExprKind,
    /// Byte offset of the token PostgreSQL would point at for this node (the operator for
    /// an operator expression, the first name for a column reference, ...).
    pub location: Location,
}

impl Expr {
    /// Builds an expression.
    pub fn new(kind: ExprKind, location: usize) -> Expr {
        Expr { kind, location: Location(location) }
    }
}

/// Raw expression kinds, named after PostgreSQL's raw nodes.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// `a`, `t.a`, `s.t.a`, `*`, `t.*` (`ColumnRef`).
    ColumnRef(Vec<ColumnRefField>),
    /// `$n` (`ParamRef`).
    Param(u32),
    /// A literal (`A_Const`).
    Const(Value),
    /// An operator expression `left op right` or prefix `op right` (`A_Expr` `AEXPR_OP`).
    /// `!=` is already `<>`. `name` is the operator, qualified for `OPERATOR(s.op)`.
    Op {
        /// Operator name (last element is the operator symbol).
        name: Vec<String>,
        /// Left operand; `None` for a prefix operator.
        left: Option<Box<Expr>>,
        /// Right operand.
        right: Box<Expr>,
    },
    /// `left op ANY|ALL (array expr)` (`AEXPR_OP_ANY` / `AEXPR_OP_ALL`).
    OpAnyAll {
        /// Operator name.
        name: Vec<String>,
        /// True for ALL, false for ANY/SOME.
        all: bool,
        /// Left operand.
        left: Box<Expr>,
        /// The array expression.
        right: Box<Expr>,
    },
    /// `left IS [NOT] DISTINCT FROM right`.
    Distinct {
        /// True for IS NOT DISTINCT FROM.
        not: bool,
        /// Left.
        left: Box<Expr>,
        /// Right.
        right: Box<Expr>,
    },
    /// `NULLIF(a, b)`.
    NullIf(Box<Expr>, Box<Expr>),
    /// `expr [NOT] IN (list)`. IN with a subquery is a `SubLink` instead.
    In {
        /// NOT IN.
        not: bool,
        /// Left operand.
        expr: Box<Expr>,
        /// The list.
        list: Vec<Expr>,
    },
    /// `expr [NOT] LIKE|ILIKE|SIMILAR TO pattern [ESCAPE e]`.
    /// PostgreSQL's operators: LIKE `~~`/`!~~`, ILIKE `~~*`/`!~~*`, SIMILAR TO `~`/`!~` applied to
    /// `similar_to_escape(pattern[, e])`; LIKE/ILIKE with ESCAPE use `like_escape(pattern, e)`.
    Like {
        /// LIKE, ILIKE or SIMILAR TO.
        kind: LikeKind,
        /// NOT.
        not: bool,
        /// The string.
        expr: Box<Expr>,
        /// The pattern.
        pattern: Box<Expr>,
        /// ESCAPE.
        escape: Option<Box<Expr>>,
    },
    /// `expr [NOT] BETWEEN [SYMMETRIC] low AND high`.
    Between {
        /// NOT BETWEEN.
        not: bool,
        /// SYMMETRIC.
        symmetric: bool,
        /// Tested value.
        expr: Box<Expr>,
        /// Lower bound.
        low: Box<Expr>,
        /// Upper bound.
        high: Box<Expr>,
    },
    /// AND / OR / NOT (`BoolExpr`). AND and OR chains are flattened as in PostgreSQL.
    Bool {
        /// Which operator.
        op: BoolOp,
        /// Operands (one for NOT).
        args: Vec<Expr>,
    },
    /// `expr IS [NOT] NULL`, `ISNULL`, `NOTNULL` (`NullTest`).
    NullTest {
        /// The tested expression.
        expr: Box<Expr>,
        /// True for IS NOT NULL / NOTNULL.
        not: bool,
    },
    /// `expr IS [NOT] TRUE|FALSE|UNKNOWN` (`BooleanTest`).
    BooleanTest {
        /// The tested expression.
        expr: Box<Expr>,
        /// Which test.
        test: BoolTestKind,
    },
    /// `expr::type`, `CAST(expr AS type)`, and `type 'literal'` (`TypeCast`).
    TypeCast {
        /// The argument.
        arg: Box<Expr>,
        /// Target type (boxed, so that every `Expr` stays small: see the README's "Stack
        /// depth").
        type_name: Box<TypeName>,
    },
    /// `expr COLLATE name` (`CollateClause`).
    Collate {
        /// The argument.
        arg: Box<Expr>,
        /// Collation name (possibly qualified).
        collation: Vec<String>,
    },
    /// A function call (`FuncCall`). SQL-syntax functions (EXTRACT, POSITION, SUBSTRING, TRIM,
    /// OVERLAY, AT TIME ZONE) become calls of `pg_catalog.<name>` as in PostgreSQL.
    FuncCall(Box<FuncCall>),
    /// `name => value` inside a function's argument list (`NamedArgExpr`).
    NamedArg {
        /// Parameter name.
        name: String,
        /// Value.
        arg: Box<Expr>,
    },
    /// A subquery expression (`SubLink`).
    SubLink {
        /// EXISTS, ANY, ALL, scalar (`Expr`), `ARRAY(...)`.
        kind: SubLinkKind,
        /// Left operand for ANY/ALL (`x IN (SELECT ...)` is `x = ANY (SELECT ...)`).
        test_expr: Option<Box<Expr>>,
        /// The subquery.
        subselect: Box<SelectStmt>,
    },
    /// `CASE [arg] WHEN ... THEN ... [ELSE ...] END` (`CaseExpr`).
    Case {
        /// The simple-CASE argument.
        arg: Option<Box<Expr>>,
        /// (condition-or-value, result) pairs.
        whens: Vec<(Expr, Expr)>,
        /// ELSE result.
        default: Option<Box<Expr>>,
    },
    /// `ARRAY[...]` (`A_ArrayExpr`); nested `[...]` inside are also `Array`.
    Array(Vec<Expr>),
    /// `ROW(...)` or `(a, b, ...)` (`RowExpr`).
    Row {
        /// Fields.
        args: Vec<Expr>,
        /// True when the keyword ROW was written.
        explicit: bool,
    },
    /// `COALESCE(...)`.
    Coalesce(Vec<Expr>),
    /// `GREATEST(...)` / `LEAST(...)` (`MinMaxExpr`).
    MinMax {
        /// True for GREATEST.
        greatest: bool,
        /// Arguments.
        args: Vec<Expr>,
    },
    /// CURRENT_DATE, CURRENT_USER, ... (`SQLValueFunction`).
    SqlValueFunction {
        /// Which one.
        op: SqlValueFunctionOp,
        /// Precision for CURRENT_TIME(p) etc.
        precision: Option<i32>,
    },
    /// Subscripts and field selection applied to an expression (`A_Indirection`):
    /// `(x).f`, `(x).*`, `a[1]`, `a[1:2]`, `$1[1]`. A plain `t.a` is a `ColumnRef`, but a
    /// subscript after a column reference (`t.a[1]`) is an `Indirection` on the `ColumnRef`.
    Indirection {
        /// The base expression.
        arg: Box<Expr>,
        /// Indirection steps, outermost last.
        steps: Vec<IndirectionStep>,
    },
    /// `GROUPING(a, b)` (`GroupingFunc`).
    Grouping(Vec<Expr>),
    /// `DEFAULT` written as an expression (`SetToDefault`): a column's default value in an
    /// INSERT's VALUES row or an UPDATE's SET. The grammar takes it wherever an `a_expr` may
    /// stand; the analyzer rejects it elsewhere ("DEFAULT is not allowed in this context").
    SetToDefault,
    /// XMLCONCAT, XMLELEMENT, XMLFOREST, XMLPARSE, XMLPI, XMLROOT, `IS DOCUMENT` (`XmlExpr`).
    Xml(Box<XmlExpr>),
    /// `XMLSERIALIZE({DOCUMENT | CONTENT} expr AS type)` (`XmlSerialize`).
    XmlSerialize {
        /// DOCUMENT or CONTENT.
        xmloption: XmlOption,
        /// The value.
        expr: Box<Expr>,
        /// The result type.
        type_name: Box<TypeName>,
    },
    /// A grouping set in GROUP BY (`GroupingSet`): `()`, `ROLLUP (...)`, `CUBE (...)`,
    /// `GROUPING SETS (...)`. Only a member of `SimpleSelect::group_by` (or of another
    /// grouping set) is ever one.
    GroupingSet {
        /// Which kind.
        kind: GroupingSetKind,
        /// The members: expressions (an implicit row `(a, b)` groups its fields together),
        /// and for GROUPING SETS also nested grouping sets. Empty for `()`.
        content: Vec<Expr>,
    },
}

/// An XML construct written in SQL syntax (`XmlExpr`, raw form): XMLCONCAT, XMLELEMENT,
/// XMLFOREST, XMLPARSE, XMLPI, XMLROOT and `IS DOCUMENT`.
#[derive(Clone, Debug, PartialEq)]
pub struct XmlExpr {
    /// Which construct.
    pub op: XmlExprOp,
    /// XMLELEMENT's and XMLPI's `NAME name`.
    pub name: Option<String>,
    /// XMLELEMENT's XMLATTRIBUTES and XMLFOREST's elements: each a value with an optional
    /// `AS label` (`ResTarget`s, as in PostgreSQL).
    pub named_args: Vec<ResTarget>,
    /// The other arguments. XMLPARSE: the text and whether whitespace is preserved (a
    /// boolean constant); XMLROOT: the value, its version (NULL for `NO VALUE`) and the
    /// standalone choice (an integer constant, see [`XmlStandalone`]).
    pub args: Vec<Expr>,
    /// DOCUMENT or CONTENT (XMLPARSE; DOCUMENT elsewhere).
    pub xmloption: XmlOption,
}

/// The XML constructs of [`XmlExpr`] (`XmlExprOp`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XmlExprOp {
    /// `XMLCONCAT(args)`.
    Concat,
    /// `XMLELEMENT(NAME n [, XMLATTRIBUTES(...)] [, args])`.
    Element,
    /// `XMLFOREST(elements)`.
    Forest,
    /// `XMLPARSE({DOCUMENT | CONTENT} text [{PRESERVE | STRIP} WHITESPACE])`.
    Parse,
    /// `XMLPI(NAME n [, text])`.
    Pi,
    /// `XMLROOT(x, VERSION v [, STANDALONE ...])`.
    Root,
    /// `x IS DOCUMENT`.
    IsDocument,
}

/// `DOCUMENT` or `CONTENT` (`XmlOptionType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XmlOption {
    /// DOCUMENT.
    Document,
    /// CONTENT.
    Content,
}

/// XMLROOT's STANDALONE choice, as its integer argument holds it (`XmlStandaloneType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XmlStandalone {
    /// `STANDALONE YES` (0).
    Yes = 0,
    /// `STANDALONE NO` (1).
    No = 1,
    /// `STANDALONE NO VALUE` (2).
    NoValue = 2,
    /// Not written (3).
    Omitted = 3,
}

/// The kinds of [`ExprKind::GroupingSet`] (`GroupingSetKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupingSetKind {
    /// `()`: the empty grouping set.
    Empty,
    /// `ROLLUP (...)`.
    Rollup,
    /// `CUBE (...)`.
    Cube,
    /// `GROUPING SETS (...)`.
    Sets,
}

/// An element of a `ColumnRef`.
#[derive(Clone, Debug, PartialEq)]
pub enum ColumnRefField {
    /// A (folded) name.
    Name(String),
    /// `*`.
    Star,
}

/// One indirection step.
#[derive(Clone, Debug, PartialEq)]
pub enum IndirectionStep {
    /// `.name`.
    Field(String),
    /// `.*`.
    Star,
    /// `[i]`, or a slice `[lower:upper]` with optional bounds.
    Subscript {
        /// Lower bound (the only index for a non-slice).
        lower: Option<Box<Expr>>,
        /// Upper bound of a slice.
        upper: Option<Box<Expr>>,
        /// True for `[a:b]`.
        slice: bool,
    },
}

/// A literal value (`A_Const`'s `Value`).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// An integer literal that fits in int4 (PostgreSQL's `Integer`).
    Integer(i32),
    /// Any other numeric literal, kept as text: decimals, exponents, and integers too large for
    /// int4 (which the analyzer types as int8 or numeric) (PostgreSQL's `Float`).
    Float(String),
    /// TRUE / FALSE.
    Boolean(bool),
    /// A string literal, escapes already processed.
    String(String),
    /// `B'...'` as `"b0101"`, `X'...'` as `"x1F"` (PostgreSQL's `BitString`).
    BitString(String),
    /// NULL.
    Null,
}

/// LIKE flavours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LikeKind {
    /// LIKE.
    Like,
    /// ILIKE.
    ILike,
    /// SIMILAR TO.
    Similar,
}

/// Boolean operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoolOp {
    /// AND.
    And,
    /// OR.
    Or,
    /// NOT.
    Not,
}

/// `IS [NOT] TRUE/FALSE/UNKNOWN`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoolTestKind {
    /// IS TRUE.
    IsTrue,
    /// IS NOT TRUE.
    IsNotTrue,
    /// IS FALSE.
    IsFalse,
    /// IS NOT FALSE.
    IsNotFalse,
    /// IS UNKNOWN.
    IsUnknown,
    /// IS NOT UNKNOWN.
    IsNotUnknown,
}

/// A function call (`FuncCall`).
#[derive(Clone, Debug, PartialEq)]
pub struct FuncCall {
    /// Function name, possibly qualified.
    pub name: Vec<String>,
    /// Arguments (may contain `NamedArg`).
    pub args: Vec<Expr>,
    /// `f(x ORDER BY y)` or `WITHIN GROUP (ORDER BY y)`.
    pub agg_order: Vec<SortBy>,
    /// True when the ORDER BY came from `WITHIN GROUP`.
    pub agg_within_group: bool,
    /// `FILTER (WHERE ...)`.
    pub agg_filter: Option<Box<Expr>>,
    /// `f(*)`.
    pub agg_star: bool,
    /// `f(DISTINCT ...)`.
    pub agg_distinct: bool,
    /// `f(VARIADIC x)`: the last argument was marked VARIADIC.
    pub func_variadic: bool,
    /// `OVER (...)`, or `OVER name` (a WindowDef with only `name` set, as
    /// gram.y builds it).
    pub over: Option<WindowDef>,
    /// How the call was written: `f(...)`, or one of the SQL-standard
    /// syntaxes that gram.y turns into a call (PostgreSQL's `funcformat`).
    pub funcformat: FuncFormat,
}

/// How a [`FuncCall`] was written (PostgreSQL's `CoercionForm` on a `FuncCall`).
///
/// PostgreSQL keeps the difference in the tree: `pg_catalog.substring(x, 2)`
/// and `SUBSTRING(x FROM 2)` call the same function, but only the second is
/// `COERCE_SQL_SYNTAX`, and ruleutils prints each back as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FuncFormat {
    /// `name(args)` (`COERCE_EXPLICIT_CALL`).
    ExplicitCall,
    /// A special syntax (`COERCE_SQL_SYNTAX`): EXTRACT, OVERLAY, POSITION,
    /// SUBSTRING, TRIM, NORMALIZE, COLLATION FOR, AT TIME ZONE, OVERLAPS,
    /// IS NORMALIZED, XMLEXISTS. The name is `pg_catalog.<function>`.
    SqlSyntax,
}

impl FuncCall {
    /// A plain call `name(args)`.
    pub fn plain(name: Vec<String>, args: Vec<Expr>) -> FuncCall {
        FuncCall {
            name,
            args,
            agg_order: Vec::new(),
            agg_within_group: false,
            agg_filter: None,
            agg_star: false,
            agg_distinct: false,
            func_variadic: false,
            over: None,
            funcformat: FuncFormat::ExplicitCall,
        }
    }

    /// A call written in one of the SQL-standard syntaxes: `pg_catalog.name(args)` marked
    /// [`FuncFormat::SqlSyntax`].
    pub fn sql_syntax(name: &str, args: Vec<Expr>) -> FuncCall {
        FuncCall {
            funcformat: FuncFormat::SqlSyntax,
            ..FuncCall::plain(vec!["pg_catalog".to_string(), name.to_string()], args)
        }
    }
}

/// Subquery kinds (`SubLinkType`).
#[derive(Clone, Debug, PartialEq)]
pub enum SubLinkKind {
    /// EXISTS (SELECT ...).
    Exists,
    /// `x op ANY (SELECT ...)`; `x IN (SELECT ...)` is ANY with no operator
    /// name (gram.y's `operName = NIL`), which means `=`.
    Any(Vec<String>),
    /// `x op ALL (SELECT ...)`.
    All(Vec<String>),
    /// `(SELECT ...)` as a scalar.
    Expr,
    /// `ARRAY(SELECT ...)`.
    Array,
}

/// SQL-standard functions written without parentheses (`SQLValueFunctionOp`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SqlValueFunctionOp {
    /// CURRENT_DATE.
    CurrentDate,
    /// `CURRENT_TIME [(p)]`.
    CurrentTime,
    /// `CURRENT_TIMESTAMP [(p)]`.
    CurrentTimestamp,
    /// `LOCALTIME [(p)]`.
    LocalTime,
    /// `LOCALTIMESTAMP [(p)]`.
    LocalTimestamp,
    /// CURRENT_ROLE.
    CurrentRole,
    /// CURRENT_USER.
    CurrentUser,
    /// USER.
    User,
    /// SESSION_USER.
    SessionUser,
    /// CURRENT_CATALOG.
    CurrentCatalog,
    /// CURRENT_SCHEMA.
    CurrentSchema,
}

impl SqlValueFunctionOp {
    /// The SQL keyword(s) for the function.
    pub fn sql(&self) -> &'static str {
        match self {
            SqlValueFunctionOp::CurrentDate => "CURRENT_DATE",
            SqlValueFunctionOp::CurrentTime => "CURRENT_TIME",
            SqlValueFunctionOp::CurrentTimestamp => "CURRENT_TIMESTAMP",
            SqlValueFunctionOp::LocalTime => "LOCALTIME",
            SqlValueFunctionOp::LocalTimestamp => "LOCALTIMESTAMP",
            SqlValueFunctionOp::CurrentRole => "CURRENT_ROLE",
            SqlValueFunctionOp::CurrentUser => "CURRENT_USER",
            SqlValueFunctionOp::User => "USER",
            SqlValueFunctionOp::SessionUser => "SESSION_USER",
            SqlValueFunctionOp::CurrentCatalog => "CURRENT_CATALOG",
            SqlValueFunctionOp::CurrentSchema => "CURRENT_SCHEMA",
        }
    }
}
