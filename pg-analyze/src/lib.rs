//! pg-analyze: raw parse tree + catalog → typed, name-resolved [`Query`]
//! (PostgreSQL's `src/backend/parser/analyze.c`, `parse_expr.c`,
//! `parse_func.c`, `parse_oper.c`, `parse_coerce.c`, `parse_clause.c`,
//! `parse_target.c`).
//!
//! The slice analyzed this round: `SELECT` of expressions without FROM, or
//! from one relation (a system view) or function, with WHERE, ORDER BY,
//! LIMIT/OFFSET and DISTINCT. Everything else is reported as
//! `feature_not_supported` (0A000), never answered wrongly.
//!
//! Names resolve through the [`pg_catalog::Catalog`] trait; operators, casts
//! and functions through pg-types' tables and registry (see [`registry`]).
//! Operator and function resolution follow PostgreSQL's rules: exact match,
//! implicit coercion of unknown literals and of types with implicit casts,
//! preferred types within a category.
//!
//! Dependencies: pg-error, pg-types, pg-parser, pg-catalog.
//! Invariants: the analyzer never evaluates user expressions except unknown
//! literals' input functions (as PostgreSQL's `coerce_type` does); every
//! error carries PostgreSQL's SQLSTATE, wording and cursor position.
#![forbid(unsafe_code)]

pub mod coerce;
pub mod expr;
pub mod query;
pub mod registry;
mod select;

pub use query::{BoolOpKind, Expr, Query, RangeTblEntry, RteSource, SortClause, TargetEntry};

use pg_catalog::Catalog;
use pg_error::{PgError, PgResult};
use pg_parser::ast::{RawStmt, Stmt};
use pg_types::io::OutputSettings;

/// What the analyzer needs from the session.
pub struct AnalyzeEnv<'a> {
    /// The whole query string, for error positions.
    pub sql: &'a str,
    /// The catalog.
    pub catalog: &'a dyn Catalog,
    /// The `search_path` setting, as a list of schema names (`"$user"` allowed).
    pub search_path: &'a [String],
    /// The session user's name (for `"$user"`).
    pub session_user: &'a str,
    /// I/O settings for unknown literals' input functions (DateStyle, TimeZone).
    pub settings: &'a OutputSettings,
}

/// Per-query analysis state (`ParseState`).
pub struct ParseState<'a> {
    env: &'a AnalyzeEnv<'a>,
    /// The FROM item in scope, if any.
    rte: Option<RangeTblEntry>,
}

/// Analyzes one raw statement (`parse_analyze`). Only SELECT is in the slice;
/// other statements give 0A000.
pub fn analyze(stmt: &RawStmt, env: &AnalyzeEnv<'_>) -> PgResult<Query> {
    match &stmt.stmt {
        Stmt::Select(s) => ParseState { env, rte: None }.transform_select(s),
        Stmt::Unsupported { command_tag } => Err(PgError::not_supported(format!("{command_tag} is not supported yet"))),
        Stmt::Explain(_) => Err(PgError::not_supported("EXPLAIN is not supported yet")),
        other => Err(PgError::not_supported(format!("{} is not handled by the analyzer", stmt_name(other)))),
    }
}

fn stmt_name(s: &Stmt) -> &'static str {
    match s {
        Stmt::Select(_) => "SELECT",
        Stmt::VariableSet(_) => "SET",
        Stmt::VariableShow { .. } => "SHOW",
        Stmt::Transaction(_) => "a transaction statement",
        Stmt::CreateRole(_) => "CREATE ROLE",
        Stmt::AlterRole(_) | Stmt::AlterRoleSet(_) | Stmt::RenameRole { .. } => "ALTER ROLE",
        Stmt::DropRole(_) => "DROP ROLE",
        Stmt::Explain(_) => "EXPLAIN",
        Stmt::Unsupported { .. } => "this statement",
    }
}
