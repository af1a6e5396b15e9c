//! Server log output (PostgreSQL's `utils/error/elog.c` log side): a small
//! `tracing` subscriber that writes `2026-11-25 13:21:27.123 UTC [PID] LOG:  text`
//! lines to stderr, filtered by `log_min_messages`.
//!
//! It keeps no threads and no buffers, so it is safe across `fork()`; the PID
//! is read per line, so children log their own.

use std::io::Write;
use std::sync::atomic::{AtomicU8, Ordering};
use tracing::{Event, Level, Metadata, Subscriber};

/// The most verbose tracing level that passes: 0 trace, 1 debug, 2 info(LOG), 3 warn, 4 error.
static MIN_LEVEL: AtomicU8 = AtomicU8::new(2);

fn rank(level: &Level) -> u8 {
    match *level {
        Level::TRACE => 0,
        Level::DEBUG => 1,
        Level::INFO => 2,
        Level::WARN => 3,
        Level::ERROR => 4,
    }
}

/// Re-reads `log_min_messages` (at start and after a reload).
pub fn refresh_log_level() {
    set_log_level(pg_guc::vars::LOG_MIN_MESSAGES.label());
}

/// Applies a `log_min_messages` value (also the setting's assign hook).
fn set_log_level(setting: &str) {
    // PostgreSQL orders server-log severities DEBUG5..DEBUG1, INFO, NOTICE,
    // WARNING, ERROR, LOG, FATAL, PANIC: LOG passes every level below fatal.
    let min = match setting.to_ascii_lowercase().as_str() {
        "debug5" | "debug4" | "debug3" => 0,
        "debug2" | "debug1" => 1,
        "fatal" | "panic" => 4,
        _ => 2,
    };
    MIN_LEVEL.store(min, Ordering::Relaxed);
}

struct ServerLog;

struct MessageVisitor(String);

impl tracing::field::Visit for MessageVisitor {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            self.0 = format!("{value:?}");
        } else {
            self.0.push_str(&format!(" {}={value:?}", field.name()));
        }
    }
}

/// Formats a UNIX time in UTC as `YYYY-MM-DD HH:MM:SS.mmm UTC`.
pub fn format_log_time(secs: i64, millis: u32) -> String {
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
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}.{millis:03} UTC", rem / 3600, rem % 3600 / 60, rem % 60)
}

impl Subscriber for ServerLog {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        rank(metadata.level()) >= MIN_LEVEL.load(Ordering::Relaxed)
    }
    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut visitor = MessageVisitor(String::new());
        event.record(&mut visitor);
        let severity = match *event.metadata().level() {
            Level::ERROR => "ERROR",
            Level::WARN => "WARNING",
            Level::INFO => "LOG",
            Level::DEBUG => "DEBUG1",
            Level::TRACE => "DEBUG5",
        };
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        let line = format!(
            "{} [{}] {severity}:  {}\n",
            format_log_time(now.as_secs() as i64, now.subsec_millis()),
            std::process::id(),
            visitor.0
        );
        // One write per line so lines from different processes do not interleave.
        let _ = std::io::stderr().lock().write_all(line.as_bytes());
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

fn write_line(severity: &str, text: &str) {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let line = format!(
        "{} [{}] {severity}:  {text}\n",
        format_log_time(now.as_secs() as i64, now.subsec_millis()),
        std::process::id()
    );
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// Logs an error report as PostgreSQL does: the severity line, then
/// DETAIL and HINT lines with the same prefix.
pub fn report(e: &pg_error::PgError) {
    write_line(e.severity.as_str(), &e.message);
    if let Some(d) = &e.detail {
        write_line("DETAIL", d);
    }
    if let Some(h) = &e.hint {
        write_line("HINT", h);
    }
}

/// Installs the subscriber as the process-wide default; a change of
/// `log_min_messages` (reload, in any process) takes effect at once.
pub fn init() {
    refresh_log_level();
    let _ = pg_guc::register_assign_hook("log_min_messages", set_log_level);
    let _ = tracing::subscriber::set_global_default(ServerLog);
}

#[cfg(test)]
mod tests {
    use super::format_log_time;

    #[test]
    fn log_times() {
        for (secs, expect) in [
            (0, "1970-01-01 00:00:00.000 UTC"),
            (951_782_400, "2000-02-29 00:00:00.000 UTC"),
            (1_795_000_000, "2026-11-18 11:06:40.000 UTC"),
        ] {
            assert_eq!(format_log_time(secs, 0), expect);
        }
    }
}
