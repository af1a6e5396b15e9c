//! The server log writer (PostgreSQL's `utils/error/elog.c`:
//! `send_message_to_server_log`, `log_line_prefix`, `is_log_level_output`):
//! the `tracing` subscriber every process writes its log lines through.
//!
//! A line is written as PostgreSQL writes it to stderr:
//!
//! ```text
//! 2026-12-05 09:00:00.123 UTC [1234] ERROR:  division by zero
//! 2026-12-05 09:00:00.123 UTC [1234] STATEMENT:  select 1/0
//! ```
//!
//! - `log_line_prefix` (default `'%m [%p] '`) starts every physical line,
//!   with PostgreSQL's escapes and padding (`%-10u`); times are in
//!   `log_timezone`. The settings are read per message, so a reload (or a
//!   superuser's SET) applies to the next line.
//! - `log_min_messages` decides whether a message appears at all, with
//!   PostgreSQL's odd rank for LOG (between ERROR and FATAL); the
//!   STATEMENT line follows when the level also reaches
//!   `log_min_error_statement` and a client statement is being processed
//!   (`pg_error::elog`'s `debug_query_string`).
//! - `log_error_verbosity`: `terse` drops DETAIL, HINT and CONTEXT;
//!   `verbose` adds the SQLSTATE before the message and a LOCATION line.
//! - A message with several lines continues with a tab after each newline,
//!   so every line that does not start with the prefix starts with a tab.
//!
//! # Differences from PostgreSQL
//!
//! - Only `log_destination = stderr`: there is no logging collector
//!   process (start-up warns when `logging_collector` or another
//!   destination is set).
//! - `%x` is always 0 (no transaction IDs are assigned yet), `%P` empty
//!   (no parallel workers), `%Q` 0. `%v` is the PGPROC slot's backend ID
//!   and a local transaction counter that starts at 1 in each backend
//!   (PostgreSQL carries it on per backend ID).
//! - LOCATION names the Rust source file and line where the report was
//!   made (`pg-types/src/errors.rs:28`), not a C function.
//!
//! The fields an event may carry are listed in `pg_error::elog`. The
//! subscriber keeps no threads and no buffers, so it is safe across
//! `fork()`; the PID and the line counter (`%l`) are per process.

use pg_guc::elevel;
use std::cell::RefCell;
use std::fmt::Write as _;
use std::io::Write;
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};
use tracing::{Event, Level, Metadata, Subscriber};

/// `log_min_messages` as an elevel, kept by its assign hook so that the
/// per-event check needs no settings lookup.
static LOG_MIN_MESSAGES: AtomicI32 = AtomicI32::new(elevel::WARNING);

/// Re-reads `log_min_messages` (at start, after the command line and the
/// configuration file are applied).
pub fn refresh_log_level() {
    LOG_MIN_MESSAGES.store(pg_guc::vars::LOG_MIN_MESSAGES.get(), Ordering::Relaxed);
}

/// The assign hook of `log_min_messages`: a SET, a reload or a
/// transaction's end applies at once.
fn assign_log_min_messages(label: &str) {
    if let Some(level) = elevel_from_label(label) {
        LOG_MIN_MESSAGES.store(level, Ordering::Relaxed);
    }
}

/// The elevel of a setting's value or a severity name, case-insensitive.
fn elevel_from_label(name: &str) -> Option<i32> {
    Some(match name.to_ascii_lowercase().as_str() {
        "debug5" => elevel::DEBUG5,
        "debug4" => elevel::DEBUG4,
        "debug3" => elevel::DEBUG3,
        "debug2" | "debug" => elevel::DEBUG2,
        "debug1" => elevel::DEBUG1,
        "log" => elevel::LOG,
        "info" => elevel::INFO,
        "notice" => elevel::NOTICE,
        "warning" => elevel::WARNING,
        "error" => elevel::ERROR,
        "fatal" => elevel::FATAL,
        "panic" => elevel::PANIC,
        _ => return None,
    })
}

/// `is_log_level_output`: whether a message of `level` is logged when the
/// threshold is `min`. LOG ranks between ERROR and FATAL here, so
/// `log_min_messages = fatal` hides LOG lines and `= log` hides ERRORs.
pub fn is_log_level_output(level: i32, min: i32) -> bool {
    if level == elevel::LOG {
        min == elevel::LOG || min <= elevel::ERROR
    } else if min == elevel::LOG {
        level >= elevel::FATAL
    } else {
        level >= min
    }
}

/// What one event says, collected from its fields.
#[derive(Default)]
struct Report {
    message: String,
    severity: Option<String>,
    sqlstate: Option<String>,
    detail: Option<String>,
    hint: Option<String>,
    context: Option<String>,
    position: Option<u64>,
    location: Option<String>,
    hide_statement: bool,
}

impl tracing::field::Visit for Report {
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        self.record_text(field.name(), value.to_string());
    }
    fn record_u64(&mut self, field: &tracing::field::Field, value: u64) {
        match field.name() {
            "position" => self.position = Some(value),
            name => self.record_text(name, value.to_string()),
        }
    }
    fn record_i64(&mut self, field: &tracing::field::Field, value: i64) {
        match field.name() {
            "position" => self.position = u64::try_from(value).ok(),
            name => self.record_text(name, value.to_string()),
        }
    }
    fn record_bool(&mut self, field: &tracing::field::Field, value: bool) {
        match field.name() {
            "hide_statement" => self.hide_statement = value,
            name => self.record_text(name, value.to_string()),
        }
    }
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.record_text(field.name(), format!("{value:?}"));
    }
}

impl Report {
    fn record_text(&mut self, name: &str, value: String) {
        match name {
            "message" => self.message = value,
            "severity" => self.severity = Some(value),
            "sqlstate" => self.sqlstate = Some(value),
            "detail" => self.detail = Some(value),
            "hint" => self.hint = Some(value),
            "context" => self.context = Some(value),
            "location" => self.location = Some(value),
            // A field the writer has no line for stays visible.
            other => {
                let _ = write!(self.message, " {other}={value}");
            }
        }
    }

    /// The severity's name and elevel: the `severity` field when given,
    /// else the tracing level's PostgreSQL counterpart.
    fn level(&self, level: &Level) -> (String, i32) {
        if let Some(name) = &self.severity {
            if let Some(l) = elevel_from_label(name) {
                return (name.to_ascii_uppercase(), l);
            }
        }
        match *level {
            Level::ERROR => ("ERROR".into(), elevel::ERROR),
            Level::WARN => ("WARNING".into(), elevel::WARNING),
            Level::INFO => ("LOG".into(), elevel::LOG),
            Level::DEBUG => ("DEBUG1".into(), elevel::DEBUG1),
            Level::TRACE => ("DEBUG5".into(), elevel::DEBUG5),
        }
    }
}

/// Per-process writer state: `%l`'s counter (restarted in a forked child,
/// as PostgreSQL restarts it when `MyProcPid` changes) and the parsed
/// `log_timezone`.
struct WriterState {
    pid: u32,
    line_number: u64,
    zone: Option<(String, pg_types::datetime::TimeZone)>,
}

thread_local! {
    static WRITER: RefCell<WriterState> = const { RefCell::new(WriterState { pid: 0, line_number: 0, zone: None }) };
}

/// A time as `log_line_prefix` prints it, in `log_timezone`.
#[derive(Clone, Copy)]
struct LogTime {
    /// Seconds since the UNIX epoch, UTC.
    secs: i64,
    millis: u32,
}

impl LogTime {
    fn of(t: SystemTime) -> LogTime {
        let d = t.duration_since(UNIX_EPOCH).unwrap_or_default();
        LogTime { secs: d.as_secs() as i64, millis: d.subsec_millis() }
    }

    /// `%Y-%m-%d %H:%M:%S[.mmm] %Z` in `zone`.
    fn format(&self, zone: &pg_types::datetime::TimeZone, with_millis: bool) -> String {
        let since_2000 = (self.secs - pg_types::datetime::UNIX_EPOCH_DAYS * 86_400)
            .saturating_mul(pg_types::datetime::USECS_PER_SEC);
        let offset = zone.offset_at_utc(since_2000) as i64;
        let mut out = format_civil(self.secs + offset);
        if with_millis {
            let _ = write!(out, ".{:03}", self.millis);
        }
        out.push(' ');
        out.push_str(&zone.abbrev_at_utc(since_2000));
        out
    }
}

/// Formats seconds since the epoch (already shifted to local time) as
/// `YYYY-MM-DD HH:MM:SS`.
fn format_civil(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil-from-days (proleptic Gregorian), after Howard Hinnant's algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// `log_timezone`, parsed once per value; an unusable value (the check
/// hook should have refused it) logs in UTC.
fn log_zone(state: &mut WriterState) -> pg_types::datetime::TimeZone {
    let name = pg_guc::vars::LOG_TIMEZONE.get();
    match &state.zone {
        Some((n, z)) if *n == name => z.clone(),
        _ => {
            let zone =
                pg_types::datetime::TimeZone::parse(&name).unwrap_or_else(|_| pg_types::datetime::TimeZone::utc());
            state.zone = Some((name, zone.clone()));
            zone
        }
    }
}

/// What the prefix of one message's lines is made from: fixed for all the
/// lines of a message except the line number.
#[derive(Clone, Copy)]
struct PrefixInput<'a> {
    format: &'a str,
    now: LogTime,
    zone: &'a pg_types::datetime::TimeZone,
    pid: u32,
    sqlstate: &'a str,
}

/// Appends `value` with `%N` / `%-N` padding (`"%*s"`: positive pads on
/// the left, negative on the right).
fn pad(out: &mut String, value: &str, padding: i32) {
    let width = padding.unsigned_abs() as usize;
    let len = value.chars().count();
    if padding > 0 && len < width {
        out.extend(std::iter::repeat_n(' ', width - len));
    }
    out.push_str(value);
    if padding < 0 && len < width {
        out.extend(std::iter::repeat_n(' ', width - len));
    }
}

/// Appends only the padding, for an escape with nothing to show.
fn pad_empty(out: &mut String, padding: i32) {
    out.extend(std::iter::repeat_n(' ', padding.unsigned_abs() as usize));
}

/// `log_line_prefix`'s expansion for one line.
fn append_prefix(out: &mut String, input: &PrefixInput<'_>, line_number: u64) {
    let port = pg_error::elog::with_client_port(|p| p.cloned());
    let session = port.is_some();
    let mut chars = input.format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        // process_log_prefix_padding: an optional '-' and digits.
        let mut padding = 0i32;
        let mut sign = 1;
        if chars.peek() == Some(&'-') {
            chars.next();
            sign = -1;
        }
        while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
            chars.next();
            padding = padding.saturating_mul(10).saturating_add(d as i32);
        }
        padding *= sign;
        let Some(escape) = chars.next() else { break };
        let unknown_if_empty = |v: Option<&String>| match v {
            Some(v) if !v.is_empty() => v.clone(),
            _ => "[unknown]".to_string(),
        };
        match escape {
            'a' if session => {
                let app = pg_guc::vars::APPLICATION_NAME.get();
                pad(out, if app.is_empty() { "[unknown]" } else { &app }, padding)
            }
            'u' if session => pad(out, &unknown_if_empty(port.as_ref().and_then(|p| p.user.as_ref())), padding),
            'd' if session => pad(out, &unknown_if_empty(port.as_ref().and_then(|p| p.database.as_ref())), padding),
            'r' | 'h' if session => {
                let p = port.as_ref().expect("session processes have a port");
                let mut v = p.remote_host.clone();
                if escape == 'r' && !p.remote_port.is_empty() {
                    let _ = write!(v, "({})", p.remote_port);
                }
                pad(out, &v, padding)
            }
            'i' if session => pad(out, &pg_error::elog::activity(), padding),
            'b' => pad(out, pg_error::elog::backend_type(), padding),
            'c' => {
                let start = LogTime::of(pg_error::elog::start_time());
                pad(out, &format!("{:x}.{:x}", start.secs, input.pid), padding)
            }
            'p' => pad(out, &input.pid.to_string(), padding),
            'l' => pad(out, &line_number.to_string(), padding),
            'm' => pad(out, &input.now.format(input.zone, true), padding),
            't' => pad(out, &input.now.format(input.zone, false), padding),
            'n' => pad(out, &format!("{}.{:03}", input.now.secs, input.now.millis), padding),
            's' => pad(out, &LogTime::of(pg_error::elog::start_time()).format(input.zone, false), padding),
            'e' => pad(out, input.sqlstate, padding),
            'v' => match pg_error::elog::virtual_xid() {
                Some((backend, lxid)) => pad(out, &format!("{backend}/{lxid}"), padding),
                None => pad_empty(out, padding),
            },
            // No transaction IDs are assigned yet: PostgreSQL prints 0
            // when none is; the query identifier is 0 with
            // compute_query_id off.
            'x' | 'Q' => pad(out, "0", padding),
            // No parallel workers (%P): shown as PostgreSQL shows a
            // process that is not one.
            'q' if !session => break,
            'q' => {}
            '%' => out.push('%'),
            // Known escapes with nothing to show here (the session ones in
            // a process without a client, %P outside a parallel group):
            // only their padding.
            'a' | 'u' | 'd' | 'r' | 'h' | 'i' | 'P' => pad_empty(out, padding),
            // An unknown escape is a format error PostgreSQL ignores.
            _ => {}
        }
    }
}

/// Appends `text`, with a tab after every newline (`append_with_tabs`).
fn append_with_tabs(out: &mut String, text: &str) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("\n\t");
        }
        out.push_str(line);
    }
}

/// `send_message_to_server_log`: the message's lines, each with its prefix.
fn format_message(report: &Report, severity: &str, level: i32, statement: Option<&str>) -> String {
    let format = pg_guc::vars::LOG_LINE_PREFIX.get();
    let verbosity = pg_guc::vars::LOG_ERROR_VERBOSITY.label();
    let pid = std::process::id();
    WRITER.with(|w| {
        let mut w = w.borrow_mut();
        if w.pid != pid {
            w.pid = pid;
            w.line_number = 0;
        }
        let zone = log_zone(&mut w);
        let input = PrefixInput {
            format: &format,
            now: LogTime::of(SystemTime::now()),
            zone: &zone,
            pid,
            sqlstate: report.sqlstate.as_deref().unwrap_or("00000"),
        };
        let mut out = String::with_capacity(128 + report.message.len());
        let mut line = |out: &mut String, label: &str, text: &str| {
            w.line_number += 1;
            append_prefix(out, &input, w.line_number);
            out.push_str(label);
            out.push_str(":  ");
            append_with_tabs(out, text);
            out.push('\n');
        };
        let mut message = String::new();
        if verbosity == "verbose" {
            let _ = write!(message, "{}: ", input.sqlstate);
        }
        message.push_str(&report.message);
        if let Some(p) = report.position.filter(|p| *p > 0) {
            let _ = write!(message, " at character {p}");
        }
        line(&mut out, severity, &message);
        if verbosity != "terse" {
            for (label, text) in [("DETAIL", &report.detail), ("HINT", &report.hint), ("CONTEXT", &report.context)] {
                if let Some(text) = text {
                    line(&mut out, label, text);
                }
            }
        }
        if verbosity == "verbose" {
            if let Some(location) = &report.location {
                line(&mut out, "LOCATION", location);
            }
        }
        let min_statement = pg_guc::vars::LOG_MIN_ERROR_STATEMENT.get();
        if let Some(statement) = statement.filter(|_| !report.hide_statement) {
            if is_log_level_output(level, min_statement) {
                line(&mut out, "STATEMENT", statement);
            }
        }
        out
    })
}

struct ServerLog;

impl Subscriber for ServerLog {
    fn register_callsite(&self, _: &'static Metadata<'static>) -> tracing::subscriber::Interest {
        // Never cached: log_min_messages changes at run time, and an
        // event's `severity` field may rank it differently from its level.
        tracing::subscriber::Interest::sometimes()
    }
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        // A quick filter; the exact one (with the severity field) is in
        // `event`. Debug and trace events are DEBUG1..DEBUG5 at most.
        match *metadata.level() {
            Level::DEBUG | Level::TRACE => LOG_MIN_MESSAGES.load(Ordering::Relaxed) <= elevel::DEBUG1,
            _ => true,
        }
    }
    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut report = Report::default();
        event.record(&mut report);
        if report.location.is_none() {
            // A plain tracing line: its own source line is the LOCATION.
            if let (Some(file), Some(line)) = (event.metadata().file(), event.metadata().line()) {
                report.location = Some(format!("{file}:{line}"));
            }
        }
        let (severity, level) = report.level(event.metadata().level());
        if !is_log_level_output(level, LOG_MIN_MESSAGES.load(Ordering::Relaxed)) {
            return;
        }
        let text = pg_error::elog::with_debug_query_string(|q| format_message(&report, &severity, level, q));
        // One write per message, so that the lines of one message stay
        // together when several processes log at once.
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

/// Installs the subscriber as the process-wide default and the hooks that
/// keep it current.
pub fn init() {
    refresh_log_level();
    let _ = pg_guc::register_assign_hook("log_min_messages", assign_log_min_messages);
    let _ = tracing::subscriber::set_global_default(ServerLog);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_times() {
        for (secs, expect) in
            [(0, "1970-01-01 00:00:00"), (951_782_400, "2000-02-29 00:00:00"), (1_795_000_000, "2026-11-18 11:06:40")]
        {
            assert_eq!(format_civil(secs), expect);
        }
        let t = LogTime { secs: 1_795_000_000, millis: 7 };
        assert_eq!(t.format(&pg_types::datetime::TimeZone::utc(), true), "2026-11-18 11:06:40.007 UTC");
        let paris = pg_types::datetime::TimeZone::parse("Europe/Paris").unwrap();
        assert_eq!(t.format(&paris, false), "2026-11-18 12:06:40 CET");
    }

    #[test]
    fn level_output_ranks_log_between_error_and_fatal() {
        use elevel::*;
        // (level, threshold, logged), PostgreSQL's is_log_level_output.
        for (level, min, logged) in [
            (LOG, WARNING, true),
            (LOG, ERROR, true),
            (LOG, LOG, true),
            (LOG, FATAL, false),
            (ERROR, LOG, false),
            (FATAL, LOG, true),
            (WARNING, LOG, false),
            (WARNING, WARNING, true),
            (NOTICE, WARNING, false),
            (DEBUG2, DEBUG1, false),
            (DEBUG1, DEBUG2, true),
            (PANIC, PANIC, true),
            (FATAL, PANIC, false),
        ] {
            assert_eq!(is_log_level_output(level, min), logged, "{level} at {min}");
        }
    }

    #[test]
    fn prefix_escapes_outside_a_session() {
        // This test process has no client port: the session escapes show
        // nothing (or padding), %q ends the prefix, unknown escapes vanish.
        let zone = pg_types::datetime::TimeZone::utc();
        let input = PrefixInput {
            format: "",
            now: LogTime { secs: 1_795_000_000, millis: 42 },
            zone: &zone,
            pid: 4660,
            sqlstate: "22012",
        };
        for (format, expect) in [
            ("%m [%p] ", "2026-11-18 11:06:40.042 UTC [4660] "),
            ("%t|%n|%e|%l|%%|%z|%x|%v|%P|%3v|", "2026-11-18 11:06:40 UTC|1795000000.042|22012|3|%||0|||   |"),
            ("%a%u%d%r%h%i.", "."),
            ("[%5p][%-6p][%3a]", "[ 4660][4660  ][   ]"),
            ("%b %q%u after", "postmaster "),
            ("trailing %", "trailing "),
            ("[%4z][%4P]", "[][    ]"),
        ] {
            let mut out = String::new();
            append_prefix(&mut out, &PrefixInput { format, ..input }, 3);
            assert_eq!(out, expect, "{format}");
        }
    }

    /// The lines of one message under the given settings, prefix removed.
    fn formatted(settings: &[(&str, &str)], report: &Report, level: i32, statement: Option<&str>) -> String {
        pg_guc::initialize();
        pg_guc::set_from_command_line("log_line_prefix", "").unwrap();
        for (name, value) in settings {
            pg_guc::set_from_command_line(name, value).unwrap();
        }
        let severity = if level == elevel::ERROR { "ERROR" } else { "LOG" };
        format_message(report, severity, level, statement)
    }

    #[test]
    fn verbosity_and_statement_lines() {
        let report = Report {
            message: "relation \"t\" does not exist".into(),
            sqlstate: Some("42P01".into()),
            detail: Some("Two\nlines.".into()),
            hint: Some("A hint.".into()),
            position: Some(15),
            location: Some("pg-analyze/src/lib.rs:10".into()),
            ..Report::default()
        };
        let stmt = Some("select * from t");
        assert_eq!(
            formatted(&[], &report, elevel::ERROR, stmt),
            "ERROR:  relation \"t\" does not exist at character 15\nDETAIL:  Two\n\tlines.\nHINT:  A hint.\n\
             STATEMENT:  select * from t\n"
        );
        assert_eq!(
            formatted(&[("log_error_verbosity", "terse")], &report, elevel::ERROR, stmt),
            "ERROR:  relation \"t\" does not exist at character 15\nSTATEMENT:  select * from t\n"
        );
        assert_eq!(
            formatted(
                &[("log_error_verbosity", "verbose"), ("log_min_error_statement", "fatal")],
                &report,
                elevel::ERROR,
                stmt
            ),
            "ERROR:  42P01: relation \"t\" does not exist at character 15\nDETAIL:  Two\n\tlines.\nHINT:  A hint.\n\
             LOCATION:  pg-analyze/src/lib.rs:10\n"
        );
        // LOG passes log_min_error_statement = error (LOG ranks above ERROR)
        // unless the report hides its statement.
        let log = Report { message: "temporary file: path \"x\", size 1".into(), ..Report::default() };
        assert_eq!(
            formatted(&[], &log, elevel::LOG, stmt),
            "LOG:  temporary file: path \"x\", size 1\nSTATEMENT:  select * from t\n"
        );
        let hidden = Report { hide_statement: true, ..log };
        assert_eq!(formatted(&[], &hidden, elevel::LOG, stmt), "LOG:  temporary file: path \"x\", size 1\n");
    }

    #[test]
    fn continuation_lines_start_with_a_tab() {
        let mut out = String::new();
        append_with_tabs(&mut out, "select 'a\nb'\n");
        assert_eq!(out, "select 'a\n\tb'\n\t");
    }
}
