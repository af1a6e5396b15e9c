//! Statements that never end by themselves (an endless WITH RECURSIVE, a
//! correlated subquery per row of an endless series) reach the interrupt
//! check in their loops, so cancel and statement_timeout stop them. Here
//! the interrupt hook fails after a fixed number of calls.

use pg_catalog::BuiltinCatalog;
use pg_error::{PgError, PgResult, SqlState};
use pg_executor::{ColumnInfo, DestReceiver, ExecContext};
use pg_types::datum::Datum;
use pipeline::{run_select, SessionInfo};
use std::cell::Cell;

mod pipeline;

thread_local! {
    static CHECKS: Cell<u64> = const { Cell::new(0) };
}

/// Cancels once it has been called 200,000 times.
fn cancel_after_a_while() -> PgResult<()> {
    let n = CHECKS.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    if n > 200_000 {
        return Err(PgError::new(SqlState::QUERY_CANCELED, "canceling statement due to user request"));
    }
    Ok(())
}

struct Discard;

impl DestReceiver for Discard {
    fn startup(&mut self, _: &[ColumnInfo]) -> PgResult<()> {
        Ok(())
    }
    fn receive(&mut self, _: &[Datum]) -> PgResult<()> {
        Ok(())
    }
    fn shutdown(&mut self) -> PgResult<()> {
        Ok(())
    }
}

fn run_until_canceled(sql: &str) -> PgError {
    CHECKS.with(|c| c.set(0));
    let settings = pg_types::io::OutputSettings::default();
    let stmts = pg_parser::parse(sql).expect("parses");
    let path = vec!["pg_catalog".to_string()];
    let session = SessionInfo { sql, search_path: &path, session_user: "postgres" };
    let portal = pg_mcxt::create_portal_context("endless");
    let mut ctx = ExecContext::new(cancel_after_a_while, &settings, portal.clone());
    let result = run_select(&stmts[0], &session, &BuiltinCatalog, &mut ctx, &mut Discard);
    // Panics if a kept subplan state or WITH query store is still live.
    portal.delete();
    result.expect_err("an endless statement only ends by the interrupt")
}

#[test]
fn endless_statements_reach_the_interrupt_check() {
    for sql in [
        "with recursive r(n) as (select 1 union all select n + 1 from r) select count(*) from r",
        "with recursive r(n) as (select 1 union select n + 1 from r) select count(*) from r",
        "select count(*) from (select generate_series(1, 2000000000) as g) s where exists (select 1 where g < 0)",
        "select count(*) from (select generate_series(1, 2000000000) as g) s where g in (select -1)",
        "with w as (select generate_series(1, 2000000000) as g) select count(*) from w",
    ] {
        let e = run_until_canceled(sql);
        assert_eq!(e.code, SqlState::QUERY_CANCELED, "{sql}: {e:?}");
    }
}
