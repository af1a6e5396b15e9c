//! The pipeline above the executor, for the tests that start from SQL
//! text: parse analysis, rewriting (views) and planning as
//! `pg_tcop::exec::analyze_and_plan` does them (the executor itself never sees a raw statement), then
//! [`pg_executor::execute`].

use pg_analyze::AnalyzeEnv;
use pg_catalog::Catalog;
use pg_error::PgResult;
use pg_executor::{execute, CommandTag, DestReceiver, ExecContext};
use pg_parser::ast::{RawStmt, Stmt};
use pg_planner::PlannedStmt;
use pg_types::io::OutputSettings;
use pg_types::types::Oid;

/// The session facts analysis needs.
pub struct SessionInfo<'a> {
    /// The whole query string the statement came from (for error positions).
    pub sql: &'a str,
    /// The `search_path` setting split into schema names.
    pub search_path: &'a [String],
    /// The session user's name.
    pub session_user: &'a str,
}

/// Analyzes and plans `stmt` (EXPLAIN unwrapped, its options parsed by the
/// planner); `param_types` as for `analyze_with_params`, or `None`.
fn plan(
    stmt: &RawStmt,
    session: &SessionInfo<'_>,
    catalog: &dyn Catalog,
    settings: &OutputSettings,
    param_types: Option<&[Oid]>,
) -> PgResult<(PlannedStmt, Vec<Oid>)> {
    let env = AnalyzeEnv {
        sql: session.sql,
        catalog,
        search_path: session.search_path,
        session_user: session.session_user,
        settings,
        has_privs_of_role: &|_| true,
    };
    let started = std::time::Instant::now();
    let (inner, explain) = match &stmt.stmt {
        Stmt::Explain(e) => {
            let opts = pg_planner::explain::parse_options(&e.options)?;
            (RawStmt { stmt: (*e.query).clone(), location: stmt.location, len: stmt.len }, Some(opts))
        }
        _ => (stmt.clone(), None),
    };
    let (query, types) = match param_types {
        None => (pg_analyze::analyze(&inner, &env)?, Vec::new()),
        Some(declared) => pg_analyze::analyze_with_params(&inner, &env, declared)?,
    };
    let query = pg_rewrite::rewrite(query, &env)?;
    let planned = pg_planner::plan(query)?;
    let planned = match explain {
        Some(mut o) => {
            o.planning_ms = started.elapsed().as_secs_f64() * 1000.0;
            planned.into_explain(o)
        }
        None => planned,
    };
    Ok((planned, types))
}

/// Analyzes, plans and executes one statement, sending rows to `dest`.
#[allow(dead_code)] // Not every test file that includes this module runs statements directly.
pub fn run_select(
    stmt: &RawStmt,
    session: &SessionInfo<'_>,
    catalog: &dyn Catalog,
    ctx: &mut ExecContext<'_>,
    dest: &mut dyn DestReceiver,
) -> PgResult<CommandTag> {
    let (planned, _) = plan(stmt, session, catalog, ctx.settings, None)?;
    execute(&planned, ctx, dest)
}

/// Analysis with `$n` types inferred (declared ones as given) and planning,
/// as for a Parse message: the plan and every parameter's type.
#[allow(dead_code)] // Not every test file that includes this module prepares.
pub fn prepare(
    stmt: &RawStmt,
    session: &SessionInfo<'_>,
    catalog: &dyn Catalog,
    settings: &OutputSettings,
    param_types: &[Oid],
) -> PgResult<(PlannedStmt, Vec<Oid>)> {
    plan(stmt, session, catalog, settings, Some(param_types))
}
