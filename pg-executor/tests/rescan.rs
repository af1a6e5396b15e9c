//! ExecReScan: every plan node returns the same rows again after a
//! rescan, and a nested loop reads its inner side through a rescan (of a
//! Materialize where the inner input is not a plain function scan).

use pg_catalog::BuiltinCatalog;
use pg_error::PgResult;
use pg_executor::nodes::init_plan;
use pg_executor::ExecContext;
use pg_types::datum::Datum;
use pipeline::{prepare, run_select, SessionInfo};

mod fakes;
mod pipeline;

fn no_interrupts() -> PgResult<()> {
    Ok(())
}

fn plan(sql: &str) -> pg_planner::PlannedStmt {
    fakes::register();
    let settings = fakes::settings();
    let stmts = pg_parser::parse(sql).expect("parses");
    let path = vec!["public".to_string()];
    let session = SessionInfo { sql, search_path: &path, session_user: "postgres" };
    prepare(&stmts[0], &session, &BuiltinCatalog, &settings, &[]).expect("plans").0
}

#[test]
fn every_node_gives_its_rows_again_after_a_rescan() {
    let settings = fakes::settings();
    for sql in [
        "SELECT 1",
        "SELECT x FROM generate_series(1, 5) x WHERE x <> 3",
        "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) v(a, b)",
        "SELECT x FROM generate_series(1, 20) x ORDER BY x DESC",
        "SELECT DISTINCT x % 3 FROM generate_series(1, 20) x",
        "SELECT x % 4, count(*), sum(x) FROM generate_series(1, 20) x GROUP BY 1",
        "SELECT count(*) FROM generate_series(1, 20) x",
        "SELECT 1 UNION ALL SELECT 2",
        "SELECT x FROM generate_series(1, 5) x INTERSECT SELECT 3",
        "SELECT x FROM generate_series(1, 5) x EXCEPT ALL SELECT 3",
        "SELECT * FROM generate_series(1, 3) a, generate_series(1, 3) b",
        "SELECT * FROM generate_series(1, 3) a LEFT JOIN (SELECT 2 AS y) b ON a = b.y",
        "SELECT * FROM generate_series(1, 3) a FULL JOIN generate_series(2, 4) b ON a = b",
        "SELECT * FROM generate_series(1, 3) a RIGHT JOIN generate_series(2, 40) b ON a = b",
        "SELECT * FROM generate_series(1, 2000) a JOIN generate_series(1, 2000) b ON a = b",
        "SELECT * FROM generate_series(1, 2000) a FULL JOIN generate_series(5, 2004) b ON a = b",
        "SELECT * FROM generate_series(1, 3) a, (SELECT x % 2 AS k, count(*) FROM generate_series(1, 9) x GROUP BY 1) s",
        "SELECT x FROM generate_series(1, 10) x LIMIT 3 OFFSET 2",
        "SELECT s.x FROM (SELECT x FROM generate_series(1, 4) x ORDER BY 1) s",
    ] {
        let planned = plan(sql);
        let cxt = pg_mcxt::create_portal_context("rescan");
        let mut ctx = ExecContext::new(no_interrupts, &settings, cxt.clone());
        let mut state = init_plan(&planned.plan);
        let mut read = |state: &mut pg_executor::nodes::PlanState<'_>, limit: usize| {
            let mut rows = Vec::new();
            while rows.len() < limit {
                match state.next(&mut ctx).expect("runs") {
                    Some(r) => rows.push(r),
                    None => break,
                }
            }
            rows
        };
        let first = read(&mut state, usize::MAX);
        assert!(!first.is_empty(), "{sql}");
        state.rescan();
        assert_eq!(read(&mut state, usize::MAX), first, "{sql}: after a rescan at the end");
        // A rescan in the middle starts over too.
        state.rescan();
        let part = read(&mut state, 1);
        state.rescan();
        assert_eq!(read(&mut state, usize::MAX), first, "{sql}: after a rescan in the middle ({part:?})");
        drop(state);
        drop(ctx);
        cxt.delete();
    }
}

#[test]
fn a_nested_loop_rescans_a_materialize_over_its_inner_side() {
    let sql = "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) \
               SELECT * FROM generate_series(1, 4) a, (VALUES (1), (2), (3)) v(x) WHERE a < x";
    let out = run_lines(sql);
    // The inner Values Scan runs once; the Materialize is read four times.
    assert_eq!(out[0], "Nested Loop (actual rows=3 loops=1)", "{out:#?}");
    assert_eq!(out[2], "  ->  Function Scan on generate_series a (actual rows=4 loops=1)", "{out:#?}");
    assert_eq!(out[3], "  ->  Materialize (actual rows=3 loops=4)", "{out:#?}");
    assert!(
        out[4].starts_with("        ->  Values Scan on ") && out[4].ends_with("(actual rows=3 loops=1)"),
        "{out:#?}"
    );
}

fn run_lines(sql: &str) -> Vec<String> {
    struct Lines(Vec<String>);
    impl pg_executor::DestReceiver for Lines {
        fn startup(&mut self, _: &[pg_executor::ColumnInfo]) -> PgResult<()> {
            Ok(())
        }
        fn receive(&mut self, row: &[Datum]) -> PgResult<()> {
            self.0.push(row[0].as_str().unwrap_or_default().to_string());
            Ok(())
        }
        fn shutdown(&mut self) -> PgResult<()> {
            Ok(())
        }
    }
    fakes::register();
    let settings = fakes::settings();
    let stmts = pg_parser::parse(sql).expect("parses");
    let path = vec!["public".to_string()];
    let session = SessionInfo { sql, search_path: &path, session_user: "postgres" };
    let cxt = pg_mcxt::create_portal_context("rescan");
    let mut ctx = ExecContext::new(no_interrupts, &settings, cxt.clone());
    let mut lines = Lines(Vec::new());
    run_select(&stmts[0], &session, &BuiltinCatalog, &mut ctx, &mut lines).expect("runs");
    drop(ctx);
    cxt.delete();
    lines.0
}

#[test]
fn a_materialize_under_a_lateral_join_runs_again_for_each_outer_row() {
    // The VALUES list reads the outer `a` (a nestloop parameter); the
    // Materialize over it must not replay the first outer row's values.
    let rows = run_rows(
        "SELECT a, b, x FROM generate_series(1, 3) a, \
         LATERAL (SELECT * FROM generate_series(1, 2) b, (VALUES (a * 10)) v(x)) s",
    );
    let got: Vec<(i64, i64, i64)> = rows
        .iter()
        .map(|r| (r[0].as_i64().expect("a"), r[1].as_i64().expect("b"), r[2].as_i64().expect("x")))
        .collect();
    assert_eq!(got, vec![(1, 1, 10), (1, 2, 10), (2, 1, 20), (2, 2, 20), (3, 1, 30), (3, 2, 30)]);
}

fn run_rows(sql: &str) -> Vec<Vec<Datum>> {
    struct Rows(Vec<Vec<Datum>>);
    impl pg_executor::DestReceiver for Rows {
        fn startup(&mut self, _: &[pg_executor::ColumnInfo]) -> PgResult<()> {
            Ok(())
        }
        fn receive(&mut self, row: &[Datum]) -> PgResult<()> {
            self.0.push(row.to_vec());
            Ok(())
        }
        fn shutdown(&mut self) -> PgResult<()> {
            Ok(())
        }
    }
    fakes::register();
    let settings = fakes::settings();
    let stmts = pg_parser::parse(sql).expect("parses");
    let path = vec!["public".to_string()];
    let session = SessionInfo { sql, search_path: &path, session_user: "postgres" };
    let cxt = pg_mcxt::create_portal_context("rescan");
    let mut ctx = ExecContext::new(no_interrupts, &settings, cxt.clone());
    let mut rows = Rows(Vec::new());
    run_select(&stmts[0], &session, &BuiltinCatalog, &mut ctx, &mut rows).expect("runs");
    drop(ctx);
    cxt.delete();
    rows.0
}
