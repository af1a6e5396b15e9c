//! Property tests: joins and set operations over random VALUES lists give
//! the multiset results their definitions say (computed here naively).

use pg_catalog::BuiltinCatalog;
use pg_error::PgResult;
use pg_executor::{ColumnInfo, DestReceiver, ExecContext};
use pg_types::datum::Datum;
use pipeline::{run_select, SessionInfo};
use proptest::prelude::*;

mod fakes;
mod pipeline;

/// Collects rows as optional integers of each column.
struct Rows(Vec<Vec<Option<i64>>>);

impl DestReceiver for Rows {
    fn startup(&mut self, _: &[ColumnInfo]) -> PgResult<()> {
        Ok(())
    }
    fn receive(&mut self, row: &[Datum]) -> PgResult<()> {
        self.0.push(row.iter().map(Datum::as_i64).collect());
        Ok(())
    }
    fn shutdown(&mut self) -> PgResult<()> {
        Ok(())
    }
}

fn no_interrupts() -> PgResult<()> {
    Ok(())
}

fn run(sql: &str) -> Vec<Vec<Option<i64>>> {
    fakes::register();
    let settings = fakes::settings();
    let stmts = pg_parser::parse(sql).expect("parses");
    let path = vec!["public".to_string()];
    let session = SessionInfo { sql, search_path: &path, session_user: "postgres" };
    let portal = pg_mcxt::create_portal_context("prop");
    let mut ctx = ExecContext::new(no_interrupts, &settings, portal.clone());
    let mut rows = Rows(Vec::new());
    run_select(&stmts[0], &session, &BuiltinCatalog, &mut ctx, &mut rows).expect("runs");
    drop(ctx);
    assert_eq!(portal.live_collection_chunks(), 0, "{sql}: collections left live");
    portal.delete();
    rows.0
}

fn set(name: &str, value: &str) {
    pg_guc::set_config_option(name, Some(value), pg_guc::GucSource::Session, false, false).expect("set");
}

fn values(v: &[Option<i8>]) -> String {
    let items: Vec<String> =
        v.iter().map(|x| x.map(|n| format!("({n})")).unwrap_or_else(|| "(null::int)".into())).collect();
    format!("(values {})", items.join(", "))
}

fn sorted(mut v: Vec<Vec<Option<i64>>>) -> Vec<Vec<Option<i64>>> {
    v.sort();
    v
}

/// The join of `a` and `b` on equality, naively.
fn naive_join(a: &[Option<i8>], b: &[Option<i8>], left: bool, right: bool) -> Vec<Vec<Option<i64>>> {
    let eq = |x: &Option<i8>, y: &Option<i8>| x.is_some() && x == y;
    let mut out = Vec::new();
    for x in a {
        let mut found = false;
        for y in b {
            if eq(x, y) {
                found = true;
                out.push(vec![x.map(i64::from), y.map(i64::from)]);
            }
        }
        if !found && left {
            out.push(vec![x.map(i64::from), None]);
        }
    }
    if right {
        for y in b {
            if !a.iter().any(|x| eq(x, y)) {
                out.push(vec![None, y.map(i64::from)]);
            }
        }
    }
    sorted(out)
}

/// A set operation over multisets (NULLs equal), naively.
fn naive_setop(a: &[Option<i8>], b: &[Option<i8>], op: &str, all: bool) -> Vec<Vec<Option<i64>>> {
    let count = |v: &[Option<i8>], x: &Option<i8>| v.iter().filter(|y| *y == x).count();
    let mut distinct: Vec<Option<i8>> = a.iter().chain(b).copied().collect();
    distinct.sort();
    distinct.dedup();
    let mut out = Vec::new();
    for x in distinct {
        let (l, r) = (count(a, &x), count(b, &x));
        let n = match (op, all) {
            ("UNION", true) => l + r,
            ("UNION", false) => 1,
            ("INTERSECT", true) => l.min(r),
            ("INTERSECT", false) => usize::from(l > 0 && r > 0),
            ("EXCEPT", true) => l.saturating_sub(r),
            _ => usize::from(l > 0 && r == 0),
        };
        out.extend(std::iter::repeat_n(vec![x.map(i64::from)], n));
    }
    sorted(out)
}

fn list() -> impl Strategy<Value = Vec<Option<i8>>> {
    prop::collection::vec(prop::option::weighted(0.85, 0i8..5), 1..7)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn joins_match_their_definition(a in list(), b in list()) {
        // Each join method in turn: the cost model's choice (a hash join
        // for such small lists), then merge joins, then nested loops.
        for (hash, merge) in [("on", "on"), ("off", "on"), ("off", "off")] {
            set("enable_hashjoin", hash);
            set("enable_mergejoin", merge);
            for (kind, left, right) in
                [("JOIN", false, false), ("LEFT JOIN", true, false), ("RIGHT JOIN", false, true), ("FULL JOIN", true, true)]
            {
                let sql = format!("SELECT x, y FROM {} a(x) {kind} {} b(y) ON x = y", values(&a), values(&b));
                prop_assert_eq!(sorted(run(&sql)), naive_join(&a, &b, left, right), "{} ({} {})", sql, hash, merge);
            }
            let sql = format!("SELECT x, y FROM {} a(x), {} b(y) WHERE x = y", values(&a), values(&b));
            prop_assert_eq!(sorted(run(&sql)), naive_join(&a, &b, false, false), "{}", sql);
        }
        set("enable_hashjoin", "on");
        set("enable_mergejoin", "on");
    }

    #[test]
    fn set_operations_match_their_definition(a in list(), b in list()) {
        for op in ["UNION", "INTERSECT", "EXCEPT"] {
            for all in [false, true] {
                let word = if all { " ALL" } else { "" };
                let sql = format!("SELECT x FROM {} a(x) {op}{word} SELECT y FROM {} b(y)", values(&a), values(&b));
                prop_assert_eq!(sorted(run(&sql)), naive_setop(&a, &b, op, all), "{}", sql);
            }
        }
    }
}
