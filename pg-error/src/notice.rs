//! Notices raised below the layer that talks to the client, and the one
//! rule for names longer than a PostgreSQL `name` holds.
//!
//! PostgreSQL's `ereport(NOTICE, ...)` sends the message to the client
//! wherever it is raised, in the scanner as in a setting's check hook.
//! Here errors are values, and a notice is not an error: code that wants
//! to tell the client something without failing queues it with
//! [`emit_notice`], and the backend sends the queue ([`take_notices`]) at
//! its next chance, before the statement's results or its ErrorResponse.
//!
//! [`truncate_identifier`] is PostgreSQL's `scansup.c` function of that
//! name: names are at most `NAMEDATALEN - 1` (63) bytes, cut at a character
//! boundary, with NOTICE 42622 when asked to warn.

use crate::{PgError, Severity, SqlState};
use std::cell::RefCell;

/// PostgreSQL's `NAMEDATALEN`: a `name` holds at most 63 bytes and a NUL.
pub const NAMEDATALEN: usize = 64;

thread_local! {
    static PENDING: RefCell<Vec<PgError>> = const { RefCell::new(Vec::new()) };
}

/// Queues a NOTICE, WARNING or INFO for the client.
pub fn emit_notice(notice: PgError) {
    debug_assert!(notice.severity < Severity::Error, "errors are returned, not queued");
    PENDING.with(|p| p.borrow_mut().push(notice));
}

/// Takes every queued notice, oldest first.
pub fn take_notices() -> Vec<PgError> {
    PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()))
}

/// Cuts `ident` to at most `NAMEDATALEN - 1` bytes at a character boundary
/// (`truncate_identifier`); with `warn`, a cut queues PostgreSQL's NOTICE
/// `identifier "…" will be truncated to "…"` (42622).
pub fn truncate_identifier(ident: &mut String, warn: bool) {
    if ident.len() < NAMEDATALEN {
        return;
    }
    let mut cut = NAMEDATALEN - 1;
    while !ident.is_char_boundary(cut) {
        cut -= 1;
    }
    if warn {
        emit_notice(PgError::notice(
            Severity::Notice,
            SqlState::NAME_TOO_LONG,
            format!("identifier \"{ident}\" will be truncated to \"{}\"", &ident[..cut]),
        ));
    }
    ident.truncate(cut);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_at_63_bytes_on_a_character_boundary() {
        take_notices();
        let mut short = "a".repeat(63);
        truncate_identifier(&mut short, true);
        assert_eq!(short.len(), 63);
        assert!(take_notices().is_empty());
        let mut long = "é".repeat(40);
        truncate_identifier(&mut long, true);
        assert_eq!(long, "é".repeat(31));
        let notices = take_notices();
        assert_eq!(notices.len(), 1);
        assert_eq!(notices[0].code, SqlState::NAME_TOO_LONG);
        assert_eq!(
            notices[0].message,
            format!("identifier \"{}\" will be truncated to \"{}\"", "é".repeat(40), "é".repeat(31))
        );
        let mut quiet = "b".repeat(64);
        truncate_identifier(&mut quiet, false);
        assert_eq!(quiet.len(), 63);
        assert!(take_notices().is_empty());
    }
}
