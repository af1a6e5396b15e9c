//! The pipeline for SELECT and EXPLAIN: parse analysis, (rewrite,) planning
//! and execution, as PostgreSQL's `tcop/postgres.c` runs them in
//! `exec_simple_query` and `exec_parse_message` (`pg_analyze_and_rewrite_*`,
//! `pg_plan_query`), and the portal's run (`tcop/pquery.c`
//! PortalStart/PortalRun for a plain query). The executor receives only the
//! finished `PlannedStmt`.

use pg_analyze::AnalyzeEnv;
use pg_error::{PgError, PgResult, SqlState};
use pg_executor::{DestReceiver, ExecContext};
use pg_guc::vars;
use pg_mcxt::MemoryContext;
use pg_parser::ast::{RawStmt, Stmt};
use pg_planner::explain::ExplainOptions;
use pg_planner::PlannedStmt;
use pg_types::io::OutputSettings;
use pg_types::types::Oid;
use std::borrow::Cow;
use std::time::Instant;

/// The session's output settings (DateStyle, TimeZone, extra_float_digits,
/// IntervalStyle), rebuilt when any of them changed.
pub fn output_settings() -> OutputSettings {
    pg_types::io::session_output_settings()
}

/// Splits `search_path` into schema names (quotes removed).
pub(crate) fn search_path() -> Vec<String> {
    vars::SEARCH_PATH
        .get()
        .split(',')
        .map(|s| s.trim().trim_matches('"').to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Runs `f` with the analyzer's view of the session (`search_path`, the
/// session user, the I/O settings for unknown literals).
pub(crate) fn with_analyze_env<R>(sql: &str, settings: &OutputSettings, f: impl FnOnce(&AnalyzeEnv<'_>) -> R) -> R {
    let path = search_path();
    let user = crate::session::current_session().map(|s| s.role.name).unwrap_or_default();
    f(&AnalyzeEnv {
        sql,
        catalog: &pg_catalog::HeapCatalog,
        search_path: &path,
        session_user: &user,
        settings,
        has_privs_of_role: &crate::session::has_privs_of_role,
    })
}

/// The statement to analyze: the SELECT itself, or the one inside EXPLAIN
/// with EXPLAIN's options (read here, as `ExplainQuery` reads them before
/// planning, so the executor gets them inside the plan).
fn unwrap_explain(stmt: &RawStmt) -> PgResult<(Cow<'_, RawStmt>, Option<ExplainOptions>)> {
    match &stmt.stmt {
        Stmt::Explain(e) => {
            let opts = pg_planner::explain::parse_options(&e.options)?;
            let inner = RawStmt { stmt: (*e.query).clone(), location: stmt.location, len: stmt.len };
            Ok((Cow::Owned(inner), Some(opts)))
        }
        _ => Ok((Cow::Borrowed(stmt), None)),
    }
}

/// Parse analysis and planning of one raw statement: PostgreSQL's
/// `pg_analyze_and_rewrite_fixedparams` (`param_types` = `None`, the simple
/// query protocol) or `pg_analyze_and_rewrite_varparams` (`Some`: the
/// types the client declared, 0 to infer), with the rewriter's view
/// expansion (`pg_rewrite::rewrite`) between them, then `pg_plan_query`.
/// Returns the plan and every parameter's type.
pub fn analyze_and_plan(
    stmt: &RawStmt,
    env: &AnalyzeEnv<'_>,
    param_types: Option<&[Oid]>,
) -> PgResult<(PlannedStmt, Vec<Oid>)> {
    let started = Instant::now();
    crate::xact::mark_first_snapshot();
    // The statement's snapshot is taken before analysis, as
    // exec_simple_query's PushActiveSnapshot(GetTransactionSnapshot()):
    // the transaction's first query fixes REPEATABLE READ's snapshot even
    // when it reads no table, and the backend's xmin is published.
    pg_wal::snapmgr::get_active_snapshot()?;
    let (stmt, explain) = unwrap_explain(stmt)?;
    let parser_stats = vars::LOG_PARSER_STATS.get();
    let (query, types) = crate::usage::measured(parser_stats, "PARSE ANALYSIS STATISTICS", || match param_types {
        None => pg_analyze::analyze(&stmt, env).map(|q| (q, Vec::new())),
        Some(declared) => pg_analyze::analyze_with_params(&stmt, env, declared),
    })?;
    // Views become subqueries (pg_rewrite's `fireRIRrules`).
    let query = crate::usage::measured(parser_stats, "REWRITER STATISTICS", || pg_rewrite::rewrite(query, env))?;
    // A statement prepared by Parse keeps a constant-folding error for
    // Bind, where PostgreSQL plans it (`PlannedStmt::bind_error`).
    let planned = crate::usage::measured(vars::LOG_PLANNER_STATS.get(), "PLANNER STATISTICS", || match param_types {
        None => pg_planner::plan(query),
        Some(_) => pg_planner::plan_prepared(query),
    })?;
    let planned = match explain {
        Some(mut o) => {
            o.planning_ms = started.elapsed().as_secs_f64() * 1000.0;
            planned.into_explain(o)
        }
        None => planned,
    };
    Ok((planned, types))
}

/// The error for a statement the server does not run yet
/// (`pg_analyze::reject_unsupported`): its missing object, else 0A000.
pub fn reject_unsupported(sql: &str, stmt: &pg_parser::Stmt) -> PgError {
    let settings = output_settings();
    with_analyze_env(sql, &settings, |env| Ok(pg_analyze::reject_unsupported(stmt, env))).unwrap_or_else(|e| e)
}

/// Whether `relation` names an existing relation, for an `ALTER ... IF EXISTS` the server
/// does not run: a missing relation or schema is `false`, any other failure an error.
pub fn relation_exists(sql: &str, relation: &pg_parser::RangeVar) -> PgResult<bool> {
    let settings = output_settings();
    let target = pg_parser::UnsupportedTarget {
        kind: pg_parser::TargetKind::Relation,
        relation: relation.clone(),
        with_position: false,
    };
    with_analyze_env(sql, &settings, |env| match pg_analyze::check_unsupported_target(&target, env) {
        Ok(()) => Ok(true),
        Err(e) if e.code == SqlState::UNDEFINED_TABLE || e.code == SqlState::INVALID_SCHEMA_NAME => Ok(false),
        Err(e) => Err(e),
    })
}

/// Parse analysis and planning for the extended protocol
/// (`exec_parse_message`): the plan and every parameter's type.
pub fn prepare(sql: &str, raw: &RawStmt, param_types: &[Oid]) -> PgResult<(PlannedStmt, Vec<Oid>)> {
    let settings = output_settings();
    with_analyze_env(sql, &settings, |env| analyze_and_plan(raw, env, Some(param_types)))
}

/// Parse analysis and planning of a query without parameters (DECLARE
/// CURSOR's query).
pub fn plan_query(sql: &str, raw: &RawStmt) -> PgResult<PlannedStmt> {
    let settings = output_settings();
    with_analyze_env(sql, &settings, |env| analyze_and_plan(raw, env, None)).map(|(plan, _)| plan)
}

/// Runs one SELECT-like statement of a simple Query message
/// (`exec_simple_query`): analyze and plan it, then execute the plan in
/// the portal's memory context; returns the command tag (`SELECT n`).
pub fn run_query(sql: &str, raw: &RawStmt, portal: &MemoryContext, dest: &mut dyn DestReceiver) -> PgResult<String> {
    let settings = output_settings();
    let _current = portal.switch_to();
    let (planned, _) = with_analyze_env(sql, &settings, |env| analyze_and_plan(raw, env, None))?;
    crate::xact::check_plan_read_only(&planned)?;
    let mut ctx = ExecContext::new(pg_proc::interrupts::check_for_interrupts, &settings, portal.clone());
    let tag = crate::usage::measured(vars::LOG_EXECUTOR_STATS.get(), "EXECUTOR STATISTICS", || {
        pg_executor::execute(&planned, &mut ctx, dest)
    })?;
    Ok(tag.to_string())
}
