//! Tables through the whole query pipeline of the real server: INSERT,
//! UPDATE and DELETE with their command tags (through both protocols),
//! RETURNING, a table larger than one page read back, and EXPLAIN
//! (ANALYZE, BUFFERS) counting the shared buffers a scan touched.
//!
//! The SQL-level behaviour (errors, plans) is compared with PostgreSQL in
//! the golden file `dml_tables`; this file checks what psql cannot show.

use tests::*;

fn lines(c: &mut postgres::Client, sql: &str) -> Vec<String> {
    query(c, sql)
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .into_iter()
        .map(|r| r[0].clone().unwrap_or_default())
        .collect()
}

#[test]
fn rows_written_read_and_counted() {
    let s = TestServer::start("tables");
    let mut c = s.connect();
    c.batch_execute("create table t (a int not null, b text)").unwrap();
    // Command tags: the extended protocol's execute returns the count.
    assert_eq!(c.execute("insert into t select g, 'row ' || g from generate_series(1, 5000) g", &[]).unwrap(), 5000);
    assert_eq!(c.execute("update t set b = b || '!' where a % 10 = 0", &[]).unwrap(), 500);
    assert_eq!(c.execute("delete from t where a > $1", &[&4000i32]).unwrap(), 1000);
    let r = c.query("insert into t values ($1, $2) returning a + 1, b", &[&9000i32, &"x"]).unwrap();
    assert_eq!((r[0].get::<_, i32>(0), r[0].get::<_, String>(1)), (9001, "x".to_string()));
    assert_eq!(
        scalar(
            &mut c,
            "select count(*) || ' ' || sum(a) || ' ' || sum(case when b like '%!' then 1 else 0 end) from t"
        ),
        Some(format!("4001 {} 400", (1..=4000).sum::<i32>() + 9000))
    );

    // A scan of a table of many pages counts its buffers, and so does the
    // update above one (its own and its input's).
    let plan = lines(&mut c, "explain (analyze, buffers, costs off, timing off, summary off) select count(*) from t");
    assert_eq!(plan[2].trim_start(), "->  Seq Scan on t (actual rows=4001 loops=1)", "{plan:#?}");
    assert!(plan[3].trim_start().starts_with("Buffers: shared hit="), "{plan:#?}");
    let plan =
        lines(&mut c, "explain (analyze, buffers, costs off, timing off, summary off) update t set a = a where a = 1");
    assert!(plan[1].trim_start().starts_with("Buffers: shared hit="), "{plan:#?}");

    // A rolled-back change leaves nothing; a committed one stays for the
    // next session.
    c.batch_execute("begin; delete from t; rollback").unwrap();
    assert_eq!(scalar(&mut c, "select count(*) from t").as_deref(), Some("4001"));
    let mut d = s.connect();
    assert_eq!(scalar(&mut d, "select b from t where a = 10").as_deref(), Some("row 10!"));
}
