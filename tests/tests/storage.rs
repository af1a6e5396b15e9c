//! Tables on disk, end to end: snapshots between two sessions, savepoints
//! over rows, transactional DDL, and committed rows of a table larger than
//! the buffer pool across a fast shutdown and three rounds of kill -9 of
//! every server process (the small version of crash_bank; waits between
//! sessions and deadlocks are in tables.rs and heap_rows.rs). Each
//! expectation is PostgreSQL 15's behaviour (the SQLSTATEs are its).

use std::time::Duration;
use tests::*;

fn exec(c: &mut postgres::Client, sql: &str) {
    c.batch_execute(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
}

fn rows(c: &mut postgres::Client, sql: &str) -> Vec<Vec<Option<String>>> {
    query(c, sql).unwrap_or_else(|e| panic!("{sql}: {e}"))
}

fn one(c: &mut postgres::Client, sql: &str) -> String {
    scalar(c, sql).unwrap_or_else(|| panic!("{sql}: NULL or no row"))
}

/// SIGKILLs the postmaster and every child at once (SIGSTOP first, so no
/// child notices the others dying and exits cleanly in between).
fn kill_everything(s: &mut TestServer) {
    let pm = s.pid();
    let children = children_of(pm);
    // SAFETY: these are our server's processes.
    unsafe {
        libc::kill(pm, libc::SIGSTOP);
        for &c in &children {
            libc::kill(c, libc::SIGSTOP);
        }
        libc::kill(pm, libc::SIGKILL);
        for &c in &children {
            libc::kill(c, libc::SIGKILL);
        }
    }
    if let Some(mut child) = s.child.take() {
        let _ = child.wait();
    }
    assert!(wait_for(Duration::from_secs(30), || children.iter().all(|&c| !pid_alive(c))));
}

#[test]
fn uncommitted_rows_are_invisible_and_read_committed_sees_commits() {
    let s = TestServer::start("storage_visibility");
    let mut a = s.connect();
    let mut b = s.connect();
    exec(&mut a, "create table t (id int, v text)");
    exec(&mut a, "begin; insert into t values (1, 'one')");
    // b does not see a's uncommitted row; a sees its own.
    assert_eq!(one(&mut b, "select count(*) from t"), "0");
    assert_eq!(one(&mut a, "select count(*) from t"), "1");
    // REPEATABLE READ keeps its first snapshot; READ COMMITTED takes a new
    // one per statement.
    exec(&mut b, "begin isolation level repeatable read");
    assert_eq!(one(&mut b, "select count(*) from t"), "0");
    let mut rc = s.connect();
    exec(&mut rc, "begin isolation level read committed");
    assert_eq!(one(&mut rc, "select count(*) from t"), "0");
    exec(&mut a, "commit");
    assert_eq!(one(&mut b, "select count(*) from t"), "0");
    assert_eq!(one(&mut rc, "select count(*) from t"), "1");
    exec(&mut b, "commit");
    exec(&mut rc, "commit");
    assert_eq!(one(&mut b, "select v from t where id = 1"), "one");
}

#[test]
fn savepoints_over_rows() {
    let s = TestServer::start("storage_savepoints");
    let mut c = s.connect();
    exec(&mut c, "create table sp (id int)");
    exec(&mut c, "begin; insert into sp values (1); savepoint a; insert into sp values (2); savepoint b");
    exec(&mut c, "insert into sp values (3); rollback to b; insert into sp values (4); release a");
    exec(&mut c, "savepoint c; delete from sp where id = 1; rollback to c; commit");
    let got: Vec<String> =
        rows(&mut c, "select id from sp order by id").into_iter().map(|r| r[0].clone().unwrap()).collect();
    assert_eq!(got, ["1", "2", "4"]);
}

#[test]
fn rolled_back_ddl_leaves_nothing_and_ddl_is_seen_by_other_sessions() {
    let s = TestServer::start("storage_ddl");
    let mut a = s.connect();
    let mut b = s.connect();
    exec(&mut a, "begin; create table gone (x int); insert into gone values (1); create role ghost login; rollback");
    let e = query(&mut b, "select * from gone").unwrap_err();
    assert_eq!(sqlstate(&e), "42P01");
    assert_eq!(one(&mut b, "select count(*) from pg_class where relname = 'gone'"), "0");
    assert_eq!(one(&mut b, "select count(*) from pg_roles where rolname = 'ghost'"), "0");
    assert!(s.try_connect("ghost").is_err());
    // A role created by an open transaction cannot log in yet.
    exec(&mut a, "begin; create role pending login");
    assert!(s.try_connect("pending").is_err());
    exec(&mut a, "commit");
    assert!(s.try_connect("pending").is_ok());
    // DDL in one session is seen by the next statement of another.
    exec(&mut a, "create table seen (x int)");
    exec(&mut b, "insert into seen values (1)");
    exec(&mut a, "alter table seen add column y text");
    assert_eq!(rows(&mut b, "select x, y from seen"), vec![vec![Some("1".into()), None]]);
    exec(&mut a, "drop table seen");
    assert_eq!(sqlstate(&query(&mut b, "select * from seen").unwrap_err()), "42P01");
}

#[test]
fn committed_rows_survive_fast_shutdown_and_kill_9() {
    let mut s = TestServer::start_with("storage_crash", &[("shared_buffers", "1MB")]);
    let mut c = s.connect();
    exec(&mut c, "create table big (id int, v int, pad text)");
    exec(&mut c, "insert into big select g, g % 1000, repeat('x', 100) from generate_series(1, 50000) g");
    let expect_sum = one(&mut c, "select sum(v) from big");
    drop(c);
    // Fast shutdown and restart.
    s.stop();
    s.spawn(&[("shared_buffers", "1MB")]);
    let mut c = s.connect();
    assert_eq!(one(&mut c, "select count(*) from big"), "50000");
    assert_eq!(one(&mut c, "select sum(v) from big"), expect_sum);
    // Three rounds: commit a row, kill -9 every process, restart, find it.
    for round in 0..3 {
        exec(&mut c, &format!("insert into big values ({}, 0, 'last')", 100_000 + round));
        exec(&mut c, &format!("begin; insert into big values ({}, 0, 'uncommitted')", 200_000 + round));
        kill_everything(&mut s);
        s.spawn(&[("shared_buffers", "1MB")]);
        c = s.connect();
        assert_eq!(one(&mut c, &format!("select count(*) from big where id = {}", 100_000 + round)), "1");
        assert_eq!(one(&mut c, "select count(*) from big where id >= 200000"), "0");
        assert_eq!(one(&mut c, "select count(*) from big"), (50001 + round).to_string());
    }
}
