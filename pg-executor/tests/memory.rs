//! Sort and Agg keep their buffers in the per-query memory context
//! (`ExecutorState`, which `execute` makes under
//! `ExecContext::query_allocator`), and nothing is left live in it when
//! execution returns, so the portal's context can be deleted.

use pg_catalog::BuiltinCatalog;
use pg_error::PgResult;
use pg_executor::{ColumnInfo, DestReceiver, ExecContext};
use pg_mcxt::MemoryContext;
use pg_types::datum::Datum;
use pipeline::{run_select, SessionInfo};

mod fakes;
mod pipeline;

/// Records how many collection chunks are live in the portal's context
/// while rows arrive.
struct Probe {
    portal: MemoryContext,
    live_during: Vec<usize>,
}

impl DestReceiver for Probe {
    fn startup(&mut self, _: &[ColumnInfo]) -> PgResult<()> {
        Ok(())
    }
    fn receive(&mut self, _: &[Datum]) -> PgResult<()> {
        self.live_during.push(live_in_subtree(&self.portal));
        Ok(())
    }
    fn shutdown(&mut self) -> PgResult<()> {
        Ok(())
    }
}

/// Live collection chunks in `cxt` and its descendants: the query's own
/// `ExecutorState` is a child of the portal's context.
fn live_in_subtree(cxt: &MemoryContext) -> usize {
    cxt.live_collection_chunks() + cxt.children().iter().map(live_in_subtree).sum::<usize>()
}

fn no_interrupts() -> PgResult<()> {
    Ok(())
}

/// Runs `sql`; returns (max live chunks while rows were sent, live chunks after).
fn run(sql: &str) -> (usize, usize) {
    fakes::register();
    let settings = fakes::settings();
    let stmts = pg_parser::parse(sql).expect("parses");
    let path = vec!["public".to_string()];
    let session = SessionInfo { sql, search_path: &path, session_user: "postgres" };
    let portal = pg_mcxt::create_portal_context("memory");
    let mut ctx = ExecContext::new(no_interrupts, &settings, portal.clone());
    let mut probe = Probe { portal: portal.clone(), live_during: Vec::new() };
    run_select(&stmts[0], &session, &BuiltinCatalog, &mut ctx, &mut probe).expect("runs");
    drop(ctx);
    assert!(portal.children().is_empty(), "ExecutorState deleted at the end");
    let after = live_in_subtree(&portal);
    portal.delete();
    (probe.live_during.into_iter().max().unwrap_or(0), after)
}

#[test]
fn materialising_nodes_allocate_in_the_query_context() {
    let check = |sql: &str, uses_context: bool| {
        let (during, after) = run(sql);
        assert_eq!(during > 0, uses_context, "{sql}: {during} live chunks while sending rows");
        assert_eq!(after, 0, "{sql}: collections left in the portal context");
    };
    check("SELECT x FROM generate_series(1, 100) x", false);
    check("SELECT x FROM generate_series(1, 100) x ORDER BY x DESC", true);
    check("SELECT x % 7, count(*) FROM generate_series(1, 100) x GROUP BY 1", true);
    check("SELECT count(*), sum(x) FROM generate_series(1, 100) x", true);
    check("SELECT DISTINCT x % 3 FROM generate_series(1, 100) x", true);
    // Set operations: UNION ALL streams; UNION sorts; INTERSECT/EXCEPT hash.
    check("SELECT 1 UNION ALL SELECT x FROM generate_series(1, 10) x", false);
    check("SELECT 1 UNION SELECT x FROM generate_series(1, 10) x", true);
    check("SELECT x FROM generate_series(1, 10) x INTERSECT SELECT 2", true);
    check("SELECT x FROM generate_series(1, 10) x EXCEPT ALL SELECT 2", true);
    // A nested loop rescans a function scan for each outer row; other
    // inner inputs go through a Materialize (a tuplestore in the context);
    // a FULL join buffers its inner rows and their match flags.
    check("SELECT * FROM generate_series(1, 10) a, generate_series(1, 10) b", false);
    check("SELECT * FROM generate_series(1, 10) a, (VALUES (1), (2)) b(x)", true);
    check("SELECT * FROM generate_series(1, 10) a FULL JOIN generate_series(5, 15) b ON a = b", true);
}

#[test]
fn a_join_error_mid_query_leaves_nothing_live() {
    fakes::register();
    let settings = fakes::settings();
    let sql = "SELECT a / (b - 5) FROM generate_series(1, 10) a JOIN generate_series(1, 10) b ON a < b";
    let stmts = pg_parser::parse(sql).expect("parses");
    let path = vec!["public".to_string()];
    let session = SessionInfo { sql, search_path: &path, session_user: "postgres" };
    let portal = pg_mcxt::create_portal_context("error");
    let mut ctx = ExecContext::new(no_interrupts, &settings, portal.clone());
    let mut probe = Probe { portal: portal.clone(), live_during: Vec::new() };
    let err = run_select(&stmts[0], &session, &BuiltinCatalog, &mut ctx, &mut probe).expect_err("division by zero");
    assert_eq!(err.message, "division by zero");
    assert_eq!(portal.live_collection_chunks(), 0);
    portal.delete();
}

#[test]
fn an_error_mid_query_leaves_nothing_live() {
    fakes::register();
    let settings = fakes::settings();
    let sql = "SELECT x % 3, sum(100 / (x - 50)) FROM generate_series(1, 100) x GROUP BY 1 ORDER BY 1";
    let stmts = pg_parser::parse(sql).expect("parses");
    let path = vec!["public".to_string()];
    let session = SessionInfo { sql, search_path: &path, session_user: "postgres" };
    let portal = pg_mcxt::create_portal_context("error");
    let mut ctx = ExecContext::new(no_interrupts, &settings, portal.clone());
    let mut probe = Probe { portal: portal.clone(), live_during: Vec::new() };
    let err = run_select(&stmts[0], &session, &BuiltinCatalog, &mut ctx, &mut probe).expect_err("division by zero");
    assert_eq!(err.message, "division by zero");
    assert_eq!(portal.live_collection_chunks(), 0);
    portal.delete();
}
