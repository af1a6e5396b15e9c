//! `work_mem` is enforced: a sort that outgrows it becomes an external
//! merge sort on temporary files, a hash aggregation spills in batches,
//! the answers stay right, EXPLAIN ANALYZE says so, and no temporary file
//! is left afterwards. (One test: the temporary-file count is per process.)

use pg_catalog::BuiltinCatalog;
use pg_error::PgResult;
use pg_executor::{ColumnInfo, DestReceiver, QueryDesc};
use pg_types::datum::Datum;
use pipeline::{prepare, SessionInfo};
use std::sync::Arc;

mod fakes;
mod pipeline;

#[derive(Default)]
struct Collect {
    rows: Vec<Vec<Datum>>,
}

impl DestReceiver for Collect {
    fn startup(&mut self, _: &[ColumnInfo]) -> PgResult<()> {
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
    let settings = fakes::settings();
    let stmts = pg_parser::parse(sql).expect("parses");
    let path = vec!["public".to_string()];
    let session = SessionInfo { sql, search_path: &path, session_user: "postgres" };
    let (plan, _) = prepare(&stmts[0], &session, &BuiltinCatalog, &settings, &[]).expect("plans");
    QueryDesc::start(Arc::new(plan), Vec::new(), settings, no_interrupts, parent)
}

fn run(sql: &str) -> Vec<Vec<Datum>> {
    let portal = pg_mcxt::create_portal_context("spill");
    let mut qd = start(sql, &portal);
    let mut sink = Collect::default();
    qd.run(&mut sink, 0).expect("runs");
    drop(qd);
    portal.delete();
    sink.rows
}

fn text(rows: &[Vec<Datum>]) -> Vec<String> {
    rows.iter()
        .map(|r| r.iter().map(|d| d.as_str().map(str::to_string).unwrap_or_else(|| format!("{d:?}"))).collect())
        .collect()
}

fn temp_files_on_disk() -> usize {
    let pid = format!("pgsql_tmp{}.", std::process::id());
    std::fs::read_dir(pg_storage::temp_file_dir())
        .map(|d| d.flatten().filter(|e| e.file_name().to_string_lossy().starts_with(&pid)).count())
        .unwrap_or(0)
}

#[test]
fn work_mem_is_enforced_by_spilling() {
    fakes::register();
    pg_guc::set_config_option("work_mem", Some("64kB"), pg_guc::GucSource::Session, false, false).expect("set");

    // Sort: 50,000 rows of ~105 bytes in 64 kB.
    let sorted = run("SELECT repeat('x', 100) || g AS x FROM generate_series(1, 50000) g ORDER BY 1");
    assert_eq!(sorted.len(), 50_000);
    let keys: Vec<&str> = sorted.iter().map(|r| r[0].as_str().expect("text")).collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "rows come out in order");
    assert_eq!(keys[0], format!("{}1", "x".repeat(100)));
    assert_eq!(keys[49_999], format!("{}9999", "x".repeat(100)));
    let agg = run("SELECT count(*), min(x), max(x) FROM \
                   (SELECT g, repeat('x', 100) || g AS x FROM generate_series(1, 50000) g ORDER BY 2) s");
    assert_eq!(agg[0][0], Datum::Int8(50_000));
    let plan = text(&run("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) \
                          SELECT repeat('x', 100) || g AS x FROM generate_series(1, 50000) g ORDER BY 1"));
    assert!(plan.iter().any(|l| l.trim().starts_with("Sort Method: external merge  Disk: ")), "{plan:#?}");
    // Descending with NULLs, two keys, through the merge.
    let two = run("SELECT g % 3 AS a, g FROM generate_series(1, 30000) g ORDER BY 1 DESC, 2");
    assert_eq!((two[0][0].as_i64(), two[0][1].as_i64()), (Some(2), Some(2)));
    assert_eq!((two[29_999][0].as_i64(), two[29_999][1].as_i64()), (Some(0), Some(30_000)));

    // Hundreds of runs (more than are kept open): merged as they come,
    // still in order, and equal keys keep their input order (our sort is
    // stable through the merges).
    let many = run("SELECT g % 10 AS k, g FROM generate_series(1, 300000) g ORDER BY 1");
    assert_eq!(many.len(), 300_000);
    for w in many.windows(2) {
        let (k0, g0) = (w[0][0].as_i64().expect("k"), w[0][1].as_i64().expect("g"));
        let (k1, g1) = (w[1][0].as_i64().expect("k"), w[1][1].as_i64().expect("g"));
        assert!(k0 < k1 || (k0 == k1 && g0 < g1), "({k0}, {g0}) before ({k1}, {g1})");
    }

    // Hash aggregation: 20,000 groups in 64 kB spill to partitions.
    let groups = run("SELECT g % 20000 AS k, count(*), sum(g) FROM generate_series(1, 50000) g GROUP BY 1");
    assert_eq!(groups.len(), 20_000);
    let mut seen = vec![false; 20_000];
    for r in &groups {
        let k = r[0].as_i64().expect("key") as usize;
        assert!(!seen[k], "group {k} returned twice");
        seen[k] = true;
        let expect_count = if (1..=10_000).contains(&k) { 3 } else { 2 };
        assert_eq!(r[1], Datum::Int8(expect_count), "count of group {k}");
    }
    let plan = text(&run("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) \
                          SELECT g % 20000 AS k, count(*) FROM generate_series(1, 50000) g GROUP BY 1"));
    let batches = plan.iter().find(|l| l.trim().starts_with("Batches: ")).expect("batches line");
    assert!(!batches.trim().starts_with("Batches: 1 ") && batches.contains("Disk Usage: "), "{plan:#?}");

    // Hashed INTERSECT / EXCEPT count 20,000 distinct values in 64 kB.
    let left = "SELECT g % 20000 AS v FROM generate_series(1, 60000) g";
    let right = "SELECT g FROM generate_series(1, 10000) g";
    for (op, expect) in [("INTERSECT ALL", 10_000), ("INTERSECT", 10_000), ("EXCEPT ALL", 50_000), ("EXCEPT", 10_000)] {
        let rows = run(&format!("SELECT count(*) FROM ({left} {op} {right}) s"));
        assert_eq!(rows[0][0], Datum::Int8(expect), "{op}");
    }

    // Hash joins: 20,000 inner rows in 64 kB split into batches on
    // temporary files, for every join type; FULL and RIGHT joins return
    // the unmatched inner rows of every batch.
    pg_guc::set_config_option("enable_mergejoin", Some("off"), pg_guc::GucSource::Session, false, false).expect("set");
    let outer = "generate_series(1, 30000) a";
    let inner = "(SELECT g FROM generate_series(10001, 30000) g UNION ALL SELECT null::int) b";
    for (kind, expect) in [
        ("JOIN", [20_000, 20_000, 20_000]),
        ("LEFT JOIN", [30_000, 30_000, 20_000]),
        ("RIGHT JOIN", [20_001, 20_000, 20_000]),
        ("FULL JOIN", [30_001, 30_000, 20_000]),
    ] {
        let rows = run(&format!(
            "SELECT count(*), count(a), count(b.g), sum(a) - sum(b.g) FROM {outer} {kind} {inner} ON a = b.g"
        ));
        let got: Vec<i64> = rows[0][..3].iter().map(|d| d.as_i64().expect("count")).collect();
        assert_eq!(got, expect, "{kind}");
        let plan = text(&run(&format!(
            "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) \
                                       SELECT * FROM {outer} {kind} {inner} ON a = b.g"
        )));
        let buckets = plan.iter().find(|l| l.trim().starts_with("Buckets: ")).expect("buckets line");
        assert!(!buckets.contains("Batches: 1 ") && buckets.contains("Memory Usage: "), "{plan:#?}");
    }
    pg_guc::set_config_option("enable_mergejoin", Some("on"), pg_guc::GucSource::Session, false, false).expect("set");

    // An error in the middle of an external sort leaves no file behind.
    let portal = pg_mcxt::create_portal_context("spill");
    let mut qd = start(
        "SELECT x FROM (SELECT repeat('x', 100) || (10 / (50000 - g)) AS x FROM generate_series(1, 50000) g) s \
         ORDER BY 1",
        &portal,
    );
    assert!(qd.run(&mut Collect::default(), 0).is_err());
    drop(qd);
    portal.delete();

    assert_eq!(pg_storage::temp_files_open(), 0, "every temporary file was closed");
    assert_eq!(temp_files_on_disk(), 0, "every temporary file was removed");

    // Within work_mem, the sort stays in memory.
    pg_guc::set_config_option("work_mem", Some("4MB"), pg_guc::GucSource::Session, false, false).expect("set");
    let plan = text(&run("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) \
                          SELECT g FROM generate_series(1, 1000) g ORDER BY 1 DESC"));
    assert!(plan.iter().any(|l| l.trim().starts_with("Sort Method: quicksort  Memory: ")), "{plan:#?}");
}
