//! The bridge from tcop to the planner and executor for SELECT (PostgreSQL's
//! `tcop/pquery.c` PortalStart/PortalRun for a plain query).

use pg_error::PgResult;
use pg_executor::{DestReceiver, ExecContext, SessionInfo};
use pg_mcxt::MemoryContext;
use pg_parser::ast::RawStmt;
use pg_types::io::OutputSettings;
use std::cell::RefCell;

thread_local! {
    /// The last settings built, with the GUC strings they came from: time
    /// zone files are read once per change, not once per query.
    static SETTINGS_CACHE: RefCell<Option<(String, OutputSettings)>> = const { RefCell::new(None) };
}

/// The session's output settings (DateStyle, TimeZone, extra_float_digits,
/// IntervalStyle), rebuilt when any of them changed.
pub fn output_settings() -> OutputSettings {
    let ds = pg_guc::get_string("DateStyle").unwrap_or_else(|_| "ISO, MDY".into());
    let tz = pg_guc::get_string("TimeZone").unwrap_or_else(|_| "UTC".into());
    let efd = pg_guc::get_int("extra_float_digits").unwrap_or(1) as i32;
    let is = pg_guc::get_string("IntervalStyle").unwrap_or_else(|_| "postgres".into());
    let key = format!("{ds}\u{1}{tz}\u{1}{efd}\u{1}{is}");
    SETTINGS_CACHE.with(|c| {
        if let Some((k, s)) = c.borrow().as_ref() {
            if *k == key {
                return s.clone();
            }
        }
        let s = OutputSettings::from_gucs(&ds, &tz, efd, &is).unwrap_or_default();
        *c.borrow_mut() = Some((key, s.clone()));
        s
    })
}

/// Splits `search_path` into schema names (quotes removed).
fn search_path() -> Vec<String> {
    pg_guc::get_string("search_path")
        .unwrap_or_default()
        .split(',')
        .map(|s| s.trim().trim_matches('"').to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Runs `f` with the session facts analysis needs (search_path, session user).
fn with_session_info<R>(sql: &str, f: impl FnOnce(&SessionInfo<'_>) -> R) -> R {
    let path = search_path();
    let user = crate::session::current_session().map(|s| s.role.name).unwrap_or_default();
    f(&SessionInfo { sql, search_path: &path, session_user: &user })
}

/// Parse analysis and planning for the extended protocol: the plan and
/// every parameter's type.
pub fn prepare(sql: &str, raw: &RawStmt, param_types: &[u32]) -> PgResult<(pg_planner::PlannedStmt, Vec<u32>)> {
    let settings = output_settings();
    with_session_info(sql, |session| {
        pg_executor::prepare(raw, session, &pg_catalog::BuiltinCatalog, &settings, param_types)
    })
}

/// Executes a prepared plan with bound parameters in `portal`'s context.
pub fn execute_prepared(
    plan: &pg_planner::PlannedStmt,
    params: &[pg_types::Datum],
    portal: &MemoryContext,
    dest: &mut dyn DestReceiver,
) -> PgResult<String> {
    let settings = output_settings();
    let _current = portal.switch_to();
    let mut ctx = ExecContext::new(pg_proc::interrupts::check_for_interrupts, &settings, portal.clone());
    Ok(pg_executor::execute_with_params(plan, params, &mut ctx, dest)?.to_string())
}

/// Runs one SELECT-like statement in the portal's memory context; returns
/// the command tag (`SELECT n`).
pub fn run_query(sql: &str, raw: &RawStmt, portal: &MemoryContext, dest: &mut dyn DestReceiver) -> PgResult<String> {
    let settings = output_settings();
    let _current = portal.switch_to();
    let mut ctx = ExecContext::new(pg_proc::interrupts::check_for_interrupts, &settings, portal.clone());
    let tag = with_session_info(sql, |session| {
        pg_executor::run_select(raw, session, &pg_catalog::BuiltinCatalog, &mut ctx, dest)
    })?;
    Ok(tag.to_string())
}
