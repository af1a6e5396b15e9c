//! Syntax trees of INSERT, UPDATE, DELETE and MERGE (with WITH, RETURNING, ON CONFLICT), and COPY.
//!
//! PostgreSQL source area: gram.y `InsertStmt`, `UpdateStmt`, `DeleteStmt`, `MergeStmt`, `CopyStmt` (`parsenodes.h`).
//!
//! The relation a statement changes is a [`RangeVar`] whose `alias` holds `AS alias`. A
//! `DEFAULT` in a VALUES row or a SET clause is an ordinary expression,
//! [`ExprKind::SetToDefault`], as in PostgreSQL's grammar: the analyzer decides where it may
//! stand.

use super::*;

/// `INSERT INTO ...` (PostgreSQL's `InsertStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct InsertStmt {
    /// `WITH ...` in front of the statement.
    pub with: Option<WithClause>,
    /// The table, with its `AS alias`.
    pub relation: RangeVar,
    /// `(col, col.field, col[1], ...)`: the target columns, empty when none were written.
    pub columns: Vec<SetTarget>,
    /// `OVERRIDING {SYSTEM | USER} VALUE`.
    pub overriding: Option<OverridingKind>,
    /// The rows: a query (`VALUES ...`, `SELECT ...`), or `None` for `DEFAULT VALUES`.
    pub source: Option<Box<SelectStmt>>,
    /// `ON CONFLICT ...`.
    pub on_conflict: Option<OnConflictClause>,
    /// `RETURNING ...` (empty when absent).
    pub returning: Vec<ResTarget>,
}

/// `OVERRIDING ... VALUE` of an INSERT (PostgreSQL's `OverridingKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OverridingKind {
    /// OVERRIDING SYSTEM VALUE.
    System,
    /// OVERRIDING USER VALUE.
    User,
}

/// A column to assign: INSERT's column list, UPDATE's SET targets (a `ResTarget` with a name
/// and indirection in PostgreSQL).
#[derive(Clone, Debug, PartialEq)]
pub struct SetTarget {
    /// The column's name.
    pub name: String,
    /// `.field` and `[subscript]` steps after the name (never `.*`).
    pub indirection: Vec<IndirectionStep>,
    /// Location of the name.
    pub location: Location,
}

/// One item of a SET list (UPDATE, ON CONFLICT DO UPDATE, MERGE's UPDATE).
#[derive(Clone, Debug, PartialEq)]
pub enum SetClause {
    /// `col = expr` (`expr` may be DEFAULT).
    Single {
        /// The column.
        target: SetTarget,
        /// The new value.
        value: Expr,
    },
    /// `(col, col) = expr`, where `expr` is a row, `ROW(...)` or a subquery (PostgreSQL's
    /// `MultiAssignRef`; the analyzer checks the kind of source).
    Multi {
        /// The columns.
        targets: Vec<SetTarget>,
        /// The source of the values.
        value: Expr,
    },
}

/// `ON CONFLICT [target] DO ...` (PostgreSQL's `OnConflictClause`).
#[derive(Clone, Debug, PartialEq)]
pub struct OnConflictClause {
    /// The conflict target (`InferClause`), if written.
    pub target: Option<InferClause>,
    /// DO NOTHING or DO UPDATE.
    pub action: OnConflictAction,
    /// Location of `ON`.
    pub location: Location,
}

/// The conflict target of ON CONFLICT (PostgreSQL's `InferClause`).
#[derive(Clone, Debug, PartialEq)]
pub enum InferClause {
    /// `(index_elem, ...) [WHERE predicate]`: the unique index to infer.
    Index {
        /// The index's columns and expressions.
        elems: Vec<IndexElem>,
        /// The partial index's predicate.
        where_clause: Option<Expr>,
    },
    /// `ON CONSTRAINT name`.
    Constraint(String),
}

/// What ON CONFLICT does.
#[derive(Clone, Debug, PartialEq)]
pub enum OnConflictAction {
    /// DO NOTHING.
    Nothing,
    /// `DO UPDATE SET ... [WHERE ...]`.
    Update {
        /// The assignments.
        set: Vec<SetClause>,
        /// The condition.
        where_clause: Option<Expr>,
    },
}

/// The WHERE of UPDATE and DELETE.
#[derive(Clone, Debug, PartialEq)]
pub enum DmlWhere {
    /// `WHERE condition`.
    Expr(Expr),
    /// `WHERE CURRENT OF cursor` (PostgreSQL's `CurrentOfExpr`).
    CurrentOf(String),
}

/// `UPDATE ...` (PostgreSQL's `UpdateStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct UpdateStmt {
    /// `WITH ...` in front of the statement.
    pub with: Option<WithClause>,
    /// The table (`[ONLY] name [*]`), with its alias.
    pub relation: RangeVar,
    /// The assignments.
    pub set: Vec<SetClause>,
    /// `FROM ...` items.
    pub from: Vec<FromItem>,
    /// WHERE.
    pub where_clause: Option<DmlWhere>,
    /// `RETURNING ...` (empty when absent).
    pub returning: Vec<ResTarget>,
}

/// `DELETE FROM ...` (PostgreSQL's `DeleteStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct DeleteStmt {
    /// `WITH ...` in front of the statement.
    pub with: Option<WithClause>,
    /// The table (`[ONLY] name [*]`), with its alias.
    pub relation: RangeVar,
    /// `USING ...` items.
    pub using: Vec<FromItem>,
    /// WHERE.
    pub where_clause: Option<DmlWhere>,
    /// `RETURNING ...` (empty when absent).
    pub returning: Vec<ResTarget>,
}

/// `MERGE INTO ...` (PostgreSQL's `MergeStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct MergeStmt {
    /// `WITH ...` in front of the statement.
    pub with: Option<WithClause>,
    /// The target table, with its alias.
    pub relation: RangeVar,
    /// `USING source`.
    pub source: FromItem,
    /// `ON condition`.
    pub join_condition: Expr,
    /// The WHEN clauses, in order.
    pub when_clauses: Vec<MergeWhenClause>,
}

/// `WHEN [NOT] MATCHED [AND condition] THEN action` (PostgreSQL's `MergeWhenClause`).
#[derive(Clone, Debug, PartialEq)]
pub struct MergeWhenClause {
    /// MATCHED (true) or NOT MATCHED (false).
    pub matched: bool,
    /// `AND condition`.
    pub condition: Option<Expr>,
    /// What is done.
    pub action: MergeAction,
}

/// The action of a MERGE WHEN clause.
#[derive(Clone, Debug, PartialEq)]
pub enum MergeAction {
    /// `UPDATE SET ...` (WHEN MATCHED).
    Update(Vec<SetClause>),
    /// `DELETE` (WHEN MATCHED).
    Delete,
    /// `INSERT [(cols)] [OVERRIDING ...] {VALUES (...) | DEFAULT VALUES}` (WHEN NOT MATCHED).
    Insert {
        /// The target columns (empty when none were written).
        columns: Vec<SetTarget>,
        /// `OVERRIDING {SYSTEM | USER} VALUE`.
        overriding: Option<OverridingKind>,
        /// The values of `VALUES (...)`, or `None` for DEFAULT VALUES.
        values: Option<Vec<Expr>>,
    },
    /// `DO NOTHING`.
    DoNothing,
}

/// `COPY ...` (PostgreSQL's `CopyStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CopyStmt {
    /// What is copied: a table (with a column list) or a query.
    pub source: CopySource,
    /// COPY FROM (true) or COPY TO (false).
    pub is_from: bool,
    /// `PROGRAM 'command'`: `filename` is a shell command.
    pub is_program: bool,
    /// The file or command; `None` for STDIN / STDOUT.
    pub filename: Option<String>,
    /// The options in the order written, with the leading `BINARY` and `USING DELIMITERS 'x'`
    /// of the oldest syntax first, as PostgreSQL's grammar collects them.
    pub options: Vec<CopyOption>,
    /// `WHERE condition` (COPY FROM).
    pub where_clause: Option<Expr>,
}

/// What a COPY reads or writes.
#[derive(Clone, Debug, PartialEq)]
pub enum CopySource {
    /// `table [(col, ...)]`.
    Table {
        /// The table.
        relation: RangeVar,
        /// The columns (empty when none were written).
        columns: Vec<String>,
    },
    /// `(query)`: a SELECT, or an INSERT/UPDATE/DELETE/MERGE (with RETURNING) (COPY TO only).
    Query(Box<Stmt>),
}

/// One COPY option (a `DefElem` in PostgreSQL). The old syntax's words become the same options
/// as the parenthesised syntax, with the values PostgreSQL's grammar gives them: `CSV` is
/// `format 'csv'`, `HEADER` is `header` with the boolean true, `FORCE QUOTE *` is
/// `force_quote *`.
#[derive(Clone, Debug, PartialEq)]
pub struct CopyOption {
    /// The option's name, lower case.
    pub name: String,
    /// Its value, when one was given.
    pub arg: Option<CopyOptionArg>,
    /// Location of the option.
    pub location: Location,
}

/// The value of a [`CopyOption`].
#[derive(Clone, Debug, PartialEq)]
pub enum CopyOptionArg {
    /// A string, or a word (`csv`, `on`, `true` in the parenthesised syntax).
    String(String),
    /// A number (`Integer` or `Float`), possibly negative.
    Number(Value),
    /// A boolean: only the old syntax's `HEADER` and `FREEZE` give one.
    Boolean(bool),
    /// `*` (`FORCE QUOTE *`, `force_quote *`).
    Star,
    /// A list: column names (`FORCE NOT NULL a, b`) or the words of a parenthesised list
    /// (`force_null (a, b)`).
    List(Vec<String>),
}
