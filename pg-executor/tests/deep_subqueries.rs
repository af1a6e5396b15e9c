//! Deeply nested scalar subqueries (`select (select (select ... 1)))`)
//! answer within PostgreSQL's default `max_stack_depth` (2MB), as
//! PostgreSQL answers 200 levels: parse analysis, planning and execution
//! use a bounded, small frame per level, and each checks the stack depth
//! rather than overflowing it.

use pg_catalog::BuiltinCatalog;
use pg_error::PgResult;
use pg_executor::{execute, ColumnInfo, DestReceiver, ExecContext};
use pg_types::datum::Datum;
use pg_types::io::OutputSettings;

const MAX_STACK_DEPTH: usize = 2 * 1024 * 1024;

fn nested(n: usize) -> String {
    format!("select {}1{}", "(select ".repeat(n), ")".repeat(n))
}

struct Collect(Vec<Vec<Datum>>);

impl DestReceiver for Collect {
    fn startup(&mut self, _: &[ColumnInfo]) -> PgResult<()> {
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

fn no_interrupts() -> PgResult<()> {
    Ok(())
}

/// Runs the statement nested `n` deep, each stage starting from a fresh
/// stack base as in a backend; the error of the first stage that fails.
fn run_nested(n: usize) -> PgResult<Vec<Vec<Datum>>> {
    let sql = nested(n);
    let settings = OutputSettings::default();
    let search_path = vec!["pg_catalog".to_string()];
    pg_error::stack::set_stack_base(MAX_STACK_DEPTH);
    let stmts = pg_parser::parse(&sql)?;
    let env = pg_analyze::AnalyzeEnv {
        sql: &sql,
        catalog: &BuiltinCatalog,
        search_path: &search_path,
        session_user: "postgres",
        settings: &settings,
        has_privs_of_role: &|_| true,
    };
    let query = pg_analyze::analyze(&stmts[0], &env)?;
    let planned = pg_planner::plan(query)?;
    let portal = pg_mcxt::create_portal_context("deep");
    let mut ctx = ExecContext::new(no_interrupts, &settings, portal.clone());
    let mut dest = Collect(Vec::new());
    let result = execute(&planned, &mut ctx, &mut dest);
    portal.delete();
    result.map(|_| dest.0)
}

fn on_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    // The test thread's own stack is smaller than a backend's; the depth
    // check is what limits the recursion, against MAX_STACK_DEPTH.
    std::thread::Builder::new().stack_size(16 * MAX_STACK_DEPTH).spawn(f).unwrap().join().unwrap()
}

#[test]
fn two_hundred_nested_subqueries_answer() {
    let rows = on_big_stack(|| run_nested(200)).expect("200 nested subqueries");
    assert_eq!(rows, vec![vec![Datum::Int4(1)]]);
}

/// 3,000 levels: PostgreSQL 15.18 answers 54001 here too; at 5,000 its
/// bison stack runs out first (42601, which pg-parser's own tests cover).
#[test]
fn far_deeper_nesting_is_an_error_not_a_crash() {
    let err = on_big_stack(|| run_nested(3000)).expect_err("3000 levels exceed max_stack_depth");
    assert_eq!(err.code.code(), "54001", "{err:?}");
}
