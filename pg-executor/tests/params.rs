//! Parameters of the extended query protocol: type inference at
//! `pipeline::prepare` (analysis as tcop runs it) and execution of one plan with several sets of
//! values through [`pg_executor::execute_with_params`]. Expected types and
//! results are PostgreSQL 15's (`PREPARE` + `pg_prepared_statements`).

use pg_catalog::BuiltinCatalog;
use pg_error::PgResult;
use pg_executor::{execute_with_params, ColumnInfo, DestReceiver, ExecContext};
use pg_types::datum::Datum;
use pg_types::types::{format_type, Oid};
use pipeline::{prepare, SessionInfo};

mod fakes;
mod pipeline;

struct Collect {
    columns: Vec<ColumnInfo>,
    rows: Vec<String>,
}

impl DestReceiver for Collect {
    fn startup(&mut self, columns: &[ColumnInfo]) -> PgResult<()> {
        self.columns = columns.to_vec();
        Ok(())
    }
    fn receive(&mut self, row: &[Datum]) -> PgResult<()> {
        let settings = fakes::settings();
        let cells: Vec<String> = row
            .iter()
            .zip(&self.columns)
            .map(|(d, c)| if d.is_null() { String::new() } else { pg_types::io::output(c.type_oid, d, &settings) })
            .collect();
        self.rows.push(cells.join("|"));
        Ok(())
    }
    fn shutdown(&mut self) -> PgResult<()> {
        Ok(())
    }
}

fn no_interrupts() -> PgResult<()> {
    Ok(())
}

/// Prepares `sql` with `declared` types and renders the inferred types as
/// PostgreSQL's `format_type` names, or the error.
fn types(sql: &str, declared: &[Oid]) -> Result<Vec<String>, String> {
    let settings = fakes::settings();
    let stmts = pg_parser::parse(sql).map_err(|e| e.into_data().message)?;
    let path = vec!["public".to_string()];
    let session = SessionInfo { sql, search_path: &path, session_user: "postgres" };
    let (_, types) =
        prepare(&stmts[0], &session, &BuiltinCatalog, &settings, declared).map_err(|e| e.into_data().message)?;
    Ok(types.iter().map(|&t| format_type(t, -1)).collect())
}

/// Prepares once, then runs once per value set; returns each run's rows.
fn runs(sql: &str, declared: &[Oid], values: &[Vec<Datum>]) -> Result<Vec<Vec<String>>, String> {
    let settings = fakes::settings();
    let stmts = pg_parser::parse(sql).map_err(|e| e.into_data().message)?;
    let path = vec!["public".to_string()];
    let session = SessionInfo { sql, search_path: &path, session_user: "postgres" };
    let (planned, _) =
        prepare(&stmts[0], &session, &BuiltinCatalog, &settings, declared).map_err(|e| e.into_data().message)?;
    let mut out = Vec::new();
    for v in values {
        let portal = pg_mcxt::create_portal_context("params");
        let mut ctx = ExecContext::new(no_interrupts, &settings, portal.clone());
        let mut dest = Collect { columns: Vec::new(), rows: Vec::new() };
        let r = execute_with_params(&planned, v, &mut ctx, &mut dest);
        portal.delete();
        r.map_err(|e| e.into_data().message)?;
        out.push(dest.rows);
    }
    Ok(out)
}

#[test]
fn parameter_types_are_inferred_as_postgres_does() {
    use pg_types::types::oid::*;
    fakes::register();
    let check = |sql: &str, declared: &[Oid], expect: Result<&[&str], &str>| {
        let want = expect.map(|v| v.iter().map(|s| s.to_string()).collect()).map_err(|e| e.to_string());
        assert_eq!(types(sql, declared), want, "{sql}");
    };
    check("SELECT $1 + 1", &[], Ok(&["integer"]));
    check("SELECT $1 = 'x'", &[], Ok(&["text"]));
    check("SELECT $1", &[], Ok(&["text"]));
    check("SELECT $1 + 1, $2 = 'x'", &[], Ok(&["integer", "text"]));
    check("SELECT $1 = $2", &[], Ok(&["text", "text"]));
    check("SELECT $1::int, $1::text", &[], Ok(&["integer"]));
    check("SELECT $1::int8", &[0], Ok(&["bigint"]));
    check("SELECT $1 + 1", &[INT8], Ok(&["bigint"]));
    check("SELECT 1", &[INT4, TEXT], Ok(&["integer", "text"]));
    check("SELECT x FROM generate_series(1, $1) x", &[], Ok(&["integer"]));
    check("SELECT count(*) FROM generate_series(1, 10) x WHERE x > $1 LIMIT $2", &[], Ok(&["integer", "bigint"]));
    check("SELECT $2::int", &[], Err("could not determine data type of parameter $1"));
    check("SELECT 1", &[0], Err("could not determine data type of parameter $1"));
    check("SELECT $1 = 1, $1 = 'x'", &[], Err("invalid input syntax for type integer: \"x\""));
    check("SELECT $1 IS NULL", &[], Err("could not determine data type of parameter $1"));
    check("SELECT $1 IS NULL", &[INT4], Ok(&["integer"]));
    check("EXPLAIN SELECT x FROM generate_series(1, 3) x WHERE x > $1", &[], Ok(&["integer"]));
    check("SELECT $1 UNION SELECT 1", &[], Ok(&["integer"]));
    check("VALUES ($1), (2)", &[], Ok(&["integer"]));
    check("SELECT x FROM generate_series(1, 3) x JOIN generate_series(1, 3) y ON x = y + $1", &[], Ok(&["integer"]));
    check("SELECT $1 UNION SELECT $2", &[], Ok(&["text", "text"]));
}

#[test]
fn one_plan_runs_with_several_value_sets() {
    fakes::register();
    let check = |sql: &str, declared: &[Oid], values: Vec<Vec<Datum>>, expect: &[&[&str]]| {
        let want: Vec<Vec<String>> = expect.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect();
        assert_eq!(runs(sql, declared, &values), Ok(want), "{sql}");
    };
    check("SELECT $1 + 1", &[], vec![vec![Datum::Int4(41)], vec![Datum::Null]], &[&["42"], &[""]]);
    check(
        "SELECT x FROM generate_series(1, $1) x",
        &[],
        vec![vec![Datum::Int4(2)], vec![Datum::Int4(0)], vec![Datum::Int4(3)]],
        &[&["1", "2"], &[], &["1", "2", "3"]],
    );
    check(
        "SELECT x % $1 AS r, count(*) FROM generate_series(1, 10) x GROUP BY 1 ORDER BY 1",
        &[],
        vec![vec![Datum::Int4(2)], vec![Datum::Int4(3)]],
        &[&["0|5", "1|5"], &["0|3", "1|4", "2|3"]],
    );
    check("SELECT $1 || '!', upper($1)", &[], vec![vec![Datum::Text("hi".into())]], &[&["hi!|HI"]]);
    check("SELECT x FROM generate_series(1, 5) x LIMIT $1", &[], vec![vec![Datum::Int8(2)]], &[&["1", "2"]]);
    check(
        "EXPLAIN (COSTS OFF) SELECT x FROM generate_series(1, 3) x WHERE x > $1",
        &[],
        vec![vec![Datum::Int4(1)]],
        &[&["Function Scan on generate_series x", "  Filter: (x > $1)"]],
    );
}

#[test]
fn without_parameters_a_reference_is_an_error() {
    fakes::register();
    let settings = fakes::settings();
    let sql = "SELECT $1";
    let stmts = pg_parser::parse(sql).expect("parses");
    let path = vec!["public".to_string()];
    let session = SessionInfo { sql, search_path: &path, session_user: "postgres" };
    let portal = pg_mcxt::create_portal_context("noparams");
    let mut ctx = ExecContext::new(no_interrupts, &settings, portal.clone());
    let mut dest = Collect { columns: Vec::new(), rows: Vec::new() };
    let err = pipeline::run_select(&stmts[0], &session, &BuiltinCatalog, &mut ctx, &mut dest).expect_err("no $1");
    portal.delete();
    assert_eq!((err.code.code(), err.message.as_str(), err.position), ("42P02", "there is no parameter $1", Some(8)));
}

/// Parameters read inside subqueries, WITH queries and LATERAL items: one
/// plan, run with different values, answers for each (PostgreSQL 15's
/// results; `$1 in (select 1)` types `$1` as integer as PostgreSQL does).
#[test]
fn parameters_inside_subqueries() {
    use pg_types::types::oid::*;
    let i = |v: i32| Datum::Int4(v);
    assert_eq!(types("select 1 where $1 in (select 1)", &[]), Ok(vec!["integer".to_string()]));
    assert_eq!(
        runs("select (select $1::int4 + 1), exists (select 1 where $1::int4 > 2)", &[INT4], &[vec![i(1)], vec![i(5)]]),
        Ok(vec![vec!["2|f".to_string()], vec!["6|t".to_string()]])
    );
    assert_eq!(
        runs(
            "select count(*) from generate_series(1, 10) x where x in (select generate_series($1::int4, $2::int4))",
            &[INT4, INT4],
            &[vec![i(1), i(3)], vec![i(5), i(20)]]
        ),
        Ok(vec![vec!["3".to_string()], vec!["6".to_string()]])
    );
    assert_eq!(
        runs(
            "with recursive r(n) as (select 1 union all select n + 1 from r where n < $1::int4) select count(*) from r",
            &[INT4],
            &[vec![i(3)], vec![i(10)]]
        ),
        Ok(vec![vec!["3".to_string()], vec!["10".to_string()]])
    );
    assert_eq!(
        runs(
            "select sum(y) from generate_series(1, 3) x, lateral (select x * $1::int4 as y) s",
            &[INT4],
            &[vec![i(1)], vec![i(10)]]
        ),
        Ok(vec![vec!["6".to_string()], vec!["60".to_string()]])
    );
}
