//! The resumable executor: a [`QueryDesc`] owns its plan, node states and
//! memory context, and `run(dest, max_rows)` computes only the rows asked
//! for, so a portal can hold it across protocol messages.

use pg_catalog::BuiltinCatalog;
use pg_error::PgResult;
use pg_executor::{ColumnInfo, DestReceiver, QueryDesc, RunResult};
use pg_types::datum::Datum;
use pipeline::{prepare, SessionInfo};
use std::sync::Arc;
use std::time::{Duration, Instant};

mod fakes;
mod pipeline;

#[derive(Default)]
struct Collect {
    rows: Vec<Vec<Datum>>,
    startups: usize,
}

impl DestReceiver for Collect {
    fn startup(&mut self, _: &[ColumnInfo]) -> PgResult<()> {
        self.startups += 1;
        Ok(())
    }
    fn receive(&mut self, row: &[Datum]) -> PgResult<()> {
        self.rows.push(row.to_vec());
        Ok(())
    }
    fn shutdown(&mut self) -> PgResult<()> {
        Ok(())
    }
}

fn no_interrupts() -> PgResult<()> {
    Ok(())
}

fn start(sql: &str, parent: &pg_mcxt::MemoryContext) -> QueryDesc {
    fakes::register();
    let settings = fakes::settings();
    let stmts = pg_parser::parse(sql).expect("parses");
    let path = vec!["public".to_string()];
    let session = SessionInfo { sql, search_path: &path, session_user: "postgres" };
    let (plan, _) = prepare(&stmts[0], &session, &BuiltinCatalog, &settings, &[]).expect("plans");
    QueryDesc::start(Arc::new(plan), Vec::new(), settings, no_interrupts, parent)
}

fn ints(rows: &[Vec<Datum>]) -> Vec<i64> {
    rows.iter().map(|r| r[0].as_i64().expect("an integer")).collect()
}

#[test]
fn a_huge_series_returns_its_first_rows_at_once() {
    let portal = pg_mcxt::create_portal_context("c");
    let started = Instant::now();
    let mut sink = Collect::default();
    let mut qd = start("SELECT g FROM generate_series(1, 2000000000) g", &portal);
    assert_eq!(qd.run(&mut sink, 3).expect("runs"), RunResult { rows: 3, finished: false });
    assert_eq!(qd.run(&mut sink, 2).expect("runs"), RunResult { rows: 2, finished: false });
    assert_eq!(ints(&sink.rows), vec![1, 2, 3, 4, 5]);
    assert_eq!(qd.processed(), 5);
    assert_eq!(qd.command_tag().to_string(), "SELECT 5");
    // Generous bound: the whole series would take minutes.
    assert!(started.elapsed() < Duration::from_secs(20));
    drop(qd);
    assert!(portal.children().is_empty(), "ExecutorState deleted with the QueryDesc");
    portal.delete();
}

#[test]
fn running_in_pieces_gives_the_same_rows_as_running_at_once() {
    let portal = pg_mcxt::create_portal_context("c");
    let sql = "SELECT x % 7 AS k, count(*) FROM generate_series(1, 100) x GROUP BY 1 ORDER BY 1 DESC LIMIT 5";
    let mut all = Collect::default();
    let mut qd = start(sql, &portal);
    assert_eq!(qd.run(&mut all, 0).expect("runs"), RunResult { rows: 5, finished: true });
    let mut pieces = Collect::default();
    let mut qd2 = start(sql, &portal);
    let mut calls = 0;
    while !qd2.run(&mut pieces, 2).expect("runs").finished {
        calls += 1;
    }
    assert_eq!(calls, 2);
    assert_eq!(pieces.startups, 3);
    assert_eq!(all.rows, pieces.rows);
    // After the end a call sends nothing.
    assert_eq!(qd2.run(&mut pieces, 2).expect("runs"), RunResult { rows: 0, finished: true });
    assert_eq!(qd.command_tag().to_string(), "SELECT 5");
    drop((qd, qd2));
    portal.delete();
}

#[test]
fn the_query_context_holds_the_sort_and_goes_with_the_querydesc() {
    let portal = pg_mcxt::create_portal_context("c");
    let mut qd = start("SELECT x FROM generate_series(1, 5000) x ORDER BY x DESC", &portal);
    let mut sink = Collect::default();
    qd.run(&mut sink, 1).expect("runs");
    assert_eq!(ints(&sink.rows), vec![5000]);
    let cxt = qd.memory_context().clone();
    assert_eq!(cxt.name(), "ExecutorState");
    assert!(cxt.is_descendant_of(&portal));
    assert!(cxt.mem_allocated(true) > 5000 * 16, "the sorted rows are charged to ExecutorState");
    drop(qd);
    // Stored rows are MinimalTuples in the context: their text is counted too.
    let mut qd = start("SELECT repeat('x', 200) || x FROM generate_series(1, 5000) x ORDER BY 1", &portal);
    qd.run(&mut sink, 1).expect("runs");
    let cxt = qd.memory_context().clone();
    assert!(cxt.mem_allocated(true) > 5000 * 200, "{} bytes", cxt.mem_allocated(true));
    drop(qd);
    assert!(cxt.is_deleted());
    portal.delete();
}

#[test]
fn an_error_makes_the_querydesc_unusable_and_frees_its_state() {
    let portal = pg_mcxt::create_portal_context("c");
    let mut qd = start("SELECT 10 / (x - 3) FROM generate_series(1, 5) x", &portal);
    let mut sink = Collect::default();
    assert!(qd.run(&mut sink, 1).is_ok());
    let err = qd.run(&mut sink, 0).expect_err("division by zero");
    assert_eq!(err.message, "division by zero");
    assert!(qd.run(&mut sink, 0).is_err());
    assert_eq!(qd.memory_context().live_collection_chunks(), 0);
    drop(qd);
    portal.delete();
}

#[test]
fn explain_runs_as_a_querydesc_too() {
    let portal = pg_mcxt::create_portal_context("c");
    let mut qd = start("EXPLAIN (COSTS OFF) SELECT x FROM generate_series(1, 5) x ORDER BY x", &portal);
    let mut sink = Collect::default();
    assert_eq!(qd.run(&mut sink, 1).expect("runs"), RunResult { rows: 1, finished: false });
    assert!(qd.run(&mut sink, 0).expect("runs").finished);
    assert_eq!(sink.rows.len(), 3, "Sort, Sort Key, Function Scan");
    assert_eq!(qd.command_tag().to_string(), "EXPLAIN");
    drop(qd);
    portal.delete();
}

#[test]
fn scans_and_aggregates_have_a_per_tuple_expr_context_under_executor_state() {
    let portal = pg_mcxt::create_portal_context("c");
    let mut sink = Collect::default();
    let mut qd = start("SELECT x * 2 FROM generate_series(1, 10) x WHERE x % 2 = 0", &portal);
    qd.run(&mut sink, 1).expect("runs");
    assert_eq!(ints(&sink.rows), vec![4]);
    let cxt = qd.memory_context().clone();
    let names: Vec<String> = cxt.children().iter().map(|c| c.name().to_string()).collect();
    assert_eq!(names, vec!["ExprContext".to_string()], "the scan's ExprContext while the query runs");
    drop(qd);
    assert!(portal.children().is_empty());

    // The node's context is CurrentMemoryContext while it evaluates a row
    // and is reset before the next one: a palloc made then is freed.
    let e = pg_executor::eval::PerTupleContext::new();
    let query = portal.create_child("ExecutorState");
    drop(e.reset_for_row(&query));
    let empty = e.context().expect("made").stats().used_bytes();
    {
        let _g = e.reset_for_row(&query);
        let _ = pg_mcxt::palloc(1000);
        assert!(e.context().expect("made").stats().used_bytes() >= empty + 1000);
    }
    drop(e.reset_for_row(&query));
    assert_eq!(e.context().expect("made").stats().used_bytes(), empty);
    drop(e);
    assert!(query.children().is_empty(), "deleted with its node");
    query.delete();
    portal.delete();
}

#[test]
fn sorted_rows_reach_the_top_undecoded_and_are_decoded_only_as_far_as_read() {
    fakes::register();
    let settings = fakes::settings();
    let sql = "SELECT x FROM generate_series(1, 50) x ORDER BY repeat('k', x) DESC LIMIT 3 OFFSET 2";
    let stmts = pg_parser::parse(sql).expect("parses");
    let path = vec!["public".to_string()];
    let session = SessionInfo { sql, search_path: &path, session_user: "postgres" };
    let (plan, _) = prepare(&stmts[0], &session, &BuiltinCatalog, &settings, &[]).expect("plans");
    let portal = pg_mcxt::create_portal_context("c");
    let mut ctx = pg_executor::ExecContext::new(no_interrupts, &settings, portal.clone());
    let mut state = pg_executor::nodes::init_plan(&plan.plan);
    let mut slot = pg_executor::slot::TupleTableSlot::new();
    let mut got = Vec::new();
    // Limit passes the Sort's stored rows on: the sort key (a resjunk
    // column) is never decoded, and neither is anything of the skipped rows.
    while state.next_slot(&mut ctx, &mut slot).expect("runs") {
        assert_eq!(slot.kind(), pg_executor::slot::SlotKind::MinimalTuple);
        assert_eq!((slot.natts(), slot.nvalid()), (2, 0));
        got.push(slot.getattr(0).expect("decodes").as_i64().expect("an integer"));
        assert_eq!(slot.nvalid(), 1);
    }
    assert_eq!(got, vec![48, 47, 46]);
    drop(state);
    portal.delete();
}
