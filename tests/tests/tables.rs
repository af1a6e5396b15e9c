//! Tables through the whole query pipeline of the real server: INSERT,
//! UPDATE and DELETE with their command tags (through both protocols),
//! RETURNING, a table larger than one page read back, and EXPLAIN
//! (ANALYZE, BUFFERS) counting the shared buffers a scan touched, and
//! two sessions changing the same rows: waits, READ COMMITTED re-checks
//! (also over joins: UPDATE ... FROM, DELETE ... USING, FOR UPDATE) and
//! REPEATABLE READ's 40001.
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

/// Whether session `pid` waits for a lock (a row's transaction).
/// Rows of a simple query, or its error.
type QueryResult = Result<Vec<Vec<Option<String>>>, postgres::Error>;

/// Runs `sql` in `b` on another thread while `a` holds a change of the
/// same row, waits until `b` waits for it, commits `a`, and returns what
/// `b` got.
fn after_concurrent_change(
    s: &TestServer,
    a: &mut postgres::Client,
    change: &str,
    mut b: postgres::Client,
    setup: &str,
    sql: &'static str,
) -> (QueryResult, postgres::Client) {
    let mut watch = s.connect();
    let b_pid = scalar(&mut b, "select pg_backend_pid()").unwrap();
    query(&mut b, setup).unwrap();
    query(a, &format!("begin; {change}")).unwrap();
    let waiter = std::thread::spawn(move || {
        let r = query(&mut b, sql);
        (r, b)
    });
    assert!(wait_for(BOUND, || waits_for_lock(&mut watch, &b_pid)), "{sql}: never waited for the row");
    query(a, "commit").unwrap();
    waiter.join().expect("waiter")
}

const BOUND: std::time::Duration = std::time::Duration::from_secs(60);

#[test]
fn concurrent_updates_wait_then_recheck_or_fail() {
    let s = TestServer::start("tables_concurrent");
    let mut a = s.connect();
    let b = s.connect();
    query(&mut a, "create table acc (id int, bal int); insert into acc values (1, 100), (2, 200)").unwrap();

    // READ COMMITTED: the update waits, then applies to the newest version
    // (EvalPlanQual): (100 + 10) * 2.
    let (r, b) = after_concurrent_change(
        &s,
        &mut a,
        "update acc set bal = bal + 10 where id = 1",
        b,
        "select 1",
        "update acc set bal = bal * 2 where id = 1 returning bal",
    );
    assert_eq!(r.unwrap(), [[Some("220".to_string())]]);
    // ... and skips a row whose newest version no longer qualifies.
    let (r, b) = after_concurrent_change(
        &s,
        &mut a,
        "update acc set bal = 5 where id = 1",
        b,
        "select 1",
        "update acc set bal = -1 where bal > 100 returning id",
    );
    assert_eq!(r.unwrap(), [[Some("2".to_string())]]);
    // A row deleted meanwhile is not updated.
    let (r, b) = after_concurrent_change(
        &s,
        &mut a,
        "delete from acc where id = 1",
        b,
        "select 1",
        "update acc set bal = 7 returning id",
    );
    assert_eq!(r.unwrap(), [[Some("2".to_string())]]);

    // REPEATABLE READ: 40001 once the other transaction commits.
    let (r, mut b) = after_concurrent_change(
        &s,
        &mut a,
        "update acc set bal = bal + 1 where id = 2",
        b,
        "begin isolation level repeatable read; select count(*) from acc",
        "update acc set bal = 0 where id = 2",
    );
    let e = r.unwrap_err();
    assert_eq!(
        (sqlstate(&e), message(&e)),
        ("40001".to_string(), "could not serialize access due to concurrent update".to_string())
    );
    query(&mut b, "rollback").unwrap();

    // FOR UPDATE waits for the row; NOWAIT does not; SKIP LOCKED skips it.
    query(&mut a, "begin; select * from acc where id = 2 for update").unwrap();
    let e = query(&mut b, "select * from acc for update nowait").unwrap_err();
    assert_eq!(
        (sqlstate(&e), message(&e)),
        ("55P03".to_string(), "could not obtain lock on row in relation \"acc\"".to_string())
    );
    assert_eq!(query(&mut b, "select id from acc for update skip locked").unwrap(), Vec::<Vec<Option<String>>>::new());
    query(&mut a, "commit").unwrap();
    assert_eq!(scalar(&mut b, "select bal from acc where id = 2 for update").as_deref(), Some("8"));
}

/// Rows of a query's result.
type Rows = Vec<Vec<Option<String>>>;

/// Rows of a simple query, sorted (a join may return them in any order).
fn sorted(r: QueryResult) -> Rows {
    let mut rows = r.unwrap();
    rows.sort();
    rows
}

fn row(values: &[Option<&str>]) -> Vec<Option<String>> {
    values.iter().map(|v| v.map(str::to_string)).collect()
}

#[test]
fn changes_and_locks_over_joins_recheck_the_joined_rows() {
    let s = TestServer::start("tables_epq_joins");
    let mut a = s.connect();
    let mut b = s.connect();
    query(&mut a, "create table acc (id int, bal int); create table adj (id int, delta int)").unwrap();
    query(&mut a, "insert into adj values (1, 10), (2, 20)").unwrap();
    let reset = "delete from acc; insert into acc values (1, 100), (2, 200)";
    query(&mut a, reset).unwrap();
    // What PostgreSQL 15 answers for each (recorded with the same
    // statements): the waiting statement re-runs the join for the newest
    // version of the row the other session changed (EvalPlanQual).
    let bal = "update acc set bal = bal + 1 where id = 1";
    let moved = "update acc set id = 3 where id = 1";
    let update_from = "update acc set bal = acc.bal + adj.delta from adj where adj.id = acc.id \
                       returning acc.id, acc.bal, adj.delta";
    // (change, setup of the waiting session, its statement, its rows, the
    // table afterwards)
    let cases: [(&str, &str, &'static str, Rows, Rows); 9] = [
        // UPDATE ... FROM: the new balance, from the newest version.
        (
            bal,
            "select 1",
            update_from,
            vec![row(&[Some("1"), Some("111"), Some("10")]), row(&[Some("2"), Some("220"), Some("20")])],
            vec![row(&[Some("1"), Some("111")]), row(&[Some("2"), Some("220")])],
        ),
        // ... as a hash join too; a row that no longer joins is skipped,
        (
            bal,
            "set enable_nestloop = off; set enable_mergejoin = off",
            update_from,
            vec![row(&[Some("1"), Some("111"), Some("10")]), row(&[Some("2"), Some("220"), Some("20")])],
            vec![row(&[Some("1"), Some("111")]), row(&[Some("2"), Some("220")])],
        ),
        (
            moved,
            "set enable_nestloop = off; set enable_hashjoin = off",
            update_from,
            vec![row(&[Some("2"), Some("220"), Some("20")])],
            vec![row(&[Some("2"), Some("220")]), row(&[Some("3"), Some("100")])],
        ),
        // ... and so is a deleted one.
        (
            "delete from acc where id = 1",
            "reset enable_nestloop; reset enable_hashjoin; reset enable_mergejoin",
            update_from,
            vec![row(&[Some("2"), Some("220"), Some("20")])],
            vec![row(&[Some("2"), Some("220")])],
        ),
        // FROM a VALUES list: its row is the one it had joined.
        (
            moved,
            "select 1",
            "update acc set bal = v.b from (values (1, 7), (2, 8)) v(a, b) where v.a = acc.id returning acc.id, acc.bal",
            vec![row(&[Some("2"), Some("8")])],
            vec![row(&[Some("2"), Some("8")]), row(&[Some("3"), Some("100")])],
        ),
        // DELETE ... USING deletes the newest version, or nothing.
        (
            bal,
            "select 1",
            "delete from acc using adj where adj.id = acc.id and adj.delta = 10 returning acc.id, acc.bal",
            vec![row(&[Some("1"), Some("101")])],
            vec![row(&[Some("2"), Some("200")])],
        ),
        (
            moved,
            "select 1",
            "delete from acc using adj where adj.id = acc.id and adj.delta = 10 returning acc.id, acc.bal",
            vec![],
            vec![row(&[Some("2"), Some("200")]), row(&[Some("3"), Some("100")])],
        ),
        // FOR UPDATE over a join returns the locked newest version, ...
        (
            bal,
            "select 1",
            "select acc.id, acc.bal, adj.delta from acc join adj on adj.id = acc.id order by acc.id for update",
            vec![row(&[Some("1"), Some("101"), Some("10")]), row(&[Some("2"), Some("200"), Some("20")])],
            vec![row(&[Some("1"), Some("101")]), row(&[Some("2"), Some("200")])],
        ),
        // ... NULL-extended when it no longer matches the outer join.
        (
            moved,
            "select 1",
            "select acc.id, acc.bal, adj.delta from acc left join adj on adj.id = acc.id \
             order by acc.bal for update of acc",
            vec![row(&[Some("2"), Some("200"), Some("20")]), row(&[Some("3"), Some("100"), None])],
            vec![row(&[Some("2"), Some("200")]), row(&[Some("3"), Some("100")])],
        ),
    ];
    for (change, setup, sql, want, after) in cases {
        let (r, b2) = after_concurrent_change(&s, &mut a, change, b, setup, sql);
        b = b2;
        assert_eq!(sorted(r), want, "{sql} after {change}");
        assert_eq!(sorted(query(&mut b, "select * from acc")), after, "{sql} after {change}");
        query(&mut a, reset).unwrap();
    }
    // FOR UPDATE of both tables: a locked row of the other table that
    // changed is re-checked too.
    let (r, _b) = after_concurrent_change(
        &s,
        &mut a,
        "update adj set delta = 99 where id = 1",
        b,
        "select 1",
        "select acc.id, acc.bal, adj.delta from acc, adj where adj.id = acc.id and adj.delta < 50 \
         order by acc.id for update",
    );
    assert_eq!(sorted(r), vec![row(&[Some("2"), Some("200"), Some("20")])]);
}
