//! The parser consults the interrupt hook (its own test binary, because the hook is set once
//! per process and would cancel the other tests' long statements).
use pg_error::{PgResult, SqlState};
use pg_parser::parse;

/// The interrupt hook (registered by a backend with its CHECK_FOR_INTERRUPTS) is consulted
/// while lexing and parsing, so a cancel stops a huge statement before it is parsed through.
/// This test registers a hook that always reports a cancel: any statement long enough to
/// reach a check fails with 57014, and a short one does not.
#[test]
fn interrupts_stop_lexing_and_parsing() {
    fn cancelled() -> PgResult<()> {
        Err(pg_error::PgError::new(SqlState::QUERY_CANCELED, "canceling statement due to user request"))
    }
    pg_error::set_interrupt_hook(cancelled);
    assert!(parse("select 1").is_ok());
    let long = format!("select {}", vec!["1"; 10_000].join(","));
    let e = parse(&long).unwrap_err();
    assert_eq!(e.code, SqlState::QUERY_CANCELED);
}
