//! Statement logging (PostgreSQL's `tcop/postgres.c`: `check_log_statement`,
//! `check_log_duration`, `errdetail_params`; `tcop/utility.c`:
//! `GetCommandLogLevel`).
//!
//! - `log_statement` (`none`, `ddl`, `mod`, `all`) logs a statement when it
//!   arrives: `statement: TEXT` for a simple Query, `execute NAME: TEXT`
//!   with the bound parameters in a DETAIL line for an extended-protocol
//!   Execute.
//! - `log_duration`, `log_min_duration_statement` and
//!   `log_min_duration_sample` (with `log_statement_sample_rate`) log a
//!   message's duration when it completes: `duration: 0.284 ms`, with the
//!   statement added when a threshold made the line and `log_statement`
//!   has not already shown it. Every statement of a transaction picked by
//!   `log_transaction_sample_rate` is logged so too.
//!
//! Every such line hides the STATEMENT line (`errhidestmt`): it shows the
//! statement itself. A message that ends in an error logs no duration, as
//! in PostgreSQL.

use pg_parser::ast::{RawStmt, Stmt};
use pg_types::Datum;
use std::time::{Duration, Instant};

/// `LogStmtLevel`, in PostgreSQL's order: a statement is logged when its
/// level is at most `log_statement`'s.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum LogStmtLevel {
    /// `none`: nothing is logged.
    None,
    /// Data definition: CREATE, ALTER, DROP, GRANT, ...
    Ddl,
    /// Data modification: INSERT, UPDATE, DELETE, TRUNCATE, COPY FROM, ...
    Mod,
    /// Everything else.
    All,
}

/// `GetCommandLogLevel` for a command tag, for statements this server
/// recognises by their tag only.
fn tag_log_level(tag: &str) -> LogStmtLevel {
    const MOD_TAGS: [&str; 6] = ["INSERT", "UPDATE", "DELETE", "MERGE", "TRUNCATE TABLE", "COPY"];
    const DDL_PREFIXES: [&str; 11] = [
        "CREATE ",
        "ALTER ",
        "DROP ",
        "GRANT",
        "REVOKE",
        "COMMENT",
        "SECURITY LABEL",
        "IMPORT FOREIGN SCHEMA",
        "REFRESH MATERIALIZED VIEW",
        "REASSIGN OWNED",
        "SELECT INTO",
    ];
    if MOD_TAGS.contains(&tag) {
        LogStmtLevel::Mod
    } else if DDL_PREFIXES.iter().any(|p| tag.starts_with(p)) {
        LogStmtLevel::Ddl
    } else {
        LogStmtLevel::All
    }
}

/// `GetCommandLogLevel`: what kind of statement this is for `log_statement`.
pub(crate) fn command_log_level(stmt: &Stmt) -> LogStmtLevel {
    match stmt {
        Stmt::CreateRole(_)
        | Stmt::AlterRole(_)
        | Stmt::AlterRoleSet(_)
        | Stmt::RenameRole { .. }
        | Stmt::DropRole(_) => LogStmtLevel::Ddl,
        // EXPLAIN ANALYZE runs its statement, so it is logged as that one.
        Stmt::Explain(e) if e.options.iter().any(|(name, _)| name == "analyze") => command_log_level(&e.query),
        // PREPARE is logged as the statement it prepares.
        Stmt::Prepare(p) => command_log_level(&p.query),
        Stmt::Select(_) | Stmt::VariableSet(_) | Stmt::VariableShow { .. } | Stmt::Transaction(_) => LogStmtLevel::All,
        // COPY TO only reads.
        Stmt::Copy(c) if !c.is_from => LogStmtLevel::All,
        other => tag_log_level(other.command_tag()),
    }
}

/// `log_statement`'s level.
fn log_statement_setting() -> LogStmtLevel {
    match pg_guc::vars::LOG_STATEMENT.label() {
        "ddl" => LogStmtLevel::Ddl,
        "mod" => LogStmtLevel::Mod,
        "all" => LogStmtLevel::All,
        _ => LogStmtLevel::None,
    }
}

/// Whether `log_statement` logs a statement of this level.
pub(crate) fn level_is_logged(level: LogStmtLevel) -> bool {
    let setting = log_statement_setting();
    setting != LogStmtLevel::None && level <= setting
}

/// `check_log_statement`: whether any of `stmts` is logged by `log_statement`.
pub(crate) fn check_log_statement<'a>(stmts: impl IntoIterator<Item = &'a Stmt>) -> bool {
    stmts.into_iter().any(|s| level_is_logged(command_log_level(s)))
}

/// Writes one statement-logging line at LOG, without a STATEMENT line.
pub(crate) fn log_line(message: &str, detail: Option<&str>) {
    tracing::info!(hide_statement = true, detail, "{message}");
}

/// Logs a simple Query's text when `log_statement` asks for it; returns
/// whether it did (`was_logged`).
pub(crate) fn log_simple_query(sql: &str, stmts: &[RawStmt]) -> bool {
    let logged = check_log_statement(stmts.iter().map(|r| &r.stmt));
    if logged {
        log_line(&format!("statement: {sql}"), None);
    }
    logged
}

thread_local! {
    /// `xact_is_sampled`: this transaction was picked by
    /// `log_transaction_sample_rate`, so all its statements are logged.
    static XACT_IS_SAMPLED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Picks (or not) the transaction that starts now for
/// `log_transaction_sample_rate` (StartTransaction's draw).
pub(crate) fn sample_transaction() {
    let rate = pg_guc::vars::LOG_TRANSACTION_SAMPLE_RATE.get();
    let sampled = rate != 0.0 && (rate >= 1.0 || random_fraction() <= rate);
    XACT_IS_SAMPLED.with(|x| x.set(sampled));
}

/// What `check_log_duration` decided.
pub(crate) enum DurationLog {
    /// No duration line.
    Nothing,
    /// `duration: N ms` alone (`log_duration`, or the statement was
    /// already logged).
    Duration(String),
    /// `duration: N ms` followed by the statement.
    WithStatement(String),
}

/// `check_log_duration`: whether a message that took `elapsed` is logged,
/// and how. The duration reads as PostgreSQL prints it: milliseconds with
/// three decimals.
pub(crate) fn check_log_duration(elapsed: Duration, was_logged: bool) -> DurationLog {
    let log_duration = pg_guc::vars::LOG_DURATION.get();
    let min_statement = pg_guc::vars::LOG_MIN_DURATION_STATEMENT.get();
    let min_sample = pg_guc::vars::LOG_MIN_DURATION_SAMPLE.get();
    let xact_sampled = XACT_IS_SAMPLED.with(std::cell::Cell::get);
    if !log_duration && min_statement < 0 && min_sample < 0 && !xact_sampled {
        return DurationLog::Nothing;
    }
    let secs = elapsed.as_secs() as i64;
    let usecs = elapsed.subsec_micros() as i64;
    let msecs = secs * 1000 + usecs / 1000;
    let exceeds = |min: i32| min == 0 || (min > 0 && msecs >= min as i64);
    let exceeded_duration = exceeds(min_statement);
    let in_sample = exceeds(min_sample) && {
        let rate = pg_guc::vars::LOG_STATEMENT_SAMPLE_RATE.get();
        rate != 0.0 && (rate >= 1.0 || random_fraction() <= rate)
    };
    if !(exceeded_duration || in_sample || log_duration || xact_sampled) {
        return DurationLog::Nothing;
    }
    let text = format!("{msecs}.{:03}", usecs % 1000);
    if (exceeded_duration || in_sample || xact_sampled) && !was_logged {
        DurationLog::WithStatement(text)
    } else {
        DurationLog::Duration(text)
    }
}

/// A uniform random number in [0, 1), for `log_statement_sample_rate`.
fn random_fraction() -> f64 {
    let mut bytes = [0u8; 8];
    let _ = getrandom::getrandom(&mut bytes);
    (u64::from_ne_bytes(bytes) >> 11) as f64 / (1u64 << 53) as f64
}

/// Logs a completed message's duration: `label` is what follows the
/// duration when the statement is shown (`statement: TEXT`,
/// `execute P_1: TEXT`).
pub(crate) fn log_duration(started: Instant, was_logged: bool, label: impl FnOnce() -> String, detail: Option<&str>) {
    match check_log_duration(started.elapsed(), was_logged) {
        DurationLog::Nothing => {}
        DurationLog::Duration(ms) => log_line(&format!("duration: {ms} ms"), None),
        DurationLog::WithStatement(ms) => log_line(&format!("duration: {ms} ms  {}", label()), detail),
    }
}

/// Whether any statement logging is on, so that Bind keeps its
/// parameters' text for the log.
pub(crate) fn statement_logging_enabled() -> bool {
    log_statement_setting() != LogStmtLevel::None
        || pg_guc::vars::LOG_DURATION.get()
        || pg_guc::vars::LOG_MIN_DURATION_STATEMENT.get() >= 0
        || pg_guc::vars::LOG_MIN_DURATION_SAMPLE.get() >= 0
}

/// `appendStringInfoStringQuoted`: `'text'` with quotes doubled, cut to
/// `max` bytes (on a character boundary) and ended with `...` when longer;
/// a negative `max` keeps it whole.
pub(crate) fn quote_cut(text: &str, max: i32) -> String {
    let mut end = text.len();
    let cut = max >= 0 && text.len() > max as usize;
    if cut {
        end = max as usize;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
    }
    format!("'{}{}'", text[..end].replace('\'', "''"), if cut { "..." } else { "" })
}

/// `BuildParamLogString`: `$1 = '0', $2 = NULL`, each value in its text
/// form, quoted and cut to `max` bytes (negative: whole).
pub(crate) fn params_string(types: &[u32], params: &[Datum], max: i32) -> String {
    let settings = crate::exec::output_settings();
    let mut out = String::new();
    for (i, (ty, value)) in types.iter().zip(params).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&format!("${} = ", i + 1));
        if matches!(value, Datum::Null) {
            out.push_str("NULL");
        } else {
            out.push_str(&quote_cut(&pg_types::output(*ty, value, &settings), max));
        }
    }
    out
}

/// `errdetail_params`: `parameters: $1 = '0', $2 = NULL`, cut to
/// `log_parameter_max_length` bytes each; None when there are no
/// parameters or the setting is 0.
pub(crate) fn params_detail(types: &[u32], params: &[Datum]) -> Option<String> {
    let max = pg_guc::vars::LOG_PARAMETER_MAX_LENGTH.get();
    if params.is_empty() || max == 0 {
        return None;
    }
    Some(format!("parameters: {}", params_string(types, params, max)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_and_cutting_values() {
        for (text, max, expect) in [
            ("x", 0, "'...'"),
            ("", 0, "''"),
            ("x", -1, "'x'"),
            ("it's", -1, "'it''s'"),
            ("abcdef", 3, "'abc...'"),
            ("\u{e9}\u{e9}", 3, "'\u{e9}...'"),
        ] {
            assert_eq!(quote_cut(text, max), expect, "{text} {max}");
        }
    }

    #[test]
    fn log_levels_of_statements() {
        for (sql, level) in [
            ("select 1", LogStmtLevel::All),
            ("set work_mem = '1MB'", LogStmtLevel::All),
            ("begin", LogStmtLevel::All),
            ("create role r", LogStmtLevel::Ddl),
            ("drop role r", LogStmtLevel::Ddl),
            ("create table t (a int)", LogStmtLevel::Ddl),
            ("insert into t values (1)", LogStmtLevel::Mod),
            ("explain insert into t values (1)", LogStmtLevel::All),
            ("explain analyze select 1", LogStmtLevel::All),
            ("explain analyze delete from t", LogStmtLevel::Mod),
            ("with x as (select 1) update t set a = 1", LogStmtLevel::Mod),
            ("merge into t using s on true when matched then delete", LogStmtLevel::Mod),
            ("copy t from stdin", LogStmtLevel::Mod),
            ("copy t to stdout", LogStmtLevel::All),
            ("vacuum", LogStmtLevel::All),
            ("prepare p as insert into t values (1)", LogStmtLevel::Mod),
            ("prepare p as select 1", LogStmtLevel::All),
            ("execute p", LogStmtLevel::All),
            ("lock t", LogStmtLevel::All),
            ("listen x", LogStmtLevel::All),
            ("refresh materialized view m", LogStmtLevel::Ddl),
            ("alter system set work_mem = '1MB'", LogStmtLevel::Ddl),
            ("create publication p for all tables", LogStmtLevel::Ddl),
            ("import foreign schema s from server x into y", LogStmtLevel::Ddl),
        ] {
            let stmts = pg_parser::parse(sql).unwrap();
            assert_eq!(command_log_level(&stmts[0].stmt), level, "{sql}");
        }
    }

    #[test]
    fn durations_read_as_postgresql_prints_them() {
        // log_min_duration_statement = 0 logs every message with its statement.
        pg_guc::initialize();
        pg_guc::set_config_option("log_min_duration_statement", Some("0"), pg_guc::GucSource::Session, false, true)
            .unwrap();
        match check_log_duration(Duration::from_micros(1_234_567), false) {
            DurationLog::WithStatement(ms) => assert_eq!(ms, "1234.567"),
            _ => panic!("expected a duration with the statement"),
        }
        assert!(
            matches!(check_log_duration(Duration::from_micros(284), true), DurationLog::Duration(ms) if ms == "0.284")
        );
        // A transaction picked by log_transaction_sample_rate = 1 logs its
        // statements whatever their duration.
        let set = |name: &str, value: &str| {
            pg_guc::set_config_option(name, Some(value), pg_guc::GucSource::Session, false, true).unwrap()
        };
        set("log_min_duration_statement", "-1");
        assert!(matches!(check_log_duration(Duration::from_micros(5), false), DurationLog::Nothing));
        set("log_transaction_sample_rate", "1");
        sample_transaction();
        assert!(
            matches!(check_log_duration(Duration::from_micros(5), false), DurationLog::WithStatement(ms) if ms == "0.005")
        );
        set("log_transaction_sample_rate", "0");
        sample_transaction();
        assert!(matches!(check_log_duration(Duration::from_micros(5), false), DurationLog::Nothing));
    }
}
