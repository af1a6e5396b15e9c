//! The server-log administration functions (PostgreSQL's
//! `storage/ipc/signalfuncs.c` `pg_reload_conf` and `pg_rotate_logfile`,
//! `utils/adt/misc.c` `pg_current_logfile`).
//!
//! The log is written to stderr only (there is no logging collector
//! process), so these answer as PostgreSQL 15 does when
//! `logging_collector` is off: rotation is refused with a WARNING, and
//! there is no current log file. Like PostgreSQL's, they are for
//! superusers only (EXECUTE is revoked from PUBLIC).

use crate::builtins::check_function_privilege;
use pg_error::{PgError, PgResult, Severity, SqlState};
use pg_types::oid::{BOOL, TEXT};
use pg_types::{Datum, FuncDef, Volatility};

/// Queues a WARNING for the client (it is logged when sent).
fn warning(message: String) {
    let w = PgError::notice(Severity::Warning, SqlState::WARNING, message);
    crate::NOTICES.with(|n| n.borrow_mut().push(w));
}

/// `pg_reload_conf()`: SIGHUP to the postmaster, which rereads the
/// configuration files and passes the signal on to every backend.
fn pg_reload_conf(_: &[Datum]) -> PgResult<Datum> {
    check_function_privilege("pg_reload_conf", None)?;
    // A backend is the postmaster's child; an orphan must not signal
    // whichever process adopted it.
    if !pg_proc::interrupts::postmaster_is_alive() {
        warning("failed to send signal to postmaster: No such process".into());
        return Ok(Datum::Bool(false));
    }
    // SAFETY: getppid has no preconditions; kill only sends SIGHUP to the
    // postmaster, which is alive (checked above) and our parent.
    let sent = unsafe { libc::kill(libc::getppid(), libc::SIGHUP) } == 0;
    if !sent {
        warning(format!(
            "failed to send signal to postmaster: {}",
            crate::os_error_text(&std::io::Error::last_os_error())
        ));
    }
    Ok(Datum::Bool(sent))
}

/// `pg_rotate_logfile()`: only a logging collector can rotate.
fn pg_rotate_logfile(_: &[Datum]) -> PgResult<Datum> {
    check_function_privilege("pg_rotate_logfile", None)?;
    warning("rotation not possible because log collection not active".into());
    Ok(Datum::Bool(false))
}

/// `pg_current_logfile([format])`: the file the logging collector writes,
/// NULL without one. The format is checked first, as PostgreSQL does.
fn pg_current_logfile(args: &[Datum]) -> PgResult<Datum> {
    check_function_privilege("pg_current_logfile", None)?;
    if let Some(Datum::Text(format)) = args.first() {
        if !matches!(format.as_str(), "stderr" | "csvlog" | "jsonlog") {
            return Err(PgError::new(
                SqlState::INVALID_PARAMETER_VALUE,
                format!("log format \"{format}\" is not supported"),
            )
            .with_hint("The supported log formats are \"stderr\", \"csvlog\", and \"jsonlog\"."));
        }
    }
    Ok(Datum::Null)
}

/// The functions above, for `register_builtin_functions`.
pub(crate) fn functions() -> Vec<FuncDef> {
    use Volatility::Volatile;
    vec![
        FuncDef::scalar("pg_reload_conf", &[], BOOL, Volatile, pg_reload_conf),
        FuncDef::scalar("pg_rotate_logfile", &[], BOOL, Volatile, pg_rotate_logfile),
        FuncDef::scalar("pg_current_logfile", &[], TEXT, Volatile, pg_current_logfile).non_strict(),
        FuncDef::scalar("pg_current_logfile", &[TEXT], TEXT, Volatile, pg_current_logfile).non_strict(),
    ]
}
