//! Rows between sessions of the real server: shared row locks of two
//! transactions at once (a multixact) with NOWAIT and SKIP LOCKED from a
//! third, a row locked FOR UPDATE and then updated by the same
//! transaction, a two-session row deadlock whose error names the row as
//! PostgreSQL's does, pruning keeping an UPDATE-heavy table small, and a
//! 10 MB value stored out of line (TOAST) through UPDATE and DELETE.
//!
//! Messages and values are PostgreSQL 15's (recorded with the same
//! statements). Waits use generous bounds; timing is never asserted.

use std::time::Duration;
use tests::*;

const BOUND: Duration = Duration::from_secs(60);

#[test]
fn shared_row_locks_nowait_skip_locked_and_own_updates() {
    let s = TestServer::start("heaprows");
    let mut a = s.connect();
    let mut b = s.connect();
    let mut c = s.connect();
    query(&mut a, "create table r (a int, b text); insert into r values (1, 'a'), (2, 'b')").unwrap();
    // Two transactions share a row lock.
    query(&mut a, "begin; select a from r where a = 1 for share").unwrap();
    assert_eq!(query(&mut b, "begin; select a from r where a = 1 for share").unwrap(), [[Some("1".to_string())]]);
    // A third cannot have it exclusively.
    let e = query(&mut c, "select a from r where a = 1 for update nowait").unwrap_err();
    assert_eq!((sqlstate(&e), message(&e)), ("55P03".into(), "could not obtain lock on row in relation \"r\"".into()));
    assert_eq!(query(&mut c, "select a from r for update skip locked").unwrap(), [[Some("2".to_string())]]);
    query(&mut a, "commit").unwrap();
    query(&mut b, "commit").unwrap();
    // Locked and then updated by the same transaction: no wait for itself.
    query(&mut a, "begin; select a from r where a = 1 for update").unwrap();
    query(&mut a, "update r set b = 'x' where a = 1").unwrap();
    query(&mut a, "commit").unwrap();
    assert_eq!(scalar(&mut c, "select b from r where a = 1").as_deref(), Some("x"));
}

#[test]
fn row_deadlock_names_the_row() {
    let s = TestServer::start("heapdeadlock");
    let mut a = s.connect();
    let mut b = s.connect();
    let mut c = s.connect();
    let (a_pid, b_pid) = (backend_pid(&mut a), backend_pid(&mut b));
    query(&mut a, "create table r (a int, b text); insert into r values (1, 'a'), (2, 'b')").unwrap();
    query(&mut a, "set deadlock_timeout = '1h'; begin; update r set b = 'a1' where a = 1").unwrap();
    query(&mut b, "set deadlock_timeout = '100ms'; begin; update r set b = 'b2' where a = 2").unwrap();
    let first = std::thread::spawn(move || {
        let r = query(&mut a, "update r set b = 'a2' where a = 2").map(|_| ());
        query(&mut a, "commit").unwrap();
        r
    });
    assert!(wait_for(BOUND, || waits_for_lock(&mut c, &a_pid)), "the first session never waited");
    let e = query(&mut b, "update r set b = 'b1' where a = 1").unwrap_err();
    let db = e.as_db_error().expect("a server error");
    assert_eq!((db.code().code(), db.message()), ("40P01", "deadlock detected"));
    assert_eq!(db.where_(), Some("while updating tuple (0,1) in relation \"r\""));
    let detail = db.detail().unwrap_or_default().to_string();
    assert!(detail.starts_with(&format!("Process {b_pid} waits for ShareLock on transaction ")), "{detail}");
    query(&mut b, "rollback").unwrap();
    first.join().unwrap().expect("the other session proceeds");
    let rows = query(&mut c, "select a, b from r order by a").unwrap();
    assert_eq!(rows, [[Some("1".to_string()), Some("a1".into())], [Some("2".into()), Some("a2".into())]]);
}

#[test]
fn update_heavy_table_stays_small() {
    let s = TestServer::start("heapprune");
    let mut a = s.connect();
    query(&mut a, "create table u (a int, b int); insert into u select g, 0 from generate_series(1, 100) g").unwrap();
    // 20,000 row versions: without pruning about 100 pages.
    for _ in 0..200 {
        query(&mut a, "update u set b = b + 1").unwrap();
    }
    assert_eq!(
        query(&mut a, "select sum(b), count(*) from u").unwrap(),
        [[Some("20000".to_string()), Some("100".into())]]
    );
    let pages: i64 = scalar(&mut a, "select pg_relation_size('u') / 8192").unwrap().parse().unwrap();
    assert!(pages <= 16, "{pages} pages");
}
#[test]
fn ten_megabyte_values_round_trip() {
    let s = TestServer::start("heaptoast");
    let mut a = s.connect();
    query(&mut a, "create table big (id int, t text, b bytea)").unwrap();
    query(
        &mut a,
        "insert into big select 1, s, convert_to(s, 'UTF8') \
         from (select string_agg(md5(g::text), '') s from generate_series(1, 320000) g) x",
    )
    .unwrap();
    // Recorded from PostgreSQL 15: the value's length and md5.
    let want =
        [[Some("10240000".to_string()), Some("56567a6804e818287fee5c40b1d87ef0".into()), Some("10240000".into())]];
    assert_eq!(query(&mut a, "select length(t), md5(t), length(b) from big").unwrap(), want);
    query(&mut a, "update big set id = 2").unwrap();
    assert_eq!(query(&mut a, "select length(t), md5(t), length(b) from big").unwrap(), want);
    // The table got its toast relation, as in PostgreSQL.
    assert_eq!(
        scalar(
            &mut a,
            "select relname from pg_class where oid = (select reltoastrelid from pg_class where relname = 'big')"
        )
        .unwrap(),
        format!("pg_toast_{}", scalar(&mut a, "select oid from pg_class where relname = 'big'").unwrap())
    );
    query(&mut a, "delete from big").unwrap();
    assert_eq!(scalar(&mut a, "select count(*) from big").as_deref(), Some("0"));
    query(&mut a, "drop table big").unwrap();
    assert_eq!(scalar(&mut a, "select count(*) from pg_class where relname like 'pg_toast_%'").as_deref(), Some("0"));
}
