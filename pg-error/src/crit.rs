//! Critical sections (PostgreSQL's `START_CRIT_SECTION` /
//! `END_CRIT_SECTION` and the PANIC promotion in `errstart`).
//!
//! Between a change to a shared page and the WAL record that describes it,
//! nothing may fail: an error there would leave shared memory in a state
//! no WAL record explains. Code in such a window runs inside a critical
//! section, and any ERROR or FATAL raised while one is open is promoted to
//! PANIC: the report is logged and the process aborts at once (the
//! postmaster then sees a child killed by a signal and runs its
//! crash-restart cycle, re-initialising shared memory and replaying WAL).
//!
//! Because errors are values here, the promotion happens where they are
//! made: every constructor of an ERROR-or-worse [`PgError`](crate::PgError) checks the
//! counter. A Rust panic inside a critical section aborts too (the guard's
//! `Drop` sees the unwinding), so no `Drop` code runs on half-changed
//! shared state.
//!
//! ```
//! use pg_error::crit;
//! assert_eq!(crit::crit_section_count(), 0);
//! {
//!     let _crit = crit::start_crit_section();
//!     assert!(crit::in_crit_section());
//!     // ... change the page, insert the WAL record, set the page LSN ...
//! }
//! assert_eq!(crit::crit_section_count(), 0);
//! ```

use crate::{ErrorData, Severity};
use std::cell::Cell;

thread_local! {
    /// `CritSectionCount`.
    static CRIT_SECTION_COUNT: Cell<u32> = const { Cell::new(0) };
    /// What a PANIC does (log, then abort); the backend installs one that
    /// logs through its log subscriber.
    static PANIC_HOOK: Cell<fn(&ErrorData) -> !> = const { Cell::new(default_panic) };
}

/// An open critical section; it ends when the guard is dropped
/// (`END_CRIT_SECTION`). Sections nest.
#[must_use = "the critical section ends when this guard is dropped"]
pub struct CritSection {
    _not_send: std::marker::PhantomData<*const ()>,
}

/// START_CRIT_SECTION(): opens a critical section until the returned guard
/// is dropped.
pub fn start_crit_section() -> CritSection {
    CRIT_SECTION_COUNT.with(|c| c.set(c.get() + 1));
    CritSection { _not_send: std::marker::PhantomData }
}

impl Drop for CritSection {
    fn drop(&mut self) {
        if std::thread::panicking() {
            // A Rust panic inside a critical section: no unwinding past
            // half-changed shared state (PostgreSQL would PANIC here too).
            write_panic("Rust panic inside a critical section");
            std::process::abort();
        }
        CRIT_SECTION_COUNT.with(|c| c.set(c.get().saturating_sub(1)));
    }
}

/// `CritSectionCount`: how many critical sections are open.
pub fn crit_section_count() -> u32 {
    CRIT_SECTION_COUNT.with(Cell::get)
}

/// Whether a critical section is open.
pub fn in_crit_section() -> bool {
    crit_section_count() > 0
}

/// The severity a report raised now gets: ERROR and FATAL become PANIC
/// inside a critical section (as `errstart` promotes them); notices and
/// anything outside a section keep theirs.
pub fn effective_severity(severity: Severity) -> Severity {
    if severity >= Severity::Error && in_crit_section() {
        Severity::Panic
    } else {
        severity
    }
}

/// Installs what a PANIC does: the hook must log the report and end the
/// process without unwinding (`std::process::abort`).
pub fn set_panic_hook(hook: fn(&ErrorData) -> !) {
    PANIC_HOOK.with(|h| h.set(hook));
}

/// Called by the error constructors: a report of PANIC severity ends the
/// process here.
pub(crate) fn raise(data: &ErrorData) {
    if data.severity == Severity::Panic {
        let hook = PANIC_HOOK.with(Cell::get);
        hook(data);
    }
}

fn default_panic(data: &ErrorData) -> ! {
    write_panic(&data.message);
    std::process::abort();
}

/// Writes a PANIC line: through the server log when a process has one
/// (its prefix and format), else plainly to stderr.
fn write_panic(message: &str) {
    if tracing::dispatcher::has_been_set() {
        tracing::error!(severity = "PANIC", "{message}");
    } else {
        eprintln!("PANIC:  {message}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counter_nests_and_promotes_only_errors() {
        assert_eq!(crit_section_count(), 0);
        assert_eq!(effective_severity(Severity::Error), Severity::Error);
        {
            let _a = start_crit_section();
            {
                let _b = start_crit_section();
                assert_eq!(crit_section_count(), 2);
            }
            assert_eq!(crit_section_count(), 1);
            assert_eq!(effective_severity(Severity::Error), Severity::Panic);
            assert_eq!(effective_severity(Severity::Fatal), Severity::Panic);
            assert_eq!(effective_severity(Severity::Warning), Severity::Warning);
            assert_eq!(effective_severity(Severity::Notice), Severity::Notice);
            // A notice can still be made inside a section.
            let n = crate::PgError::notice(Severity::Warning, crate::SqlState::WARNING, "ok");
            assert_eq!(n.severity, Severity::Warning);
        }
        assert_eq!(crit_section_count(), 0);
        assert_eq!(effective_severity(Severity::Fatal), Severity::Fatal);
    }
}
