//! Syntax trees of PREPARE / EXECUTE / DEALLOCATE, LISTEN / NOTIFY / UNLISTEN, LOCK, VACUUM, ANALYZE, CLUSTER, REINDEX, CHECKPOINT, SET CONSTRAINTS, LOAD, REFRESH MATERIALIZED VIEW and the two-phase commit statements.
//!
//! PostgreSQL source area: gram.y `PrepareStmt`, `ExecuteStmt`, `DeallocateStmt`, `ListenStmt`, `NotifyStmt`, `LockStmt`, `VacuumStmt`, `ClusterStmt`, `ReindexStmt`, `CheckPointStmt`, `ConstraintsSetStmt`, `LoadStmt` (`parsenodes.h`).
//!
//! The option lists of VACUUM, ANALYZE, CLUSTER, REINDEX and EXPLAIN (gram.y
//! `utility_option_list`) are [`UtilityOption`]s, as in [`ExplainStmt`]: the old
//! keyword forms (`VACUUM FULL VERBOSE`, `CLUSTER VERBOSE`, `REINDEX TABLE
//! CONCURRENTLY`) give the same options, in the order PostgreSQL's grammar
//! appends them, so either spelling is the same tree.
//! (The two-phase commit statements are [`TransactionStmt`]s.)

use super::*;

/// One option of a utility option list (`DefElem`): the lower-case name
/// (`analyse` is read as `"analyze"`) and its value, if one was written
/// (`TRUE`, `ON`, words and strings as strings, numbers as numbers).
pub type UtilityOption = (String, Option<Value>);

/// `PREPARE name [(type, ...)] AS statement` (`PrepareStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct PrepareStmt {
    /// The prepared statement's name.
    pub name: String,
    /// The declared parameter types.
    pub argtypes: Vec<TypeName>,
    /// The statement: SELECT (VALUES, TABLE), INSERT, UPDATE, DELETE or MERGE.
    pub query: Box<Stmt>,
}

/// `EXECUTE name [(arg, ...)]` (`ExecuteStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct ExecuteStmt {
    /// The prepared statement's name.
    pub name: String,
    /// The parameter values.
    pub params: Vec<Expr>,
}

/// A table to lock: `LOCK [TABLE] rel, ... [IN mode MODE] [NOWAIT]` (`LockStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct LockStmt {
    /// The tables (`inh` false for `ONLY`).
    pub relations: Vec<RangeVar>,
    /// The lock mode; ACCESS EXCLUSIVE when none is written.
    pub mode: LockMode,
    /// NOWAIT.
    pub nowait: bool,
}

/// The table lock modes (`lockdefs.h`), weakest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockMode {
    /// ACCESS SHARE.
    AccessShare,
    /// ROW SHARE.
    RowShare,
    /// ROW EXCLUSIVE.
    RowExclusive,
    /// SHARE UPDATE EXCLUSIVE.
    ShareUpdateExclusive,
    /// SHARE.
    Share,
    /// SHARE ROW EXCLUSIVE.
    ShareRowExclusive,
    /// EXCLUSIVE.
    Exclusive,
    /// ACCESS EXCLUSIVE.
    AccessExclusive,
}

impl LockMode {
    /// The mode as written in `IN ... MODE`.
    pub fn sql(self) -> &'static str {
        match self {
            LockMode::AccessShare => "ACCESS SHARE",
            LockMode::RowShare => "ROW SHARE",
            LockMode::RowExclusive => "ROW EXCLUSIVE",
            LockMode::ShareUpdateExclusive => "SHARE UPDATE EXCLUSIVE",
            LockMode::Share => "SHARE",
            LockMode::ShareRowExclusive => "SHARE ROW EXCLUSIVE",
            LockMode::Exclusive => "EXCLUSIVE",
            LockMode::AccessExclusive => "ACCESS EXCLUSIVE",
        }
    }
}

/// `VACUUM ...` and `ANALYZE ...` (`VacuumStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct VacuumStmt {
    /// True for VACUUM, false for ANALYZE (`is_vacuumcmd`).
    pub is_vacuum: bool,
    /// The options: `(FULL, PARALLEL 2)`, or the old keywords FULL, FREEZE, VERBOSE, ANALYZE.
    pub options: Vec<UtilityOption>,
    /// The tables, none for the whole database.
    pub relations: Vec<VacuumRelation>,
}

/// One table of VACUUM or ANALYZE, with its columns (`VacuumRelation`).
#[derive(Clone, Debug, PartialEq)]
pub struct VacuumRelation {
    /// The table.
    pub relation: RangeVar,
    /// The columns, none for all.
    pub columns: Vec<String>,
}

/// `CLUSTER [VERBOSE | (options)] [table [USING index]]`, or the old `CLUSTER [VERBOSE] index
/// ON table` (`ClusterStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterStmt {
    /// The table; none to recluster every table clustered before.
    pub relation: Option<RangeVar>,
    /// The index.
    pub index: Option<String>,
    /// The options (`VERBOSE` is `("verbose", None)`).
    pub options: Vec<UtilityOption>,
}

/// What REINDEX rebuilds (`ReindexObjectType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReindexKind {
    /// REINDEX INDEX.
    Index,
    /// REINDEX TABLE.
    Table,
    /// REINDEX SCHEMA.
    Schema,
    /// REINDEX SYSTEM.
    System,
    /// REINDEX DATABASE.
    Database,
}

/// `REINDEX [(options)] {INDEX | TABLE | SCHEMA | SYSTEM | DATABASE} [CONCURRENTLY] name`
/// (`ReindexStmt`). CONCURRENTLY is the option `("concurrently", None)`, appended after the
/// parenthesised ones, as PostgreSQL's grammar does.
#[derive(Clone, Debug, PartialEq)]
pub struct ReindexStmt {
    /// What is rebuilt.
    pub kind: ReindexKind,
    /// The index or table, for INDEX and TABLE.
    pub relation: Option<RangeVar>,
    /// The schema or database, for SCHEMA, SYSTEM and DATABASE.
    pub name: Option<String>,
    /// The options.
    pub options: Vec<UtilityOption>,
}

/// `SET CONSTRAINTS {ALL | name, ...} {DEFERRED | IMMEDIATE}` (`ConstraintsSetStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct ConstraintsSetStmt {
    /// The constraints; none for ALL.
    pub constraints: Vec<RangeVar>,
    /// DEFERRED (true) or IMMEDIATE (false).
    pub deferred: bool,
}

/// `REFRESH MATERIALIZED VIEW [CONCURRENTLY] name [WITH [NO] DATA]` (`RefreshMatViewStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct RefreshMatViewStmt {
    /// CONCURRENTLY.
    pub concurrent: bool,
    /// WITH NO DATA.
    pub skip_data: bool,
    /// The materialized view.
    pub relation: RangeVar,
}
