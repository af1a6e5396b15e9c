//! pg-analyze: raw parse tree + catalog → typed, name-resolved [`Query`]
//! (PostgreSQL's `src/backend/parser/analyze.c`, `parse_expr.c`,
//! `parse_func.c`, `parse_oper.c`, `parse_coerce.c`, `parse_clause.c`,
//! `parse_target.c`).
//!
//! What is analyzed: `SELECT` of expressions without FROM, or from
//! relations (system views), functions, subqueries and joins, with WHERE,
//! GROUP BY/HAVING, ORDER BY, LIMIT/OFFSET and DISTINCT; `VALUES` lists
//! (statement or in FROM) and UNION/INTERSECT/EXCEPT \[ALL\] (see
//! `setop.rs`); tables in FROM (opened through the relation cache with
//! PostgreSQL's locks), INSERT / UPDATE / DELETE with RETURNING, and
//! SELECT ... FOR UPDATE/SHARE (see `dml.rs`). Everything else is reported
//! as `feature_not_supported` (0A000), never answered wrongly.
//!
//! Query levels: a subquery (in an expression, in FROM, or an arm of a set
//! operation) is analyzed by a child [`ParseState`] whose parent is the
//! enclosing level, as PostgreSQL's `parentParseState`. A column reference
//! that does not resolve at its own level is looked up outward; found `k`
//! levels out it becomes an `Expr::OuterVar` with `levelsup = k`
//! (`varlevelsup`), and every level it crosses is marked
//! `Query::has_outer_refs`. Subquery expressions (`EXISTS`, scalar,
//! `ARRAY(...)`, `op ANY/ALL (...)`, `IN (...)`) become `Expr::SubLink`s
//! holding the analyzed subquery (`subselect.rs`); the planner decides how
//! they run. WITH queries (`cte.rs`) are analyzed one level below their
//! statement and found by name from FROM items at any depth
//! (`RteSource::Cte` with `levelsup`); a WITH RECURSIVE query is checked
//! for PostgreSQL's form, and its recursive term reads a
//! `RteSource::WorkTable`.
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

mod agg;
pub mod array;
pub mod coerce;
mod cte;
mod dml;
pub mod expr;
pub mod in_list;
mod join;
mod params;
pub mod query;
pub mod registry;
mod select;
mod setop;
mod subselect;

pub use query::{
    is_junk_ctid, AggKind, AggSortKey, Aggref, BoolOpKind, BoolTestKind, CmdType, Cte, CteBody, Expr, HypotheticalKind,
    JoinTree, JoinType, ModifyInfo, ModifyTarget, Query, RangeTblEntry, RegrKind, RelationRef, RowMark, RteSource,
    SetOpKind, SetOpTree, SortClause, SubLink, SubLinkKind, SubPlan, TargetColumn, TargetEntry, SUBLINK_COLUMN_PARAM,
};

use pg_catalog::Catalog;
use pg_error::{PgError, PgResult, SqlState};
use pg_parser::ast::{RawStmt, Stmt};
use pg_types::io::OutputSettings;
use pg_types::types::Oid;
use std::cell::Cell;

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
    /// Whether the current user has the privileges of the named role
    /// (`has_privs_of_role`: a superuser has every role's), for the
    /// relations whose SELECT privilege is granted to a role.
    pub has_privs_of_role: &'a dyn Fn(&str) -> bool,
}

/// Per-query analysis state (`ParseState`).
pub struct ParseState<'a> {
    env: &'a AnalyzeEnv<'a>,
    /// The FROM item in scope, if any.
    rte: Option<RangeTblEntry>,
    /// The clause being transformed when aggregates are not allowed there
    /// (`p_expr_kind`, named as in `aggregate functions are not allowed in
    /// WHERE`); `None` where they are.
    no_aggs_in: Cell<Option<&'static str>>,
    /// True while transforming an aggregate's arguments.
    in_agg: Cell<bool>,
    /// True once an aggregate call was seen (`p_hasAggs`).
    has_aggs: Cell<bool>,
    /// False while transforming a set operation's arm: its unknown-type
    /// output columns stay unknown until the operation's column types are
    /// chosen (`p_resolve_unknowns`).
    resolve_unknowns: bool,
    /// The FROM items visible to column references when FROM holds more
    /// than one item or a join (`p_namespace`); empty otherwise.
    namespace: std::cell::RefCell<Vec<join::NsItem>>,
    /// Columns merged by JOIN USING / NATURAL, visible unqualified.
    merged: std::cell::RefCell<Vec<join::Merged>>,
    /// While a JOIN's ON condition is transformed: the first scan-row
    /// column of the join; FROM items before it are out of scope.
    join_scope_start: Cell<usize>,
    /// What `*` expands to over a join.
    join_star: Option<Vec<(String, Expr)>>,
    /// The enclosing query level, for a subquery (`parentParseState`):
    /// column references that do not resolve here are looked up there.
    parent: Option<&'a ParseState<'a>>,
    /// Set when a column reference of this level, or of a level nested in
    /// it, resolved to an enclosing level (becomes `Query::has_outer_refs`).
    has_outer_refs: Cell<bool>,
    /// Where a set-returning function is not allowed although aggregates
    /// are (HAVING, CASE, COALESCE): the clause's name for the error.
    no_srfs_in: Cell<Option<&'static str>>,
    /// The WITH queries of this level (`p_ctenamespace`).
    ctes: std::cell::RefCell<Vec<cte::CteItem>>,
    /// True while the nullable side of an outer join is transformed (a
    /// recursive reference may not appear there).
    in_nullable_side: Cell<bool>,
    /// True while a FROM subquery without LATERAL is transformed: the
    /// FROM items of this level are then invisible to it.
    hide_from: Cell<bool>,
    /// The last position computed by `pos` (a byte offset at a character
    /// boundary and its 1-based character position), so that the next one
    /// counts characters from there rather than from the start of the
    /// query: positions are asked for at every operator, and counting from
    /// the start each time made a long IN list or AND chain quadratic.
    pos_cache: Cell<(usize, u32)>,
    /// The last operator resolved by `make_op`: its name, input types and
    /// the candidate chosen. Resolution depends on nothing else, and an IN
    /// list or a long chain resolves the same operator for the same types
    /// over and over.
    last_operator: std::cell::RefCell<Option<(String, Vec<Oid>, registry::OperCandidate)>>,
    /// While an UPDATE's or DELETE's FROM list is transformed: the
    /// location of the target table's name, whose entry is opened with
    /// RowExclusiveLock and gets the junk `ctid` column (`setTargetTable`).
    result_relation: Cell<Option<usize>>,
    /// SELECT ... FOR UPDATE/SHARE: tables whose rows are locked (all when
    /// empty and `lock_all`), opened with RowShareLock and given the junk
    /// `ctid` column.
    lock_rels: std::cell::RefCell<Vec<String>>,
    /// FOR UPDATE/SHARE without OF: every table of this level.
    lock_all: Cell<bool>,
}

impl<'a> ParseState<'a> {
    fn new(env: &'a AnalyzeEnv<'a>) -> ParseState<'a> {
        ParseState {
            env,
            rte: None,
            no_aggs_in: Cell::new(None),
            in_agg: Cell::new(false),
            has_aggs: Cell::new(false),
            resolve_unknowns: true,
            namespace: Default::default(),
            merged: Default::default(),
            join_scope_start: Cell::new(0),
            join_star: None,
            parent: None,
            has_outer_refs: Cell::new(false),
            no_srfs_in: Cell::new(None),
            ctes: Default::default(),
            in_nullable_side: Cell::new(false),
            hide_from: Cell::new(false),
            pos_cache: Cell::new((0, 1)),
            last_operator: Default::default(),
            result_relation: Cell::new(None),
            lock_rels: Default::default(),
            lock_all: Cell::new(false),
        }
    }

    /// The state for a subquery one level below this one.
    pub(crate) fn child<'b>(&'b self) -> ParseState<'b> {
        ParseState { parent: Some(self), ..ParseState::new(self.env) }
    }

    /// Runs `f` with set-returning functions disallowed, naming `clause`.
    pub(crate) fn without_srfs<T>(&self, clause: &'static str, f: impl FnOnce() -> T) -> T {
        let saved = self.no_srfs_in.replace(Some(clause));
        let out = f();
        self.no_srfs_in.set(saved);
        out
    }

    /// Runs `f` with aggregates disallowed, naming `clause` in the error.
    pub(crate) fn without_aggs<T>(&self, clause: &'static str, f: impl FnOnce() -> T) -> T {
        let saved = self.no_aggs_in.replace(Some(clause));
        let out = f();
        self.no_aggs_in.set(saved);
        out
    }
}

/// The object a statement the server does not run yet acts on must exist:
/// PostgreSQL reports a missing relation (42P01: `relation "t"`, or `table`,
/// `view`, `sequence` for DROP; DROP INDEX's is 42704) or schema (3F000) before anything
/// else, and so does the server, before its 0A000.
pub fn check_unsupported_target(target: &pg_parser::UnsupportedTarget, env: &AnalyzeEnv<'_>) -> PgResult<()> {
    use pg_parser::TargetKind;
    let rv = &target.relation;
    let name = match (&rv.catalog, &rv.schema) {
        (Some(c), Some(s)) => format!("{c}.{s}.{}", rv.name),
        (None, Some(s)) => format!("{s}.{}", rv.name),
        _ => rv.name.clone(),
    };
    let position = |e: PgError| {
        if target.with_position {
            e.with_position(pg_parser::lexer::char_position(env.sql, rv.location.0))
        } else {
            e
        }
    };
    if target.kind == TargetKind::Schema {
        return match env.catalog.namespace_by_name(&rv.name) {
            Some(_) => Ok(()),
            None => Err(position(PgError::new(
                SqlState::INVALID_SCHEMA_NAME,
                format!("schema \"{}\" does not exist", rv.name),
            ))),
        };
    }
    if rv.catalog.is_some() {
        // Cross-database and three-part names: left to the 0A000.
        return Ok(());
    }
    let path = pg_catalog::effective_search_path(env.catalog, env.search_path, env.session_user);
    match pg_catalog::resolve_relation(env.catalog, rv.schema.as_deref(), &rv.name, &path) {
        Ok(Some(_)) => Ok(()),
        Ok(None) => {
            let what = match target.kind {
                TargetKind::Table => "table",
                TargetKind::View => "view",
                TargetKind::Index => "index",
                TargetKind::Sequence => "sequence",
                TargetKind::Relation | TargetKind::Schema => "relation",
            };
            // DropErrorMsgNonExistent: an index is an undefined object, not table.
            let code =
                if target.kind == TargetKind::Index { SqlState::UNDEFINED_OBJECT } else { SqlState::UNDEFINED_TABLE };
            Err(position(PgError::new(code, format!("{what} \"{name}\" does not exist"))))
        }
        // The statements the analyzer reads (parserOpenTable) name the
        // relation even when its schema is missing; utility statements the schema.
        Err(_) if target.with_position => {
            Err(position(PgError::new(SqlState::UNDEFINED_TABLE, format!("relation \"{name}\" does not exist"))))
        }
        Err(missing) => Err(missing.into_error()),
    }
}

/// `typenameTypeIdAndMod` for utility statements (a column's type in
/// CREATE TABLE and ALTER TABLE): the type's OID and typmod, with the
/// analyzer's errors and positions.
pub fn resolve_type_name(tn: &pg_parser::ast::TypeName, env: &AnalyzeEnv<'_>) -> PgResult<(Oid, i32)> {
    ParseState::new(env).resolve_type_name(tn)
}

/// Analyzes one raw statement (`parse_analyze`). Only SELECT is in the slice;
/// other statements give 0A000.
pub fn analyze(stmt: &RawStmt, env: &AnalyzeEnv<'_>) -> PgResult<Query> {
    match &stmt.stmt {
        Stmt::Select(s) => ParseState::new(env).transform_select(s),
        Stmt::Insert(s) => ParseState::new(env).transform_insert(s),
        Stmt::Update(s) => ParseState::new(env).transform_update(s),
        Stmt::Delete(s) => ParseState::new(env).transform_delete(s),
        Stmt::Explain(_) => Err(PgError::not_supported("EXPLAIN is not supported yet")),
        Stmt::VariableSet(_)
        | Stmt::VariableShow { .. }
        | Stmt::Transaction(_)
        | Stmt::CreateRole(_)
        | Stmt::AlterRole(_)
        | Stmt::AlterRoleSet(_)
        | Stmt::RenameRole { .. }
        | Stmt::DropRole(_)
        | Stmt::DeclareCursor(_)
        | Stmt::Fetch(_)
        | Stmt::ClosePortal { .. }
        | Stmt::Discard(_)
        | Stmt::Checkpoint => {
            Err(PgError::not_supported(format!("{} is not handled by the analyzer", stmt_name(&stmt.stmt))))
        }
        other => Err(reject_unsupported(other, env)),
    }
}

/// The error for a statement the server cannot run yet: the missing object
/// it names when there is one (PostgreSQL reports that first), else 0A000
/// "`<command tag>` is not supported yet".
pub fn reject_unsupported(stmt: &Stmt, env: &AnalyzeEnv<'_>) -> PgError {
    // INSERT, UPDATE, DELETE and MERGE analyze their WITH clause before opening their target
    // (transformInsertStmt, ...), so an error there comes first; what the server cannot do
    // there yet ("... not supported yet") is left to the 0A000 below.
    let with = match stmt {
        Stmt::Insert(s) => s.with.as_ref(),
        Stmt::Update(s) => s.with.as_ref(),
        Stmt::Delete(s) => s.with.as_ref(),
        Stmt::Merge(s) => s.with.as_ref(),
        _ => None,
    };
    if let Some(with) = with {
        if let Err(e) = ParseState::new(env).transform_with(with) {
            if !e.message.ends_with("not supported yet") {
                return e;
            }
        }
    }
    if let Some(t) = stmt.unsupported_target() {
        if let Err(e) = check_unsupported_target(&t, env) {
            return e;
        }
    }
    PgError::not_supported(format!("{} is not supported yet", stmt.command_tag()))
}

/// Analyzes a statement with parameters `$1..$n` (`parse_analyze_varparams`),
/// for Parse messages of the extended query protocol. `param_types[i]` is
/// the type the client declared for `$i+1`, or 0 to infer it from context
/// as PostgreSQL does (`$1 + 1` makes it integer, `$1 = 'x'` text, a bare
/// `SELECT $1` text). Returns the query and the type of every parameter up
/// to the highest referenced or declared; a parameter whose type cannot be
/// inferred is `could not determine data type of parameter $n` (42P18).
pub fn analyze_with_params(stmt: &RawStmt, env: &AnalyzeEnv<'_>, param_types: &[Oid]) -> PgResult<(Query, Vec<Oid>)> {
    let scope = params::ParamScope::new(param_types.to_vec());
    let query = analyze(stmt, env)?;
    let types = scope.types();
    params::check_all_typed(&types)?;
    Ok((query, types))
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
        Stmt::DeclareCursor(_) => "DECLARE CURSOR",
        Stmt::Fetch(f) if f.is_move => "MOVE",
        Stmt::Fetch(_) => "FETCH",
        Stmt::ClosePortal { .. } => "CLOSE CURSOR",
        Stmt::Discard(mode) => mode.command_tag(),
        _ => "this statement",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A superuser's environment over the built-in catalog.
    fn test_env<'a>(sql: &'a str, settings: &'a OutputSettings) -> AnalyzeEnv<'a> {
        AnalyzeEnv {
            sql,
            catalog: &pg_catalog::BuiltinCatalog,
            search_path: &[],
            session_user: "postgres",
            settings,
            has_privs_of_role: &|_| true,
        }
    }

    /// `ParseState::pos` counts from its previous answer, forwards or
    /// backwards; every answer must still be the character position that
    /// counting from the start gives.
    #[test]
    fn positions_counted_incrementally_are_exact() {
        let sql = "select 'é', x + föö from t where ü = 'ß' and 1 = 1";
        let settings = OutputSettings::default();
        let env = test_env(sql, &settings);
        let ps = ParseState::new(&env);
        let order = [40, 3, 3, 9, 8, 70, 0, 27, 26, 52, 14, 13, 15];
        for byte in order {
            assert_eq!(ps.pos(byte), pg_parser::byte_to_char_position(sql, byte), "byte {byte}");
        }
    }

    /// The SQLSTATEs PostgreSQL 15 gives a missing object of each kind
    /// (the golden file `missing_objects` checks the messages).
    #[test]
    fn missing_objects_of_not_run_statements() {
        let settings = OutputSettings::default();
        let code = |sql: &str| {
            let env = test_env(sql, &settings);
            let stmts = pg_parser::parse(sql).expect("parses");
            analyze(&stmts[0], &env).map(|_| ()).unwrap_err().code.code().to_string()
        };
        assert_eq!(code("insert into nosuch values (1)"), "42P01");
        assert_eq!(code("drop table nosuch"), "42P01");
        assert_eq!(code("drop index nosuch"), "42704");
        assert_eq!(code("drop schema nosuch"), "3F000");
        assert_eq!(code("truncate nosuch"), "42P01");
    }
}
