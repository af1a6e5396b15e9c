//! The server log's half of error reporting (PostgreSQL's
//! `utils/error/elog.c`: the server-log side of `EmitErrorReport`, and the
//! process globals its `log_line_prefix` reads: `debug_query_string`,
//! `MyProcPort`, `MyBackendType`, `MyStartTime`).
//!
//! # How a line reaches the log
//!
//! Every log line is a `tracing` event; the server binary installs the one
//! subscriber that writes them (pg-server's `elog`: prefix, severity
//! filter, STATEMENT lines). Plain macros are enough for most lines:
//! `tracing::info!` is LOG, `warn!` WARNING, `error!` ERROR, `debug!`
//! DEBUG1 and `trace!` DEBUG5. An event may carry these fields, which the
//! writer prints as PostgreSQL does:
//!
//! | field            | meaning                                                        |
//! |------------------|----------------------------------------------------------------|
//! | `severity`       | the level when the macro's cannot say it: `FATAL`, `NOTICE`, `DEBUG2`, ... |
//! | `sqlstate`       | `%e` in the prefix, and the code `log_error_verbosity = verbose` shows |
//! | `detail`, `hint`, `context` | DETAIL, HINT and CONTEXT lines                      |
//! | `position`       | ` at character N` after the message                           |
//! | `location`       | the LOCATION line of `log_error_verbosity = verbose`          |
//! | `hide_statement` | `true`: no STATEMENT line (`errhidestmt`)                      |
//!
//! so a postmaster line with a detail is
//! `tracing::info!(detail = %text, "server process (PID {pid}) was terminated by signal 9: Killed")`,
//! and a whole [`ErrorData`] goes to the log with [`log_report`].
//!
//! # What the prefix knows about this process
//!
//! The setters below record what `log_line_prefix` shows: the backend type
//! (`%b`), the client's address, user and database once they are known
//! (`%r %h %u %d`; a process with a client port is a *session process*, for
//! `%q`), the process start time (`%s %c`), the process title's activity
//! (`%i`), the virtual transaction ID (`%v`) and the statement being run (`debug_query_string`, printed as the
//! STATEMENT line when `log_min_error_statement` asks for it). They are
//! process-global, as in PostgreSQL; a forked child sets its own.

use crate::{ErrorData, Severity};
use std::cell::RefCell;
use std::time::SystemTime;

/// The connection a session process serves (the fields of PostgreSQL's
/// `Port` that the log shows).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientPort {
    /// `127.0.0.1` or `[local]` (`%h`).
    pub remote_host: String,
    /// The client's port, empty for a Unix-domain socket (`%r` adds it in
    /// parentheses).
    pub remote_port: String,
    /// The user name from the startup packet (`%u`), once read.
    pub user: Option<String>,
    /// The database name from the startup packet (`%d`), once read.
    pub database: Option<String>,
}

struct ProcessLogState {
    backend_type: &'static str,
    start_time: SystemTime,
    port: Option<ClientPort>,
    activity: String,
    debug_query_string: Option<String>,
    /// `MyProc->backendId` and `MyProc->lxid`, for `%v`.
    virtual_xid: Option<(i32, u32)>,
}

thread_local! {
    static STATE: RefCell<ProcessLogState> = RefCell::new(ProcessLogState {
        backend_type: "postmaster",
        start_time: SystemTime::now(),
        port: None,
        activity: String::new(),
        debug_query_string: None,
        virtual_xid: None,
    });
}

/// A statement text longer than this is not kept as a copy's capacity
/// after it is cleared, so one huge query does not pin its size.
const KEEP_QUERY_CAPACITY: usize = 64 * 1024;

/// Sets the backend type `%b` shows (`postmaster`, `not initialized`,
/// `client backend`, ...: PostgreSQL's `GetBackendTypeDesc` names).
pub fn set_backend_type(name: &'static str) {
    STATE.with(|s| s.borrow_mut().backend_type = name);
}

/// The backend type `%b` shows.
pub fn backend_type() -> &'static str {
    STATE.with(|s| s.borrow().backend_type)
}

/// Records `MyStartTime`: the postmaster's start, or a child's fork.
pub fn set_start_time(at: SystemTime) {
    STATE.with(|s| s.borrow_mut().start_time = at);
}

/// `MyStartTime` (`%s`, and the first half of `%c`).
pub fn start_time() -> SystemTime {
    STATE.with(|s| s.borrow().start_time)
}

/// Records the client connection of a session process (`None` in the
/// postmaster and auxiliary processes).
pub fn set_client_port(port: Option<ClientPort>) {
    STATE.with(|s| s.borrow_mut().port = port);
}

/// Records the user and database names read from the startup packet.
pub fn set_port_user_database(user: &str, database: &str) {
    STATE.with(|s| {
        if let Some(p) = s.borrow_mut().port.as_mut() {
            p.user = Some(user.to_string());
            p.database = Some(database.to_string());
        }
    });
}

/// Runs `f` on the client port, if this is a session process.
pub fn with_client_port<R>(f: impl FnOnce(Option<&ClientPort>) -> R) -> R {
    STATE.with(|s| f(s.borrow().port.as_ref()))
}

/// Records the process title's activity part (`idle`, `SELECT`,
/// `authentication`), which `%i` shows.
pub fn set_activity(activity: &str) {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.activity.clear();
        s.activity.push_str(activity);
    });
}

/// The activity `%i` shows.
pub fn activity() -> String {
    STATE.with(|s| s.borrow().activity.clone())
}

/// Records the backend ID once the process has its PGPROC slot, with no
/// transaction yet (`%v` shows `ID/0`).
pub fn set_backend_id(backend_id: i32) {
    STATE.with(|s| s.borrow_mut().virtual_xid = Some((backend_id, 0)));
}

/// Records the local transaction ID of the transaction that just started
/// (0 when it ended): the second half of `%v`.
pub fn set_local_xid(lxid: u32) {
    STATE.with(|s| {
        if let Some(v) = s.borrow_mut().virtual_xid.as_mut() {
            v.1 = lxid;
        }
    });
}

/// The virtual transaction ID `%v` shows (`backendId/lxid`), once the
/// process has a backend ID.
pub fn virtual_xid() -> Option<(i32, u32)> {
    STATE.with(|s| s.borrow().virtual_xid)
}

/// Sets `debug_query_string`: the client's statement being processed, or
/// `None` between messages. Reports logged meanwhile get a STATEMENT line
/// when their level reaches `log_min_error_statement`.
pub fn set_debug_query_string(query: Option<&str>) {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        match query {
            Some(q) => {
                let buf = s.debug_query_string.get_or_insert_with(String::new);
                buf.clear();
                buf.push_str(q);
            }
            None => {
                if s.debug_query_string.as_ref().is_some_and(|q| q.capacity() > KEEP_QUERY_CAPACITY) {
                    s.debug_query_string = None;
                } else if let Some(q) = s.debug_query_string.as_mut() {
                    q.clear();
                }
                // An empty kept buffer stands for "no statement".
            }
        }
    });
}

/// Runs `f` on `debug_query_string` (`None` between messages).
pub fn with_debug_query_string<R>(f: impl FnOnce(Option<&str>) -> R) -> R {
    STATE.with(|s| f(s.borrow().debug_query_string.as_deref().filter(|q| !q.is_empty())))
}

/// The name the server log prints for a severity (`DEBUG1` for debug
/// reports: the wire's `DEBUG` carries no number).
pub fn log_severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Debug => "DEBUG1",
        s => s.as_str(),
    }
}

/// Writes an error or notice report to the server log, as
/// `EmitErrorReport` does for the server's side: the writer decides from
/// `log_min_messages` whether it appears, and from
/// `log_min_error_statement` whether the statement follows it.
pub fn log_report(e: &ErrorData) {
    log_report_with(e, false);
}

/// [`log_report`] with `errhidestmt`: never followed by a STATEMENT line
/// (for reports that already show the statement, such as `log_statement`'s).
pub fn log_report_hiding_statement(e: &ErrorData) {
    log_report_with(e, true);
}

fn log_report_with(e: &ErrorData, hide_statement: bool) {
    let severity = log_severity_name(e.severity);
    let location = e.location.map(|l| format!("{}:{}", l.file(), l.line()));
    macro_rules! emit {
        ($level:expr) => {
            tracing::event!(
                $level,
                severity,
                sqlstate = e.code.code(),
                detail = e.detail_log.as_deref().or(e.detail.as_deref()),
                hint = e.hint.as_deref(),
                context = e.context.as_deref(),
                position = e.position,
                location = location.as_deref(),
                hide_statement,
                "{}",
                e.message
            )
        };
    }
    match e.severity {
        Severity::Debug => emit!(tracing::Level::DEBUG),
        Severity::Log | Severity::Info | Severity::Notice => emit!(tracing::Level::INFO),
        Severity::Warning => emit!(tracing::Level::WARN),
        Severity::Error | Severity::Fatal | Severity::Panic => emit!(tracing::Level::ERROR),
    }
}
