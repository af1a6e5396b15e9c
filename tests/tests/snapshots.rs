//! Snapshots between sessions of the real server, seen through
//! `pg_current_snapshot()`, `pg_visible_in_snapshot()`, `pg_xact_status()`
//! and `pg_stat_activity`: READ COMMITTED takes a new snapshot per
//! statement, REPEATABLE READ keeps its first; a running transaction is
//! not visible to snapshots and in progress, and its fate shows once it
//! ends.

use tests::*;

fn one(c: &mut postgres::Client, sql: &str) -> String {
    scalar(c, sql).unwrap_or_else(|| panic!("{sql}: NULL"))
}

#[test]
fn isolation_levels_and_running_transactions() {
    let s = TestServer::start("snapshots");
    let mut a = s.connect();
    let mut b = s.connect();

    // REPEATABLE READ: the first snapshot stays, so a commit made after it
    // stays invisible.
    query(&mut a, "begin isolation level repeatable read").unwrap();
    let first = one(&mut a, "select pg_current_snapshot()::text");
    let committed = one(&mut b, "select txid_current()");
    assert_eq!(one(&mut a, "select pg_current_snapshot()::text"), first);
    let visible = format!("select pg_visible_in_snapshot('{committed}'::xid8, pg_current_snapshot())");
    assert_eq!(one(&mut a, &visible), "f");
    query(&mut a, "commit").unwrap();

    // READ COMMITTED: the next statement sees it.
    query(&mut a, "begin").unwrap();
    assert_eq!(one(&mut a, &visible), "t");
    let later = one(&mut b, "select txid_current()");
    assert_eq!(one(&mut a, &format!("select pg_visible_in_snapshot('{later}'::xid8, pg_current_snapshot())")), "t");
    query(&mut a, "commit").unwrap();

    // A transaction with an id is listed as running until it ends.
    query(&mut b, "begin").unwrap();
    let running = one(&mut b, "select txid_current()");
    let b_pid = one(&mut b, "select pg_backend_pid()");
    assert_eq!(one(&mut a, &format!("select pg_xact_status('{running}'::xid8)")), "in progress");
    // Running: listed in xip, or at or past xmax (when it is the newest).
    let ended = format!("select pg_visible_in_snapshot('{running}'::xid8, pg_current_snapshot())");
    assert_eq!(one(&mut a, &ended), "f");
    assert_eq!(one(&mut a, &format!("select backend_xid::text from pg_stat_activity where pid = {b_pid}")), running);
    query(&mut b, "rollback").unwrap();
    assert_eq!(one(&mut a, &format!("select pg_xact_status('{running}'::xid8)")), "aborted");
    assert_eq!(one(&mut a, &ended), "t");
    let no_xid = format!("select backend_xid is null from pg_stat_activity where pid = {b_pid}");
    assert_eq!(one(&mut a, &no_xid), "t");

    // A savepoint rolled back leaves the top-level id running; the commit
    // then covers it.
    query(&mut b, "begin; select txid_current(); savepoint s; rollback to s").unwrap();
    let top = one(&mut b, "select txid_current()");
    query(&mut b, "commit").unwrap();
    assert_eq!(one(&mut a, &format!("select pg_xact_status('{top}'::xid8)")), "committed");

    // An idle session holds no snapshot; one inside REPEATABLE READ keeps
    // its xmin published until it ends (pg_stat_activity.backend_xmin).
    let xmin_null = format!("select backend_xmin is null from pg_stat_activity where pid = {b_pid}");
    assert_eq!(one(&mut a, &xmin_null), "t");
    query(&mut b, "begin isolation level repeatable read; select 1").unwrap();
    assert_eq!(one(&mut a, &xmin_null), "f");
    query(&mut b, "commit").unwrap();
    assert_eq!(one(&mut a, &xmin_null), "t");
    // READ COMMITTED holds no snapshot between statements, unless a cursor
    // keeps one.
    query(&mut b, "begin; select 1").unwrap();
    assert_eq!(one(&mut a, &xmin_null), "t");
    query(&mut b, "declare c cursor for select 1; fetch c").unwrap();
    assert_eq!(one(&mut a, &xmin_null), "f");
    query(&mut b, "close c").unwrap();
    assert_eq!(one(&mut a, &xmin_null), "t");
    query(&mut b, "commit").unwrap();
}
