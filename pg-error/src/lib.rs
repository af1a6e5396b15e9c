//! pg-error: SQLSTATE codes and the `PgError` value every layer returns.
//!
//! PostgreSQL source area: `src/backend/utils/errcodes.txt`, `utils/elog.h`
//! (`ereport`, `ErrorData`).
//!
//! Dependencies: no `pg-*` crate (only `tracing`, the log's transport).
//! This crate is layer 0; every `pg-*` crate may use it.
//!
//! Invariants:
//! - `SqlState` constants are generated from `errcodes.tsv` by
//!   `cargo xtask codegen`; CI fails when `src/sqlstate.rs` is stale.
//! - Errors are values (`Result<_, PgError>`). A `PgError`
//!   carries exactly what an ErrorResponse/NoticeResponse needs: severity,
//!   SQLSTATE, message, detail, hint and a 1-based cursor position. The one
//!   exception is [`throw()`] (`ereport(ERROR)`'s longjmp), for code that has
//!   no `Result` to return through, such as a memory context serving a
//!   collection; the backend catches it around each protocol message.
//! - Messages follow PostgreSQL's style: lower case, no final period.
//! - Inside a critical section ([`crit`]) every ERROR or FATAL made is a
//!   PANIC that ends the process where it is raised.
//! - Two guards every layer shares live here because they only raise errors:
//!   [`check_stack_depth`] (54001 on deep client input) and
//!   [`check_for_interrupts`] (cancel, timeout, terminate), whose real check
//!   the backend registers with [`set_interrupt_hook`].
//! - [`notice`] queues the NOTICEs raised below the backend's main loop
//!   (identifier truncation) until the backend sends them.
//! - [`elog`] is how a report reaches the server log, and holds the process
//!   state `log_line_prefix` shows; the writer itself is installed by the
//!   server binary.
#![forbid(unsafe_code)]

pub mod crit;
pub mod elog;
pub mod interrupt;
pub mod notice;
pub mod sqlstate;
pub mod stack;
pub mod throw;

pub use interrupt::{check_for_interrupts, set_interrupt_hook};
pub use stack::check_stack_depth;
pub use throw::throw;

use std::fmt;

/// A five-character SQLSTATE code, e.g. `SqlState::SYNTAX_ERROR` = `42601`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SqlState(pub [u8; 5]);

impl SqlState {
    /// The code as text.
    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.0).expect("SQLSTATE codes are ASCII")
    }

    /// The first two characters: the error class.
    pub fn class(&self) -> &str {
        &self.code()[..2]
    }

    /// Looks a code up by its text; unknown but well-formed codes are accepted.
    pub fn from_code(code: &str) -> Option<SqlState> {
        let b = code.as_bytes();
        if b.len() != 5 || !b.iter().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()) {
            return None;
        }
        Some(SqlState([b[0], b[1], b[2], b[3], b[4]]))
    }

    /// PostgreSQL's condition name (`syntax_error`), if the code is in the table.
    pub fn condition_name(&self) -> Option<&'static str> {
        sqlstate::condition_name(self)
    }
}

impl fmt::Debug for SqlState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SqlState({})", self.code())
    }
}

impl fmt::Display for SqlState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Message severity, as sent in the `S`/`V` fields of Error/NoticeResponse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// DEBUG1..5 collapse to DEBUG on the wire.
    Debug,
    /// LOG.
    Log,
    /// INFO.
    Info,
    /// NOTICE.
    Notice,
    /// WARNING.
    Warning,
    /// ERROR: aborts the current statement.
    Error,
    /// FATAL: ends the session.
    Fatal,
    /// PANIC: ends the server's sessions (crash-restart).
    Panic,
}

impl Severity {
    /// The non-localised wire name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Debug => "DEBUG",
            Severity::Log => "LOG",
            Severity::Info => "INFO",
            Severity::Notice => "NOTICE",
            Severity::Warning => "WARNING",
            Severity::Error => "ERROR",
            Severity::Fatal => "FATAL",
            Severity::Panic => "PANIC",
        }
    }
}

/// The fields of an error or notice report: PostgreSQL's `ErrorData`.
/// Two reports are equal when they say the same; where they were made
/// (`location`) does not count.
#[derive(Clone, Debug)]
pub struct ErrorData {
    /// ERROR unless raised as FATAL or a notice.
    pub severity: Severity,
    /// The SQLSTATE.
    pub code: SqlState,
    /// Primary message: short, lower case, no final period.
    pub message: String,
    /// Optional detail sentence(s).
    pub detail: Option<String>,
    /// Optional hint sentence(s).
    pub hint: Option<String>,
    /// A detail for the server log only, shown there instead of `detail`
    /// (`errdetail_log`: why a password check failed is not the client's
    /// business).
    pub detail_log: Option<String>,
    /// 1-based character position in the query text, for syntax errors.
    pub position: Option<u32>,
    /// Where the error happened, as PostgreSQL's `errcontext` lines (the
    /// innermost first, one per line): the CONTEXT field and log line.
    pub context: Option<String>,
    /// Where in the server's source the report was made (the LOCATION
    /// line of `log_error_verbosity = verbose`; never sent to the client).
    pub location: Option<&'static std::panic::Location<'static>>,
}

impl PartialEq for ErrorData {
    fn eq(&self, other: &ErrorData) -> bool {
        self.severity == other.severity
            && self.code == other.code
            && self.message == other.message
            && self.detail == other.detail
            && self.hint == other.hint
            && self.detail_log == other.detail_log
            && self.position == other.position
            && self.context == other.context
    }
}

impl Eq for ErrorData {}

/// An error or notice report, as a value: a box around [`ErrorData`], so
/// that every `PgResult<T>` is only one pointer wider than `T` and the
/// happy path does not move a hundred bytes of error fields around. The
/// fields are reached through `Deref` (`err.code`, `err.message`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PgError(Box<ErrorData>);

impl std::ops::Deref for PgError {
    type Target = ErrorData;
    fn deref(&self) -> &ErrorData {
        &self.0
    }
}

impl std::ops::DerefMut for PgError {
    fn deref_mut(&mut self) -> &mut ErrorData {
        &mut self.0
    }
}

impl From<ErrorData> for PgError {
    fn from(mut data: ErrorData) -> PgError {
        data.severity = crit::effective_severity(data.severity);
        crit::raise(&data);
        PgError(Box::new(data))
    }
}

/// The result type used across the server.
pub type PgResult<T> = Result<T, PgError>;

impl PgError {
    /// An ERROR with the given code and message.
    /// Inside a critical section (see [`crit`]) it is a PANIC instead, and
    /// the process ends here.
    #[track_caller]
    pub fn new(code: SqlState, message: impl Into<String>) -> PgError {
        PgError::report(Severity::Error, code, message.into())
    }

    /// A FATAL error: the session ends after it is sent (a PANIC inside a
    /// critical section).
    #[track_caller]
    pub fn fatal(code: SqlState, message: impl Into<String>) -> PgError {
        PgError::report(Severity::Fatal, code, message.into())
    }

    /// A notice-level report (NOTICE, WARNING, ...) with the given code.
    #[track_caller]
    pub fn notice(severity: Severity, code: SqlState, message: impl Into<String>) -> PgError {
        PgError::report(severity, code, message.into())
    }

    /// `ereport` for every constructor: promotes to PANIC inside a critical
    /// section.
    #[track_caller]
    fn report(severity: Severity, code: SqlState, message: String) -> PgError {
        let location = Some(std::panic::Location::caller());
        PgError::from(ErrorData {
            severity,
            code,
            message,
            detail: None,
            hint: None,
            detail_log: None,
            position: None,
            context: None,
            location,
        })
    }

    /// `feature_not_supported` (0A000): the honest answer for what is not built yet.
    #[track_caller]
    pub fn not_supported(message: impl Into<String>) -> PgError {
        PgError::new(SqlState::FEATURE_NOT_SUPPORTED, message)
    }

    /// `syntax_error` (42601) at a 1-based character position.
    #[track_caller]
    pub fn syntax(message: impl Into<String>, position: u32) -> PgError {
        PgError::new(SqlState::SYNTAX_ERROR, message).with_position(position)
    }

    /// An internal error (XX000): always a bug in the server, never the client's fault.
    #[track_caller]
    pub fn internal(message: impl Into<String>) -> PgError {
        PgError::new(SqlState::INTERNAL_ERROR, message)
    }

    /// Adds a detail sentence.
    pub fn with_detail(mut self, detail: impl Into<String>) -> PgError {
        self.detail = Some(detail.into());
        self
    }

    /// Adds a line of context (`errcontext`): after the lines already
    /// there, since the innermost context comes first.
    pub fn with_context(mut self, context: impl Into<String>) -> PgError {
        let line = context.into();
        self.context = Some(match self.context.take() {
            Some(inner) => format!("{inner}\n{line}"),
            None => line,
        });
        self
    }

    /// Adds a detail for the server log only (`errdetail_log`).
    pub fn with_detail_log(mut self, detail: impl Into<String>) -> PgError {
        self.detail_log = Some(detail.into());
        self
    }

    /// Adds a hint sentence.
    pub fn with_hint(mut self, hint: impl Into<String>) -> PgError {
        self.hint = Some(hint.into());
        self
    }

    /// Sets the cursor position (1-based, in characters).
    pub fn with_position(mut self, position: u32) -> PgError {
        self.position = Some(position);
        self
    }

    /// The report's fields, unboxed.
    pub fn into_data(self) -> ErrorData {
        *self.0
    }

    /// Changes the severity (e.g. an ERROR promoted to FATAL during startup;
    /// inside a critical section an ERROR or FATAL is a PANIC).
    pub fn with_severity(mut self, severity: Severity) -> PgError {
        self.severity = crit::effective_severity(severity);
        crit::raise(&self.0);
        self
    }
}

impl fmt::Display for PgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:  {}", self.severity.as_str(), self.message)
    }
}

impl std::error::Error for PgError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_stay_small() {
        // A boxed error keeps PgResult<()> one pointer wide and PgResult<u64>
        // two words, so the happy path never copies the error's fields.
        assert_eq!(std::mem::size_of::<PgResult<()>>(), std::mem::size_of::<usize>());
        assert_eq!(std::mem::size_of::<PgResult<u64>>(), 2 * std::mem::size_of::<usize>());
        let mut e = PgError::syntax("syntax error at or near \"x\"", 3);
        e.position = None;
        assert_eq!(e.clone().into_data().position, None);
    }

    #[test]
    fn codes_and_names() {
        for (code, name) in [
            ("42601", "syntax_error"),
            ("0A000", "feature_not_supported"),
            ("53300", "too_many_connections"),
            ("57014", "query_canceled"),
            ("08P01", "protocol_violation"),
            ("22008", "datetime_field_overflow"),
        ] {
            let s = SqlState::from_code(code).unwrap();
            assert_eq!(s.condition_name(), Some(name), "{code}");
            assert_eq!(s.code(), code);
        }
        assert_eq!(SqlState::SYNTAX_ERROR.class(), "42");
        assert_eq!(SqlState::from_code("4260"), None);
        assert_eq!(SqlState::from_code("ZZZZZ").unwrap().condition_name(), None);
        assert!(sqlstate::ALL.len() > 250);
    }

    #[test]
    fn builders() {
        let e = PgError::syntax("syntax error at or near \"x\"", 8).with_hint("h");
        assert_eq!(e.code, SqlState::SYNTAX_ERROR);
        assert_eq!(e.position, Some(8));
        assert_eq!(e.severity, Severity::Error);
        assert_eq!(e.to_string(), "ERROR:  syntax error at or near \"x\"");
    }
}
