//! Errors that cannot travel as values: PostgreSQL's `ereport(ERROR)`
//! longjmp, for the few places where a `Result` has no way out.
//!
//! Errors are values everywhere in this server, except where the code that
//! fails is called by code we do not own: a memory context serving a
//! `Vec` or hash table through the `Allocator` trait cannot return a
//! `PgError` through the collection, and `palloc` itself has no `Result`.
//! Such code calls [`throw`], which unwinds with the `PgError` as the panic
//! payload. The backend catches every unwind around each protocol message
//! (`catch_unwind`) and turns the payload back into the report with
//! [`PgError::from_panic`]: a thrown `PgError` comes back unchanged, any
//! other panic (a bug) becomes an ERROR with SQLSTATE XX000 carrying the
//! panic's message. Either way the statement ends and the transaction
//! aborts, as after any other ERROR, and the session goes on.
//!
//! Inside a critical section nothing unwinds: the `PgError` constructor has
//! already promoted the report to PANIC and ended the process (see
//! [`crate::crit`]).

use crate::{PgError, SqlState};
use std::any::Any;

/// Raises `e` by unwinding (PostgreSQL's `ereport(ERROR)`): for code that
/// cannot return a `PgResult`. The caller's statement ends with `e`.
#[cold]
pub fn throw(e: PgError) -> ! {
    // resume_unwind, not panic_any: a thrown report is not a bug, so the
    // panic hook (which logs bugs with their location) is not run.
    std::panic::resume_unwind(Box::new(e))
}

impl PgError {
    /// The report for a caught unwind: a payload thrown by [`throw`] is
    /// returned as it was raised; a Rust panic (always a bug) becomes an
    /// internal error (XX000) whose message is the panic's message.
    pub fn from_panic(payload: Box<dyn Any + Send>) -> PgError {
        match payload.downcast::<PgError>() {
            Ok(e) => *e,
            Err(other) => PgError::new(SqlState::INTERNAL_ERROR, panic_message(other.as_ref())),
        }
    }
}

/// The text of a panic payload: `panic!` makes a `&str` or a `String`.
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else if let Some(e) = payload.downcast_ref::<PgError>() {
        e.message.clone()
    } else {
        "unexpected panic payload".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::panic::{catch_unwind, AssertUnwindSafe};

    #[test]
    fn thrown_errors_come_back_unchanged_and_panics_become_internal_errors() {
        let thrown = PgError::new(SqlState::OUT_OF_MEMORY, "out of memory").with_detail("d");
        let expect = thrown.clone();
        let caught = catch_unwind(AssertUnwindSafe(|| throw(thrown))).unwrap_err();
        assert_eq!(PgError::from_panic(caught), expect);

        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let caught = catch_unwind(|| panic!("index {} out of range", 7)).unwrap_err();
        let str_caught = catch_unwind(|| panic!("plain")).unwrap_err();
        std::panic::set_hook(prev);
        let e = PgError::from_panic(caught);
        assert_eq!(e.code, SqlState::INTERNAL_ERROR);
        assert_eq!(e.message, "index 7 out of range");
        assert_eq!(PgError::from_panic(str_caught).message, "plain");
    }
}
