//! Resource usage of one step, for `log_parser_stats`, `log_planner_stats`,
//! `log_executor_stats` and `log_statement_stats` (PostgreSQL's
//! `tcop/postgres.c` `ResetUsage` / `ShowUsage`): `getrusage` and the wall
//! clock are read when the step starts and when it ends, and the
//! difference is logged at LOG with the totals in a DETAIL, as
//! PostgreSQL writes it:
//!
//! ```text
//! LOG:  PLANNER STATISTICS
//! DETAIL:  ! system usage stats:
//!         !       0.000089 s user, 0.000000 s system, 0.000089 s elapsed
//!         !       [0.002591 s user, 0.000000 s system total]
//!         ...
//! ```
//!
//! `log_statement_stats` cannot be on together with one of the other three
//! (their check hooks refuse it, with PostgreSQL's messages).
#![deny(clippy::undocumented_unsafe_blocks)]

use pg_error::{PgError, PgResult, SqlState};
use std::cell::Cell;
use std::time::Instant;

thread_local! {
    /// `Save_r` and `Save_t`: the usage when the step began.
    static SAVED: Cell<Option<(libc::rusage, Instant)>> = const { Cell::new(None) };
}

fn rusage_self() -> libc::rusage {
    // SAFETY: rusage is plain data for which all zeroes is valid, and
    // getrusage only writes the struct it is given.
    unsafe {
        let mut r: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut r);
        r
    }
}

/// `ResetUsage`: a step starts now.
pub(crate) fn reset_usage() {
    SAVED.with(|s| s.set(Some((rusage_self(), Instant::now()))));
}

fn micros(t: &libc::timeval) -> i64 {
    t.tv_sec * 1_000_000 + t.tv_usec
}

/// `%ld.%06ld` of a number of microseconds.
fn seconds(us: i64) -> String {
    format!("{}.{:06}", us / 1_000_000, us % 1_000_000)
}

/// The DETAIL text for the usage since `before`.
fn usage_text(before: &libc::rusage, elapsed_us: i64, r: &libc::rusage) -> String {
    let user = micros(&r.ru_utime);
    let sys = micros(&r.ru_stime);
    let lines = [
        "! system usage stats:".to_string(),
        format!(
            "!\t{} s user, {} s system, {} s elapsed",
            seconds(user - micros(&before.ru_utime)),
            seconds(sys - micros(&before.ru_stime)),
            seconds(elapsed_us)
        ),
        format!("!\t[{} s user, {} s system total]", seconds(user), seconds(sys)),
        format!("!\t{} kB max resident size", r.ru_maxrss),
        format!(
            "!\t{}/{} [{}/{}] filesystem blocks in/out",
            r.ru_inblock - before.ru_inblock,
            r.ru_oublock - before.ru_oublock,
            r.ru_inblock,
            r.ru_oublock
        ),
        format!(
            "!\t{}/{} [{}/{}] page faults/reclaims, {} [{}] swaps",
            r.ru_majflt - before.ru_majflt,
            r.ru_minflt - before.ru_minflt,
            r.ru_majflt,
            r.ru_minflt,
            r.ru_nswap - before.ru_nswap,
            r.ru_nswap
        ),
        format!(
            "!\t{} [{}] signals rcvd, {}/{} [{}/{}] messages rcvd/sent",
            r.ru_nsignals - before.ru_nsignals,
            r.ru_nsignals,
            r.ru_msgrcv - before.ru_msgrcv,
            r.ru_msgsnd - before.ru_msgsnd,
            r.ru_msgrcv,
            r.ru_msgsnd
        ),
        format!(
            "!\t{}/{} [{}/{}] voluntary/involuntary context switches",
            r.ru_nvcsw - before.ru_nvcsw,
            r.ru_nivcsw - before.ru_nivcsw,
            r.ru_nvcsw,
            r.ru_nivcsw
        ),
    ];
    lines.join("\n")
}

/// `ShowUsage`: logs the usage since the last [`reset_usage`] under `title`.
pub(crate) fn show_usage(title: &str) {
    let Some((before, started)) = SAVED.with(Cell::get) else { return };
    let text = usage_text(&before, started.elapsed().as_micros() as i64, &rusage_self());
    tracing::info!(detail = text.as_str(), "{title}");
}

/// Runs `f` as one step measured when `enabled`, logging it as `title`.
pub(crate) fn measured<R>(enabled: bool, title: &str, f: impl FnOnce() -> R) -> R {
    if !enabled {
        return f();
    }
    reset_usage();
    let r = f();
    show_usage(title);
    r
}

/// The check error PostgreSQL's Boolean check hooks raise: the value
/// shown as a number.
fn refused(name: &str, detail: &str) -> PgError {
    PgError::new(SqlState::INVALID_PARAMETER_VALUE, format!("invalid value for parameter \"{name}\": 1"))
        .with_detail(detail)
}

/// `check_stage_log_stats`: a per-module statistics setting cannot be
/// turned on while `log_statement_stats` is.
fn check_stage_log_stats(name: &str, value: &str) -> PgResult<String> {
    if value == "on" && pg_guc::vars::LOG_STATEMENT_STATS.get() {
        return Err(refused(name, "Cannot enable parameter when \"log_statement_stats\" is true."));
    }
    Ok(value.to_string())
}

/// `log_parser_stats`' check hook.
pub(crate) fn check_log_parser_stats(value: &str) -> PgResult<String> {
    check_stage_log_stats("log_parser_stats", value)
}

/// `log_planner_stats`' check hook.
pub(crate) fn check_log_planner_stats(value: &str) -> PgResult<String> {
    check_stage_log_stats("log_planner_stats", value)
}

/// `log_executor_stats`' check hook.
pub(crate) fn check_log_executor_stats(value: &str) -> PgResult<String> {
    check_stage_log_stats("log_executor_stats", value)
}

/// `check_log_stats`: `log_statement_stats` cannot be turned on while a
/// per-module one is.
pub(crate) fn check_log_statement_stats(value: &str) -> PgResult<String> {
    let module = pg_guc::vars::LOG_PARSER_STATS.get()
        || pg_guc::vars::LOG_PLANNER_STATS.get()
        || pg_guc::vars::LOG_EXECUTOR_STATS.get();
    if value == "on" && module {
        return Err(refused(
            "log_statement_stats",
            "Cannot enable \"log_statement_stats\" when \"log_parser_stats\", \"log_planner_stats\", or \
             \"log_executor_stats\" is true.",
        ));
    }
    Ok(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_reads_as_postgresql_writes_it() {
        let before = rusage_self();
        let text = usage_text(&before, 1_234_567, &rusage_self());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 8);
        assert_eq!(lines[0], "! system usage stats:");
        assert!(lines[1].starts_with("!\t") && lines[1].ends_with(" s system, 1.234567 s elapsed"), "{}", lines[1]);
        assert!(lines[2].ends_with(" s system total]"));
        assert!(lines[3].ends_with(" kB max resident size"));
        assert!(lines[7].ends_with(" voluntary/involuntary context switches"));
        assert_eq!(seconds(5), "0.000005");
    }
}
