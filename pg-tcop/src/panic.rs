//! What a Rust panic does in a backend.
//!
//! PostgreSQL has no panics; its nearest relative is `elog(ERROR)` on a
//! condition that "cannot happen", SQLSTATE XX000: the statement ends, the
//! transaction aborts, and the session goes on. A Rust panic is treated the
//! same way when it is safe to: the backend loop catches every unwind
//! around each protocol message (`Backend::dispatch_catching_unwind`) and
//! reports it as an ERROR XX000 carrying the panic's message, then runs the
//! ordinary abort path (portals dropped, resource owners released, LWLocks
//! released). The unwinding itself has already dropped every guard and
//! collection of the statement on its way out.
//!
//! It is not safe when the panic leaves shared state half-changed: inside a
//! critical section, or while this process holds a spinlock or an LWLock.
//! There the panic is PostgreSQL's PANIC: the hook logs it and aborts the
//! process, and the postmaster's crash-restart cycle follows.
//!
//! The hook installed here replaces Rust's default message on stderr: the
//! panic is written to the server log with its location (`file:line`), and
//! with a backtrace when `RUST_BACKTRACE` asks for one. Errors raised with
//! `pg_error::throw` (out of memory inside a memory context) unwind without
//! running the hook: they are reports, not bugs.
//!
//! Debug builds have a way to cause a panic from SQL, for the end-to-end
//! tests: `ferrogres_debug_panic(message text, in_critical_section bool
//! DEFAULT false)`, superuser only. Release builds do not have the function
//! at all, so no production server can be made to panic on purpose.

use pg_error::{PgError, PgResult, SqlState};
use pg_types::{Datum, FuncDef, Volatility};
use std::backtrace::{Backtrace, BacktraceStatus};

/// Whether a panic here must end the process: inside a critical section,
/// or with a spinlock or an LWLock held.
fn must_panic() -> bool {
    pg_error::crit::in_crit_section() || pg_shmem::held_spinlock_count() > 0 || pg_shmem::held_lwlock_count() > 0
}

/// Installs the backend's panic hook (once per process, after fork).
pub(crate) fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = pg_error::throw::panic_message(info.payload());
        let location = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        let backtrace = Backtrace::capture();
        let backtrace = match backtrace.status() {
            BacktraceStatus::Captured => format!("\n{backtrace}"),
            _ => String::new(),
        };
        if must_panic() {
            tracing::error!(severity = "PANIC", sqlstate = "XX000", "{message} (Rust panic at {location}){backtrace}");
            std::process::abort();
        }
        // The ERROR itself reaches the client (and the log, with the
        // statement) once the unwind is caught; this line says where.
        tracing::info!("Rust panic at {location}: {message}{backtrace}");
    }));
}

/// `ferrogres_debug_panic(message, in_critical_section)`: panics with the
/// given message, inside a critical section when asked. Debug builds only.
fn debug_panic(args: &[Datum]) -> PgResult<Datum> {
    let superuser = crate::session::current_session().map(|s| s.role.superuser).unwrap_or(false);
    if !superuser {
        return Err(PgError::new(SqlState::INSUFFICIENT_PRIVILEGE, "must be superuser to cause a panic"));
    }
    let message = match args.first() {
        Some(Datum::Text(s)) => s.clone(),
        _ => String::new(),
    };
    if matches!(args.get(1), Some(Datum::Bool(true))) {
        let _crit = pg_error::crit::start_crit_section();
        panic!("{message}");
    }
    panic!("{message}");
}

/// The functions of this module that exist in this build: the panic
/// trigger in debug builds, nothing in release builds.
pub(crate) fn debug_functions() -> Vec<FuncDef> {
    if !cfg!(debug_assertions) {
        return Vec::new();
    }
    use pg_types::oid::{BOOL, TEXT, VOID};
    vec![FuncDef::scalar("ferrogres_debug_panic", &[TEXT, BOOL], VOID, Volatility::Volatile, debug_panic)
        .with_defaults(vec![Datum::Bool(false)])]
}
